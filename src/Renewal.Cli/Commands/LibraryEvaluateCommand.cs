using System.CommandLine;
using System.Globalization;
using Renewal.Data;
using Spectre.Console;
using Renewal.Services;

namespace Renewal.Cli.Commands;

/// <summary><c>renewal library evaluate --year Y [--set …] [--as-of DATE] [--store]</c>: the engine over the whole library.</summary>
internal static class LibraryEvaluateCommand
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["demonstration"] = "示范项目", ["effective_investment"] = "有效投入", ["tech_renovation"] = "技改综合",
        ["loan_interest.central"] = "贴息·中央", ["loan_interest.province"] = "贴息·省级",
        ["loan_interest.suzhou"] = "贴息·苏州", ["loan_interest.kunshan"] = "贴息·昆山",
    };

    public static Command Create(CliOutput io, TimeProvider clock)
    {
        var year = new Option<int>("--year") { Description = "奖补年度", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "按该日（yyyy-MM-dd）及以前的季度进展还原项目状态" };
        var store = new Option<bool>("--store") { Description = "把计算结果保存为该年度的“已测算”奖补决定（不影响已批准、已拨付的）" };
        var set = Common.SetOption();
        var db = Common.DbOption();
        var command = new Command("evaluate", "用政策引擎测算整个项目库：按政策、层级和区镇汇总") { year, asOf, store, set, db };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var engine = Common.Engine(r.GetValue(set), null);
            DateOnly? date = r.GetValue(asOf) is { } text
                ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                    : throw new CliException($"--as-of 应为 yyyy-MM-dd：{text}")
                : null;
            using var library = Common.OpenLibrary(r.GetValue(db));
            var y = r.GetValue(year);
            var scenario = LibraryScenario.Build(library, y, date);
            var result = engine.Evaluate(scenario, explain: r.GetValue(store));
            var totals = LibraryEvaluation.Totals(scenario, result);
            Write(io.Out, scenario.Name, scenario, totals, engine.Parameters.Fingerprint);
            if (r.GetValue(store))
            {
                var n = LibraryEvaluation.Store(library, result, engine.Parameters.Fingerprint, clock.GetUtcNow());
                io.Out.WriteLine($"已保存 {n} 条“已测算”奖补决定（参数版本 {engine.Parameters.Fingerprint}）。");
            }
            return 0;
        }));
        return command;
    }

    private static void Write(TextWriter w, string title, Policy.Model.Scenario scenario, LibraryTotals totals, string version)
    {
        w.WriteLine($"{title}：企业 {scenario.Enterprises.Length} 家，项目 {scenario.Projects.Length} 个，贷款 {scenario.Loans.Length} 笔；参数版本 {version}");
        var console = TableOutput.Console(w);
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("区镇");
        foreach (var c in LibraryEvaluation.Columns) table.AddColumn(new TableColumn(Labels[c]).RightAligned());
        table.AddColumn(new TableColumn("合计（元）").RightAligned());
        foreach (var (area, row) in totals.ByArea)
            table.AddRow([Markup.Escape(area), .. LibraryEvaluation.Columns.Select(c => Yuan(row[c])), Yuan(row.Values.Sum())]);
        table.AddRow(["全市", .. LibraryEvaluation.Columns.Select(c => Yuan(totals.BySchemeAndLevel[c])), Yuan(totals.Total)]);
        console.Write(table);
        w.WriteLine($"获奖补（金额非零）条目 {totals.EligibleLines} 条；总计 {Yuan(totals.Total)} 元（{(totals.Total / 10000m).ToString("#,##0.##", CultureInfo.InvariantCulture)} 万元）");
    }

    private static string Yuan(decimal v) => v.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
