using Renewal.Policy.Explanation;
using Renewal.Policy.Model;

namespace Renewal.Policy.Kunshan2024;

/// <summary>The result of one scheme for one subject, before it becomes an <see cref="AwardLine"/>.</summary>
/// <remarks>
/// Held without a reference (the failed rule is a one-byte code of <see cref="RuleCodes"/>), so that the outcome
/// arrays of a library run — two a project — are 24 bytes an element, copied without GC write barriers and never
/// scanned by the GC.
/// </remarks>
public struct Outcome
{
    private Money _amount;
    private byte _rule;
    private byte _flags;

    private const byte EligibleFlag = 1, AssumedFlag = 2;

    /// <summary>Rounded to the fen.</summary>
    public Money Amount { readonly get => _amount; set => _amount = value; }

    public bool Eligible
    {
        readonly get => (_flags & EligibleFlag) != 0;
        set => _flags = value ? (byte)(_flags | EligibleFlag) : (byte)(_flags & ~EligibleFlag);
    }

    /// <summary>The first rule that failed, or the rule that set the amount to zero (I-5).</summary>
    public string? FailedRule { readonly get => RuleCodes.Name(_rule); set => _rule = RuleCodes.Of(value); }

    public bool Assumed
    {
        readonly get => (_flags & AssumedFlag) != 0;
        set => _flags = value ? (byte)(_flags | AssumedFlag) : (byte)(_flags & ~AssumedFlag);
    }

    /// <summary>True when a rule failed (or I-5 zeroed the amount): <c>FailedRule is not null</c> without the lookup.</summary>
    internal readonly bool Failed => _rule != 0;

    /// <summary>Sets the failed rule by its code (the hot path: no lookup).</summary>
    internal void Fail(byte rule) => _rule = rule;

    /// <summary>Records a condition: the first failure is remembered; the trace gets every condition.</summary>
    internal bool Require(bool holds, string rule, string article, TraceBuilder? trace, string? text, string? advice = null)
    {
        if (trace is not null) trace.Check(holds, rule, article, text ?? "", holds ? null : advice);
        if (!holds && _rule == 0) _rule = RuleCodes.Of(rule);
        return holds;
    }
}

/// <summary>
/// One-byte codes for the rule ids an <see cref="Outcome"/> names: every <see cref="RuleIds"/> constant has a fixed
/// code, and any other text set through <see cref="Outcome.FailedRule"/> is given the next free code (up to 255), so
/// that the same text always comes back — the same string instance for the <see cref="RuleIds"/> constants.
/// </summary>
internal static class RuleCodes
{
    private static readonly object Gate = new();
    private static string?[] _names;
    private static readonly System.Collections.Frozen.FrozenDictionary<string, byte> Codes = Build(out _names);
    private static Dictionary<string, byte>? _extra;

    // The codes the investment schemes set on their fast path (positions in the table built below).
    public static readonly byte A = Of(RuleIds.A), A1 = Of(RuleIds.A1), A2 = Of(RuleIds.A2), A3 = Of(RuleIds.A3);
    public static readonly byte B = Of(RuleIds.B), B1 = Of(RuleIds.B1), B2 = Of(RuleIds.B2), B3 = Of(RuleIds.B3);
    public static readonly byte C = Of(RuleIds.C), C1 = Of(RuleIds.C1), C2 = Of(RuleIds.C2);
    public static readonly byte I5 = Of(RuleIds.I5);

    private static System.Collections.Frozen.FrozenDictionary<string, byte> Build(out string?[] names)
    {
        var ids = typeof(RuleIds).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        names = new string?[ids.Count + 1];
        var codes = new Dictionary<string, byte>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            // The interned literal, so that FailedRule returns the very instance RuleIds holds.
            names[i + 1] = string.Intern(ids[i]);
            codes[ids[i]] = (byte)(i + 1);
        }
        return System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(codes, StringComparer.Ordinal);
    }

    public static string? Name(byte code) => _names[code];

    public static byte Of(string? rule)
    {
        if (rule is null) return 0;
        if (Codes.TryGetValue(rule, out var code)) return code;
        lock (Gate)
        {
            _extra ??= new(StringComparer.Ordinal);
            if (_extra.TryGetValue(rule, out code)) return code;
            if (_names.Length > byte.MaxValue) throw new InvalidOperationException($"too many distinct failed-rule texts (more than 255): {rule}");
            code = (byte)_names.Length;
            _names = [.. _names, rule];
            _extra[rule] = code;
            return code;
        }
    }
}

/// <summary>What the investment schemes need to know about one project in award year Y, computed once.</summary>
internal readonly struct ProjectFacts
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ProjectFacts(Project p, int year)
    {
        // The hot path of a library run: decimal additions are skipped for zeros (most values), so a typical
        // project costs at most one addition here.
        decimal before = 0, eq = 0, dig = 0, priorB = 0;
        foreach (var inv in p.Investment)
        {
            if (inv.Year < year)
            {
                var d = inv.Digital.Yuan;
                if (d != 0m) before = before == 0m ? d : before + d;
            }
            else if (inv.Year == year)
            {
                eq = inv.Equipment.Yuan;
                dig = inv.Digital.Yuan;
            }
        }
        var priorA = false;
        foreach (var a in p.PriorAwards)
        {
            if (a.Scheme == Scheme.Demonstration) priorA = true;
            else if (a.Scheme == Scheme.EffectiveInvestment) priorB += a.Amount.Yuan;
        }
        // Sums of amounts (each ≥ 0): no sign check.
        CumulativeDigital = Money.Trusted(dig == 0m ? before : before == 0m ? dig : before + dig);
        CumulativeDigitalBefore = Money.Trusted(before);
        Equipment = Money.Trusted(eq);
        Digital = Money.Trusted(dig);
        HasPriorDemonstrationAward = priorA;
        PriorEffectiveInvestmentAwards = Money.Trusted(priorB);
    }

    /// <summary>Σ digital of all years ≤ Y .</summary>
    public Money CumulativeDigital { get; }
    /// <summary>Σ digital of all years &lt; Y (A-3 when completion is not required).</summary>
    public Money CumulativeDigitalBefore { get; }
    /// <summary>Equipment investment in Y (B-3, C-2).</summary>
    public Money Equipment { get; }
    /// <summary>Digital investment in Y (C-4).</summary>
    public Money Digital { get; }
    public bool HasPriorDemonstrationAward { get; }
    public Money PriorEffectiveInvestmentAwards { get; }
}
