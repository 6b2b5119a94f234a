namespace Renewal.Policy.Kunshan2024;

/// <summary>
/// The rule IDs of POLICY.md as constants: the one spelling of "B-3" that the rules put in their traces, that
/// <see cref="Outcome.FailedRule"/> carries and that the pages, the matcher and the advice texts compare against.
/// </summary>
/// <remarks>
/// Each rule's text in Chinese is in <c>Kunshan2024/RULES.md</c> under the same ID. A constant is named by its ID
/// without the hyphen (<c>B3</c> = "B-3", <c>DE4</c> = "D-E4", <c>I10</c> = "I-10").
/// </remarks>
public static class RuleIds
{
    // Scheme A 重大示范项目 (Annex §1); "A" alone: the scheme is not in force in the year.
    public const string A = "A";
    public const string A1 = "A-1";
    public const string A2 = "A-2";
    public const string A3 = "A-3";
    public const string A4 = "A-4";

    // Scheme B 有效投入奖补 (Annex §2).
    public const string B = "B";
    public const string B1 = "B-1";
    public const string B2 = "B-2";
    public const string B3 = "B-3";
    public const string B4 = "B-4";

    // Scheme C 技改综合奖补 (Annex §3).
    public const string C = "C";
    public const string C1 = "C-1";
    public const string C2 = "C-2";
    public const string C3 = "C-3";
    public const string C4 = "C-4";
    public const string C5 = "C-5";

    // Scheme D 贷款贴息 (Annex §4, plan §三(二)): eligibility D-E1..D-E6, amounts D-1..D-10.
    public const string D = "D";
    public const string DE1 = "D-E1";
    public const string DE2 = "D-E2";
    public const string DE3 = "D-E3";
    public const string DE4 = "D-E4";
    public const string DE5 = "D-E5";
    public const string DE6 = "D-E6";
    public const string D1 = "D-1";
    public const string D2 = "D-2";
    public const string D3 = "D-3";
    public const string D4 = "D-4";
    public const string D5 = "D-5";
    public const string D6 = "D-6";
    public const string D7 = "D-7";
    public const string D8 = "D-8";
    public const string D9 = "D-9";
    public const string D10 = "D-10";

    // Interpretations of POLICY.md where the seed is silent or ambiguous.
    public const string I1 = "I-1";
    public const string I2 = "I-2";
    public const string I3 = "I-3";
    public const string I5 = "I-5";
    public const string I6 = "I-6";
    public const string I7 = "I-7";
    public const string I9 = "I-9";
    public const string I10 = "I-10";
    public const string I11 = "I-11";
    public const string I12 = "I-12";
    public const string I13 = "I-13";
    public const string I14 = "I-14";
    public const string I16 = "I-16";

    // Rule revisions V-1..V-6 (POLICY.md).
    public const string V1 = "V-1";
    public const string V2 = "V-2";
    public const string V3 = "V-3";
    public const string V4 = "V-4";
    public const string V5 = "V-5";
    public const string V6 = "V-6";

    // Renewal candidates R-1..R-4 (plan §二, Candidates/).
    public const string R1 = "R-1";
    public const string R2 = "R-2";
    public const string R3 = "R-3";
    public const string R4 = "R-4";

    // Programme targets T-1..T-5 (plan §一, Programme/programme-targets.yaml).
    public const string T1 = "T-1";
    public const string T2 = "T-2";
    public const string T3 = "T-3";
    public const string T4 = "T-4";
    public const string T5 = "T-5";
}
