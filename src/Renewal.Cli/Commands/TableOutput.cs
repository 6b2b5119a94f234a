using Renewal.Policy;
using Renewal.Policy.Explanation;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Spectre.Console;

namespace Renewal.Cli.Commands;

/// <summary>People's output: Chinese tables, and with <c>--explain</c> the rules behind each amount.</summary>
internal static class TableOutput
{
    public static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        return console;
    }

    public static void Write(TextWriter writer, IEnumerable<ScenarioResult> results, bool explain)
    {
        var console = Console(writer);
        foreach (var r in results)
        {
            console.WriteLine($"场景：{r.Name}（{r.Year} 年度）");
            if (r.Revisions.Count > 0 || r.KnownOn is not null)
                console.WriteLine($"规则修订：{(r.Revisions.Count == 0 ? "无" : string.Join("、", r.Revisions))}{(r.KnownOn is { } k ? $"（按 {k:yyyy-MM-dd} 已公布的规则）" : "")}");
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns("政策", "企业", "项目", "贷款", "层级", "是否符合", "金额（元）", "说明");
            table.Columns[6].RightAligned();
            foreach (var a in r.Awards)
            {
                table.AddRow(
                    Markup.Escape(Codes.Label(a.Scheme)),
                    Markup.Escape(a.Enterprise),
                    Markup.Escape(a.Scheme == Scheme.TechRenovation ? "" : a.Project ?? ""),
                    Markup.Escape(a.Loan ?? ""),
                    a.Level is { } l ? Codes.Label(l) : "",
                    a.Eligible ? "符合" : "不符合",
                    Amount(a.Amount),
                    Markup.Escape(Note(a)));
            }
            console.Write(table);
            var t = r.Totals;
            console.WriteLine($"合计：示范项目 {Amount(t.Demonstration)}；有效投入 {Amount(t.EffectiveInvestment)}；技改综合 {Amount(t.TechRenovation)}；"
                + $"贴息 中央 {Amount(t.LoanInterest(Level.Central))} / 省级 {Amount(t.LoanInterest(Level.Province))} / 苏州 {Amount(t.LoanInterest(Level.Suzhou))} / 昆山 {Amount(t.LoanInterest(Level.Kunshan))}；总计 {Amount(t.Total)}");
            if (explain) WriteTraces(writer, r);
            console.WriteLine();
        }
    }

    private static void WriteTraces(TextWriter w, ScenarioResult r)
    {
        foreach (var a in r.Awards)
        {
            w.WriteLine();
            w.WriteLine($"■ {Policy.Scenarios.Expectations.Describe(a)}：{(a.Eligible ? "符合" : "不符合")}，{Amount(a.Amount)} 元{(a.Assumed ? $"  ⚠ 使用了暂定值（{Citations.AssumedWords}）" : "")}");
            foreach (var s in a.Trace)
            {
                var mark = s.Status switch
                {
                    RuleStatus.Holds => "✓",
                    RuleStatus.Fails => "✗",
                    RuleStatus.NotApplicable => "－",
                    _ => "＝",
                };
                w.WriteLine($"   {mark} {s.Rule,-5} [{Citations.Chinese(s.Article)}] {Citations.Explained(s.Text)}{(s.Assumed ? "  ⚠ " + Citations.AssumedWords : "")}");
            }
        }
    }

    private static string Note(AwardLine a)
    {
        var parts = new List<string>(2);
        if (a.FailedRule is { } f) parts.Add(f == "I-5" ? $"A/B 就高不重复（{Citations.Interpretation("I-5")}）" : (a.Eligible ? $"{f}" : $"未满足 {f}"));
        if (a.Assumed) parts.Add("含暂定值（" + Citations.AssumedWords + "）");
        return string.Join("；", parts);
    }

    public static string Amount(Money m) => m.RoundToFen().Yuan.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);
}
