using System.Globalization;
using Renewal.Policy.Explanation;

namespace Renewal.Policy.Kunshan2024.Safeguards;

/// <summary>What a register entry records (信用与事故记录的类别).</summary>
public enum RegisterKind
{
    /// <summary>失信名单 — listed as a dishonest party (严重失信主体名单); may be lifted (移出).</summary>
    Blacklist,
    /// <summary>重大安全事故.</summary>
    SafetyIncident,
    /// <summary>重大环境事故（生态环境）.</summary>
    EnvironmentIncident,
    /// <summary>重大质量事故.</summary>
    QualityIncident,
}

/// <summary>
/// One entry of the register (信用与事故记录) as the checks read it: for a blacklist entry the listing date and the date it
/// was lifted (移出日期) when known; for an incident the date of the event. <paramref name="Key"/> names the entry for an
/// override ("credit:12"); <paramref name="Source"/> is the issuing authority and document (or 信用中国 …).
/// </summary>
public sealed record RegisterEntry(string Key, RegisterKind Kind, DateOnly On, DateOnly? LiftedOn, string Source, string? Note = null);

/// <summary>Equipment funded by another programme (已获其他资金支持): which programme and year, the project, its invoices, the amount.</summary>
public sealed record FundingEntry(string Key, string Programme, int Year, string ProjectName, IReadOnlyList<string> Invoices, decimal Amount, string Source);

/// <summary>Another application of the platform (of another scheme, neither withdrawn nor rejected) and the invoices it declares.</summary>
public sealed record OtherApplication(string Key, string Number, string Scheme, IReadOnlyList<string> Invoices);

/// <summary>
/// What the checks read of one application on <paramref name="Day"/>: the register entries and other programmes' funding of
/// its enterprise, the platform's other applications, the application's own invoices, its project's name and the amount
/// to compare when it lists no invoice.
/// </summary>
public sealed record SafeguardInput(
    DateOnly Day,
    IReadOnlyList<RegisterEntry> Register,
    IReadOnlyList<string> Invoices,
    string? ProjectName,
    decimal? Amount,
    IReadOnlyList<FundingEntry> Funding,
    IReadOnlyList<OtherApplication> OtherApplications);

/// <summary>One failure of a check: the rule, the entry that failed it (its key for an override), why, and the entry's source.</summary>
public sealed record SafeguardFinding(string Rule, string EntryKey, string Text, string Source);

/// <summary>The checks' outcome: every trace line (passes too), and the failures.</summary>
public sealed record SafeguardResult(IReadOnlyList<TraceStep> Trace, IReadOnlyList<SafeguardFinding> Findings)
{
    public IEnumerable<SafeguardFinding> Of(string rule) => Findings.Where(f => f.Rule == rule);
}

/// <summary>The named parameter of the checks (ADR-031: not in parameters.yaml, the seed gives no such number).</summary>
public static class SafeguardParameters
{
    /// <summary>S-2: how many years before the day an incident still counts (近三年). The day exactly that many years before counts.</summary>
    public const int IncidentLookbackYears = 3;
}

/// <summary>
/// 拨付前核查 (issue 14 item 4): checks that real funds apply before money moves. Pure: the day and the entries are passed
/// in. The rule IDs S-1…S-3 are the platform's own (ADR-031), not POLICY.md's; each has its page in RULES.md.
/// </summary>
public static class SafeguardChecks
{
    public const string S1 = "S-1";
    public const string S2 = "S-2";
    public const string S3 = "S-3";

    /// <summary>The article a trace line of the checks cites: the platform's rule, not a clause of the seed.</summary>
    public const string Article = "平台核查规则（ADR-031）";

    public static readonly IReadOnlyList<string> All = [S1, S2, S3];

    /// <summary>The rule's name in Chinese.</summary>
    public static string Title(string rule) => rule switch
    {
        S1 => "未列入失信名单",
        S2 => "近三年无重大安全、环境、质量事故",
        S3 => "同一设备未获重复支持",
        _ => rule,
    };

    public static string Label(RegisterKind kind) => kind switch
    {
        RegisterKind.Blacklist => "失信名单",
        RegisterKind.SafetyIncident => "重大安全事故",
        RegisterKind.EnvironmentIncident => "重大环境事故",
        _ => "重大质量事故",
    };

    /// <summary>All three checks, in order.</summary>
    public static SafeguardResult Evaluate(SafeguardInput input, int lookbackYears = SafeguardParameters.IncidentLookbackYears)
    {
        ArgumentNullException.ThrowIfNull(input);
        var trace = new TraceBuilder();
        var findings = new List<SafeguardFinding>();
        findings.AddRange(Blacklist(input.Day, input.Register, trace));
        findings.AddRange(Incidents(input.Day, input.Register, lookbackYears, trace));
        findings.AddRange(DoubleFunding(input, trace));
        return new SafeguardResult(trace.Build(), findings);
    }

    /// <summary>
    /// S-1: on <paramref name="day"/> the enterprise is not on the blacklist: an entry listed on or before the day counts
    /// unless it was lifted on or before the day (移出日期当日起不再列入).
    /// </summary>
    public static IReadOnlyList<SafeguardFinding> Blacklist(DateOnly day, IReadOnlyList<RegisterEntry> register, TraceBuilder? trace = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        var found = register.Where(e => e.Kind == RegisterKind.Blacklist && IsListedOn(e, day))
            .Select(e => new SafeguardFinding(S1, e.Key,
                $"{D(day)} 在失信名单中：{D(e.On)} 列入{(e.LiftedOn is { } l ? $"，{D(l)} 移出" : "，尚未移出")}（来源：{e.Source}）", e.Source)).ToList();
        if (found.Count == 0) trace?.Holds(S1, Article, $"{D(day)} 不在失信名单中");
        foreach (var f in found) trace?.Fails(S1, Article, f.Text, "请向列入机关申请信用修复并取得移出证明，由市局登记移出日期");
        return found;
    }

    /// <summary>Whether a blacklist entry stands on <paramref name="day"/>: listed on or before it, not lifted on or before it.</summary>
    public static bool IsListedOn(RegisterEntry entry, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.On <= day && (entry.LiftedOn is not { } lifted || lifted > day);
    }

    /// <summary>
    /// S-2: no major safety, environmental or quality incident in the <paramref name="lookbackYears"/> years before
    /// <paramref name="day"/>: an incident dated from the same date that many years before (inclusive) up to the day counts.
    /// </summary>
    public static IReadOnlyList<SafeguardFinding> Incidents(DateOnly day, IReadOnlyList<RegisterEntry> register, int lookbackYears = SafeguardParameters.IncidentLookbackYears,
        TraceBuilder? trace = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentOutOfRangeException.ThrowIfNegative(lookbackYears);
        var from = WindowStart(day, lookbackYears);
        var found = register.Where(e => e.Kind != RegisterKind.Blacklist && e.On >= from && e.On <= day)
            .Select(e => new SafeguardFinding(S2, e.Key, $"{D(e.On)} 发生{Label(e.Kind)}，在 {D(from)} 至 {D(day)} 的近 {lookbackYears} 年内（来源：{e.Source}）", e.Source)).ToList();
        if (found.Count == 0) trace?.Holds(S2, Article, $"{D(from)} 至 {D(day)} 无重大安全、环境、质量事故记录");
        foreach (var f in found) trace?.Fails(S2, Article, f.Text, $"事故发生满 {lookbackYears} 年后方可申请；记录有误的，请向市局提供来源机关的更正文件");
        return found;
    }

    /// <summary>The first day an incident still counts: the same date <paramref name="years"/> years before (29 February → 28 February).</summary>
    public static DateOnly WindowStart(DateOnly day, int years) => day.AddYears(-years);

    /// <summary>
    /// S-3: the same equipment is not funded twice. With invoices: an invoice number of the application that is in another
    /// programme's funding register or in another platform application (of another scheme, not withdrawn or rejected).
    /// Without invoices on either side of a funding entry: the same project name and an equal amount.
    /// </summary>
    public static IReadOnlyList<SafeguardFinding> DoubleFunding(SafeguardInput input, TraceBuilder? trace = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var mine = input.Invoices.Select(Invoice).Where(i => i.Length > 0).ToHashSet(StringComparer.Ordinal);
        var found = new List<SafeguardFinding>();
        foreach (var f in input.Funding)
        {
            var theirs = f.Invoices.Select(Invoice).Where(i => i.Length > 0).ToList();
            if (mine.Count > 0 && theirs.Count > 0)
            {
                var same = theirs.Where(mine.Contains).Distinct().ToList();
                if (same.Count > 0)
                    found.Add(new(S3, f.Key, $"发票 {string.Join("、", same)} 已获{f.Programme}（{f.Year} 年，项目“{f.ProjectName}”，{Money(f.Amount)} 元）支持（来源：{f.Source}）", f.Source));
            }
            else if (input.ProjectName is { } name && input.Amount is { } amount && SameName(name, f.ProjectName) && amount == f.Amount)
            {
                found.Add(new(S3, f.Key, $"项目“{f.ProjectName}”的 {Money(f.Amount)} 元已获{f.Programme}（{f.Year} 年）支持：未列发票号，按同一项目、金额相同判断（来源：{f.Source}）", f.Source));
            }
        }
        foreach (var a in input.OtherApplications)
        {
            var same = a.Invoices.Select(Invoice).Where(mine.Contains).Distinct().ToList();
            if (same.Count > 0)
                found.Add(new(S3, a.Key, $"发票 {string.Join("、", same)} 已在本平台申报 {a.Number}（{a.Scheme}）中申报", $"本平台申报 {a.Number}"));
        }
        if (found.Count == 0)
            trace?.Holds(S3, Article, mine.Count > 0 ? $"所列 {mine.Count} 张设备发票未获其他资金支持" : "未列设备发票；按项目与金额未发现其他资金支持");
        foreach (var f in found) trace?.Fails(S3, Article, f.Text, "同一设备不得重复享受支持：请删去已获支持设备的发票并相应调整申报数据，或向市局说明并提供证明");
        return found;
    }

    /// <summary>An invoice number as compared: NFKC (full-width digits become ASCII), blanks removed, upper case.</summary>
    public static string Invoice(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var text = number.Normalize(System.Text.NormalizationForm.FormKC);
        return new string([.. text.Where(c => !char.IsWhiteSpace(c))]).ToUpperInvariant();
    }

    private static bool SameName(string a, string b) => string.Equals(Invoice(a), Invoice(b), StringComparison.Ordinal);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal v) => v.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
