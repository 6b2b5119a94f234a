using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Renewal.Services.Budget;
using Renewal.Services.Simulation;
using Renewal.Policy.Kunshan2024.Programme;

namespace Renewal.Cli.Commands;

/// <summary>
/// <c>renewal simulate --set name=value … --year Y [--db PATH] [--top N] [--format table|json]</c>: the cost of a
/// parameter change over the whole library — baseline, changed and difference by scheme and level, fiscal level and
/// area, and the enterprises most affected.
/// </summary>
internal static class SimulateCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliOutput io)
    {
        var year = new Option<int>("--year") { Description = $"奖补年度（{ProgrammeYears.Text}）", Required = true };
        var set = Common.SetOption();
        var db = Common.DbOption();
        var top = new Option<int>("--top") { Description = "列出受影响最大的企业数（默认 10）", DefaultValueFactory = _ => 10 };
        var format = new Option<string>("--format") { Description = "输出格式：table（默认）或 json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("simulate", "政策模拟：修改参数后重算整个项目库，按政策、层级、区镇列出差额和受影响最大的企业")
        {
            year, set, db, top, format,
        };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var overrides = Common.ParseSets(r.GetValue(set));
            var engine = Renewal.Policy.Kunshan2024.PolicyEngine.Default;
            // Check the overrides before opening the library: a typo answers at once.
            WhatIf.Validate(engine, r.GetValue(year), overrides);
            if (r.GetValue(top) < 0) throw new CliException("--top 不能为负数");
            using var library = Common.OpenLibrary(r.GetValue(db));
            var result = WhatIf.Run(new LibrarySnapshots(), library, engine, r.GetValue(year), overrides, r.GetValue(top));
            if (r.GetValue(format) == "json") io.Out.WriteLine(JsonSerializer.Serialize(result, Json));
            else Write(io.Out, result);
            return 0;
        }));
        return command;
    }

    private static void Write(TextWriter w, WhatIfResult r)
    {
        w.WriteLine($"政策模拟：{r.Year} 年度，企业 {r.Enterprises:N0} 家，项目 {r.Projects:N0} 个，贷款 {r.Loans:N0} 笔；用时 {r.ElapsedMilliseconds:0} 毫秒");
        if (r.Changes.Count == 0) w.WriteLine("未修改任何参数：模拟结果与现行参数相同。");
        foreach (var c in r.Changes) w.WriteLine($"  {c.Name}：{c.From} → {c.To}（{Renewal.Policy.Kunshan2024.Citations.InText(c.Description)}；现行依据 {Renewal.Policy.Kunshan2024.Citations.InText(Renewal.Policy.Kunshan2024.Citations.Chinese(c.Source))}）");
        w.WriteLine($"参数版本：现行 {r.BaselineVersion}，模拟 {r.ChangedVersion}");

        var console = TableOutput.Console(w);
        var byScheme = Figures("政策·层级");
        foreach (var (column, f) in r.ByColumn) AddRow(byScheme, FiscalLevels.Label(column), f);
        AddRow(byScheme, "合计", r.Total);
        console.Write(byScheme);

        var byLevel = Figures("财政层级（A、B、C 由昆山市级承担）");
        foreach (var (level, f) in r.ByLevel)
            AddRow(byLevel, Renewal.Policy.Model.Codes.TryParse(level, out Renewal.Policy.Model.Level l) ? Renewal.Policy.Model.Codes.Label(l) : level, f);
        console.Write(byLevel);

        var byArea = Figures("区镇");
        foreach (var a in r.ByArea) AddRow(byArea, a.Area, a.Total);
        console.Write(byArea);

        w.WriteLine($"受影响企业 {r.AffectedEnterprises:N0} 家" + (r.MostAffected.Count > 0 ? $"，变化最大的 {r.MostAffected.Count} 家：" : "。"));
        if (r.MostAffected.Count > 0)
        {
            var t = new Table().Border(TableBorder.Simple);
            t.AddColumns("统一社会信用代码", "企业", "区镇");
            foreach (var h in new[] { "现行（元）", "模拟（元）", "差额（元）" }) t.AddColumn(new TableColumn(h).RightAligned());
            foreach (var e in r.MostAffected)
                t.AddRow(Markup.Escape(e.CreditCode), Markup.Escape(e.Name), Markup.Escape(e.Area), Yuan(e.Before), Yuan(e.After), Signed(e.Change));
            console.Write(t);
        }
        w.WriteLine($"总差额 {Signed(r.Total.Change)} 元（{(r.Total.Change / 10000m).ToString("+#,##0.##;-#,##0.##;0", CultureInfo.InvariantCulture)} 万元）");
    }

    private static Table Figures(string first)
    {
        var t = new Table().Border(TableBorder.Simple);
        t.AddColumn(first);
        foreach (var h in new[] { "现行（元）", "模拟（元）", "差额（元）" }) t.AddColumn(new TableColumn(h).RightAligned());
        return t;
    }

    private static void AddRow(Table t, string label, Renewal.Services.Simulation.Figures f) =>
        t.AddRow(Markup.Escape(label), Yuan(f.Before), Yuan(f.After), Signed(f.Change));

    private static string Yuan(decimal v) => v.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Signed(decimal v) => v.ToString("+#,##0.00;-#,##0.00;0.00", CultureInfo.InvariantCulture);
}
