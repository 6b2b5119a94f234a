using System.Globalization;

namespace Renewal.Policy.Kunshan2024.Candidates;

/// <summary>The renewal-candidate rules R-1..R-4 of POLICY.md ("The twelve tasks"), as flags for fast counting.</summary>
[Flags]
public enum CandidateHits
{
    None = 0,
    /// <summary>R-1: a machine tool in service for more than the catalogue's limit (10 years).</summary>
    R1 = 1,
    /// <summary>R-2: a key energy-using item below the energy-saving grade (or unrated, ADR-010).</summary>
    R2 = 2,
    /// <summary>R-3: an item of a hazardous-chemical catalogue.</summary>
    R3 = 4,
    /// <summary>R-4: past its design service life.</summary>
    R4 = 8,
    /// <summary>Not a rule: the R-2 item has no grade on record (counted apart so the bureau sees how many need checking).</summary>
    Unrated = 16,
}

/// <summary>What the rules read of an inventory item (a projection: no entity, so 100,000s of items stream cheaply).</summary>
/// <param name="Type">Equipment type id of the catalogue.</param>
/// <param name="CommissioningYear">Year put into service.</param>
/// <param name="EfficiencyGrade">能效等级 (1 best), null when none is on record.</param>
/// <param name="DesignLifeYears">The item's own design life, or null (the type's typical value applies).</param>
/// <param name="HazardousCatalogueItem">The catalogue entry it is listed under, or null.</param>
public readonly record struct ItemFacts(string Type, int CommissioningYear, int? EfficiencyGrade, int? DesignLifeYears, string? HazardousCatalogueItem);

/// <summary>One reason an item is a renewal candidate.</summary>
/// <param name="Rule">R-1 … R-4.</param>
/// <param name="Label">The rule in a few words (超期服役机床 …).</param>
/// <param name="PlanText">The plan's words the rule rests on, with its task.</param>
/// <param name="Detail">Why this item: the facts against the line.</param>
/// <param name="Suggestion">What to renew it to.</param>
public sealed record CandidateReason(string Rule, string Label, string PlanText, string Detail, string Suggestion);

/// <summary>
/// R-1..R-4 over an item and a reference year (passed in — no clock: the same inventory read for 2024 and for 2027 gives
/// different candidates, and a test or a report names its year). Years in service = reference year − commissioning
/// year. Boundaries (ADR-010): "more than" is strict for both R-1 and R-4 — a machine tool at exactly 10 years is not a
/// candidate, at 11 it is; an item at exactly its design life is in its last year, one more year makes it a candidate.
/// R-2 flags a key energy-using item whose grade number is above the energy-saving grade (3 &gt; 2), and one with no
/// grade on record when the catalogue says so (<c>unrated_key_energy_is_candidate</c>).
/// </summary>
public sealed class CandidateRules
{
    public const string R1 = RuleIds.R1;
    public const string R2 = RuleIds.R2;
    public const string R3 = RuleIds.R3;
    public const string R4 = RuleIds.R4;

    /// <summary>The rule ids in order.</summary>
    public static readonly IReadOnlyList<string> All = [R1, R2, R3, R4];

    private static readonly string[] GradeWords = ["零", "一", "二", "三", "四", "五"];

    private readonly EquipmentCatalogue _catalogue;

    public CandidateRules(EquipmentCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        _catalogue = catalogue;
    }

    /// <summary>The rules over the embedded catalogue.</summary>
    public static CandidateRules Default { get; } = new(EquipmentCatalogue.Default);

    public EquipmentCatalogue Catalogue => _catalogue;

    /// <summary>The flag of a rule id.</summary>
    /// <exception cref="ArgumentException">Not R-1..R-4.</exception>
    public static CandidateHits Flag(string rule) => rule switch
    {
        R1 => CandidateHits.R1,
        R2 => CandidateHits.R2,
        R3 => CandidateHits.R3,
        R4 => CandidateHits.R4,
        _ => throw new ArgumentException($"规则应为 R-1、R-2、R-3 或 R-4：{rule}", nameof(rule)),
    };

    /// <summary>R-1 … R-4 in a few words.</summary>
    public static string Label(string rule) => rule switch
    {
        R1 => "超期服役机床",
        R2 => "未达节能水平的重点用能设备",
        R3 => "淘汰落后危险化学品工艺设备",
        R4 => "超过设计使用年限",
        _ => rule,
    };

    /// <summary>The plan's words each rule rests on (行动计划 §二).</summary>
    public static string PlanText(string rule) => rule switch
    {
        R1 => "加快淘汰落后低效设备、超期服役老旧设备；工业母机行业需更新服役超十年的机床（任务 1）",
        R2 => "推动锅炉、电机、变压器、制冷供热空压机、换热器、泵等重点用能设备更新换代，推广应用能效二级及以上节能设备（任务 9）",
        R3 => "组织企业对照淘汰落后危险化学品安全生产工艺技术设备目录全面自查，推动相关企业迅速制定改造方案，做到应改尽改、能改快改（任务 11）",
        R4 => "加快淘汰落后低效设备、超期服役老旧设备（任务 1）",
        _ => rule,
    };

    /// <summary>The rules an item meets as of <paramref name="year"/> (fast path: no text).</summary>
    public CandidateHits Flags(in ItemFacts item, int year)
    {
        var type = item.Type is null ? null : _catalogue.FindType(item.Type);
        var age = year - item.CommissioningYear;
        var flags = CandidateHits.None;
        if (type is { MachineTool: true } && age > _catalogue.MachineToolMaxServiceYears) flags |= CandidateHits.R1;
        if (type is { KeyEnergy: true })
        {
            if (item.EfficiencyGrade is { } grade)
            {
                if (grade > _catalogue.EnergySavingGrade) flags |= CandidateHits.R2;
            }
            else if (_catalogue.UnratedKeyEnergyIsCandidate)
            {
                flags |= CandidateHits.R2 | CandidateHits.Unrated;
            }
        }
        if (!string.IsNullOrWhiteSpace(item.HazardousCatalogueItem)) flags |= CandidateHits.R3;
        if ((item.DesignLifeYears ?? type?.DesignLifeYears) is { } life && age > life) flags |= CandidateHits.R4;
        return flags;
    }

    /// <summary>
    /// The reasons an item is a candidate as of <paramref name="year"/>, each with the plan's text, the facts and a
    /// suggestion; <paramref name="industry"/> is the enterprise's plan industry (its task 1–2 lists shape the suggestion).
    /// </summary>
    public IReadOnlyList<CandidateReason> Reasons(in ItemFacts item, PlanIndustry? industry, int year)
    {
        var flags = Flags(item, year);
        if (flags == CandidateHits.None) return [];
        var type = _catalogue.FindType(item.Type);
        var typeName = type?.Name ?? item.Type;
        var age = year - item.CommissioningYear;
        var since = $"{N(item.CommissioningYear)} 年投用，至 {N(year)} 年已服役 {N(age)} 年";
        var reasons = new List<CandidateReason>(4);

        if (flags.HasFlag(CandidateHits.R1))
        {
            reasons.Add(new(R1, Label(R1), PlanText(R1),
                $"{typeName}{since}，超过 {N(_catalogue.MachineToolMaxServiceYears)} 年",
                Renew(type, industry, "更新为数控化、智能化的新机床")));
        }
        if (flags.HasFlag(CandidateHits.R2))
        {
            var line = $"能效{GradeWords[_catalogue.EnergySavingGrade]}级及以上";
            var detail = item.EfficiencyGrade is { } g
                ? $"重点用能设备（{typeName}）能效{Grade(g)}级，未达节能水平（{line}）"
                : $"重点用能设备（{typeName}）台账未登记能效等级，无法确认达到节能水平（{line}），请核实并补登";
            reasons.Add(new(R2, Label(R2), PlanText(R2), detail,
                $"更换为{line}的{typeName}{(type?.Standard is { } std ? $"（{std}）" : "")}"));
        }
        if (flags.HasFlag(CandidateHits.R3))
        {
            var entry = item.HazardousCatalogueItem!.Trim();
            var catalogue = _catalogue.HazardousCatalogueOf(entry);
            var document = catalogue?.Document ?? "淘汰落后危险化学品安全生产工艺技术设备目录";
            reasons.Add(new(R3, Label(R3), PlanText(R3),
                catalogue is null ? $"列入淘汰落后危险化学品安全生产工艺技术设备目录（{entry}）" : $"列入{catalogue.Title}（{entry}）",
                $"对照{document}制定改造方案，淘汰该工艺设备，更新为先进适用的安全工艺装备（任务 11、12），做到应改尽改、能改快改"));
        }
        if (flags.HasFlag(CandidateHits.R4))
        {
            var life = item.DesignLifeYears ?? type!.DesignLifeYears;
            var source = item.DesignLifeYears is null ? $"按{typeName}典型设计寿命" : "台账登记";
            var energy = type is { KeyEnergy: true } ? $"，新设备选用能效{GradeWords[_catalogue.EnergySavingGrade]}级及以上" : "";
            reasons.Add(new(R4, Label(R4), PlanText(R4),
                $"{since}，超过设计使用年限 {N(life)} 年（{source}）",
                Renew(type, industry, $"报废更新{typeName}") + energy));
        }
        return reasons;
    }

    /// <summary>
    /// What to renew to: the base advice, the plan's sentence when task 1 names this equipment for the enterprise's
    /// industry, and the equipment task 2 asks the industry to upgrade to.
    /// </summary>
    private string Renew(EquipmentType? type, PlanIndustry? industry, string advice)
    {
        if (industry is null) return advice;
        var text = advice;
        if (type is not null && industry.Replace.Contains(type.Id) && industry.PlanText is { } plan)
            text += $"（计划任务 {N(industry.Task ?? 1)}：{plan}）";
        if (industry.UpgradeTo.Count > 0)
        {
            var names = industry.UpgradeTo.Select(id => _catalogue.FindType(id)?.Name ?? id).Distinct(StringComparer.Ordinal);
            text += $"；{industry.Name}行业计划鼓励更新为：{string.Join("、", names)}";
        }
        return text;
    }

    private static string Grade(int g) => g >= 0 && g < GradeWords.Length ? GradeWords[g] : N(g);

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
