using System.Collections.Immutable;
using System.Globalization;
using Renewal.Policy;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

namespace Renewal.Services.Workflow;

/// <summary>One figure that differs between two declarations: where (项目 P01 智能产线), which figure, from what, to what — in Chinese.</summary>
public sealed record DeclarationChange(string Item, string Field, string Before, string After);

/// <summary>
/// What changed between two versions of a declaration (or between a declaration and the library now), figure by figure,
/// in the words of the forms: every reviewer sees it next to the award before and after. Pure.
/// </summary>
public static class DeclarationDiff
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const string None = "（无）";

    /// <summary>Every declared figure that differs, enterprise first, then projects and loans in their order; the committed earlier awards are left out.</summary>
    public static IReadOnlyList<DeclarationChange> Between(Scenario before, Scenario after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<DeclarationChange>();
        foreach (var (b, a) in Pair(before.Enterprises, after.Enterprises, e => e.Id))
        {
            var item = "企业 " + (a ?? b)!.Name;
            Compare(changes, item, "企业名称", b?.Name, a?.Name);
            Compare(changes, item, "所属区镇", b?.Area, a?.Area);
            Compare(changes, item, "行业代码", b?.Industry.Value, a?.Industry.Value);
        }
        foreach (var (b, a) in Pair(before.Projects, after.Projects, p => p.Id))
        {
            var p = (a ?? b)!;
            var item = $"项目 {ProjectCode(p.Id)} {p.Name}";
            if (b is null || a is null)
            {
                changes.Add(new(item, "项目", b is null ? None : "已申报", a is null ? "已删除" : "新增"));
                continue;
            }
            Compare(changes, item, "项目名称", b.Name, a.Name);
            Compare(changes, item, "项目类型", Vocabulary.Label(b.Kind), Vocabulary.Label(a.Kind));
            Compare(changes, item, "项目状态", Vocabulary.Label(b.Status), Vocabulary.Label(a.Status));
            Compare(changes, item, "竣工日期", Date(b.CompletedOn), Date(a.CompletedOn));
            Compare(changes, item, "重点任务", List(b.Tasks.Select(Vocabulary.TaskLabel)), List(a.Tasks.Select(Vocabulary.TaskLabel)));
            Compare(changes, item, "产业创新集群", List(b.Clusters.Select(Vocabulary.Label)), List(a.Clusters.Select(Vocabulary.Label)));
            Compare(changes, item, "重大安全生产技术改造", YesNo(b.SafetyRenovation), YesNo(a.SafetyRenovation));
            Compare(changes, item, "智能化数字化改造场景", List(b.DigitalScopes.Select(Vocabulary.Label)), List(a.DigitalScopes.Select(Vocabulary.Label)));
            foreach (var year in b.Investment.Select(i => i.Year).Union(a.Investment.Select(i => i.Year)).Order())
            {
                var ib = b.Investment.Where(i => i.Year == year).Select(i => (YearInvestment?)i).FirstOrDefault();
                var ia = a.Investment.Where(i => i.Year == year).Select(i => (YearInvestment?)i).FirstOrDefault();
                Compare(changes, item, $"{year} 年设备投资", Yuan(ib?.Equipment), Yuan(ia?.Equipment));
                Compare(changes, item, $"{year} 年智能化数字化投入", Yuan(ib?.Digital), Yuan(ia?.Digital));
            }
        }
        foreach (var (b, a) in Pair(before.Loans, after.Loans, l => l.Id))
        {
            var item = "贷款 " + (a ?? b)!.Id;
            if (b is null || a is null)
            {
                changes.Add(new(item, "贷款", b is null ? None : "已申报", a is null ? "已删除" : "新增"));
                continue;
            }
            Compare(changes, item, "贷款类别", Vocabulary.Label(b.Category), Vocabulary.Label(a.Category));
            Compare(changes, item, "所属项目", ProjectCode(b.ProjectId), ProjectCode(a.ProjectId));
            Compare(changes, item, "贷款本金", Yuan(b.Principal), Yuan(a.Principal));
            Compare(changes, item, "合同年利率", Percent(b.Rate), Percent(a.Rate));
            Compare(changes, item, "放款日", Date(b.IssuedOn), Date(a.IssuedOn));
            Compare(changes, item, "到期日", Date(b.MaturesOn), Date(a.MaturesOn));
            Compare(changes, item, "用于设备投资的金额", Yuan(b.EquipmentAmount), Yuan(a.EquipmentAmount));
            Compare(changes, item, "经苏州综合金融服务平台", YesNo(b.ViaSuzhouPlatform), YesNo(a.ViaSuzhouPlatform));
            Compare(changes, item, "审核同意的贴息层级", Approvals(b.Approvals), Approvals(a.Approvals));
            Compare(changes, item, "还款记录", Repayments(b.Repayments), Repayments(a.Repayments));
        }
        return changes;
    }

    /// <summary>The committed awards of earlier years that differ (project by project): why an approval can differ from its submission.</summary>
    public static IReadOnlyList<DeclarationChange> PriorAwards(Scenario before, Scenario after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<DeclarationChange>();
        foreach (var (b, a) in Pair(before.Projects, after.Projects, p => p.Id))
        {
            var p = (a ?? b)!;
            Compare(changes, $"项目 {ProjectCode(p.Id)} {p.Name}", "此前年度已批准的奖补", Prior(b?.PriorAwards ?? []), Prior(a?.PriorAwards ?? []));
        }
        return changes;
    }

    private static void Compare(List<DeclarationChange> changes, string item, string field, string? before, string? after)
    {
        if (!string.Equals(before ?? None, after ?? None, StringComparison.Ordinal)) changes.Add(new(item, field, before ?? None, after ?? None));
    }

    /// <summary>Items of both sides matched by id: before's order, then the items only after has.</summary>
    private static IEnumerable<(T? Before, T? After)> Pair<T>(ImmutableArray<T> before, ImmutableArray<T> after, Func<T, string> id) where T : class
    {
        var later = after.IsDefault ? [] : after.ToDictionary(id, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in before.IsDefault ? [] : before)
        {
            seen.Add(id(b));
            yield return (b, later.GetValueOrDefault(id(b)));
        }
        foreach (var a in after.IsDefault ? [] : after)
            if (!seen.Contains(id(a))) yield return (null, a);
    }

    private static string ProjectCode(string key) => key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private static string Yuan(Money? m) => m is { } v ? v.Yuan.ToString("#,##0.00", Inv) + " 元" : None;

    private static string Percent(Rate r) => (r.Fraction * 100).ToString("0.####", Inv) + "%";

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", Inv) ?? None;

    private static string YesNo(bool b) => b ? "是" : "否";

    private static string List(IEnumerable<string> items) => string.Join("、", items) is { Length: > 0 } s ? s : None;

    private static string Approvals(ImmutableArray<Level>? levels) =>
        levels is { } l ? List(l.Select(Vocabulary.Label)) : "各级均同意（未另行记录）";

    private static string Repayments(ImmutableArray<Repayment> repayments) =>
        List(repayments.Select(r => $"{r.Date.ToString("yyyy-MM-dd", Inv)} 还款 {r.Amount.Yuan.ToString("#,##0.00", Inv)} 元"));

    private static string Prior(ImmutableArray<PriorAward> awards) =>
        List(awards.Select(a => $"{a.Year} 年{Vocabulary.Label(a.Scheme)} {a.Amount.Yuan.ToString("#,##0.00", Inv)} 元"));
}
