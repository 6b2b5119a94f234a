using Renewal.Services;
using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Renewal.Services.Candidates;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Cli.Commands;

/// <summary>
/// <c>renewal candidates [--db PATH] [--year Y] [--area 区镇] [--rule R-n] [--out FILE.xlsx] [--format table|json]</c>:
/// the renewal candidates (R-1..R-4) of the library's equipment inventory, by area and by enterprise.
/// </summary>
internal static class CandidatesCommand
{
    public static Command Create(CliOutput io, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var year = new Option<int?>("--year") { Description = "基准年度（默认今年）：服役年数 = 基准年度 − 投用年份" };
        var area = new Option<string?>("--area") { Description = "只看一个区镇，如 昆山开发区" };
        var rule = new Option<string?>("--rule") { Description = "只看一条规则：R-1 超期服役机床、R-2 未达节能水平、R-3 危化目录、R-4 超设计年限" };
        var output = new Option<FileInfo?>("--out") { Description = "导出 xlsx（区镇汇总、企业汇总、设备明细，中文表头）" };
        var format = new Option<string>("--format") { Description = "table（默认）或 json", DefaultValueFactory = _ => "table" };
        var top = new Option<int>("--top") { Description = "表格中列出的企业数（默认 20；json 列出全部）", DefaultValueFactory = _ => 20 };
        var db = Common.DbOption();
        var command = new Command("candidates", "设备更新潜力（R-1..R-4）：按区镇、按企业汇总设备台账中应更新的设备") { db, year, area, rule, output, format, top };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var y = r.GetValue(year) ?? clock.Year();
            if (y is < RenewalCandidates.MinYear or > RenewalCandidates.MaxYear)
                throw new CliException($"--year 应在 {RenewalCandidates.MinYear}–{RenewalCandidates.MaxYear} 之间：{y}");
            var ruleId = r.GetValue(rule) is { Length: > 0 } text ? text.Trim().ToUpperInvariant() : null;
            if (ruleId is not null && !CandidateRules.All.Contains(ruleId)) throw new CliException($"--rule 应为 R-1、R-2、R-3 或 R-4：{ruleId}");
            var fmt = r.GetValue(format);
            if (fmt is not ("table" or "json")) throw new CliException($"--format 应为 table 或 json：{fmt}");
            var areaName = r.GetValue(area) is { Length: > 0 } a ? a.Trim() : null;

            using var library = Common.OpenLibrary(r.GetValue(db));
            if (areaName is not null && !library.Enterprises.Any(e => e.Area == areaName))
                throw new CliException($"--area：项目库中没有区镇“{areaName}”的企业");
            var started = clock.GetTimestamp();
            var summary = RenewalCandidates.Summarise(library.Enterprises, y, areaName);
            var elapsed = clock.GetElapsedTime(started);

            if (r.GetValue(output) is { } file)
            {
                if (!file.Extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase)) throw new CliException($"--out 应为 .xlsx 文件：{file.Name}");
                using (var stream = File.Create(file.FullName)) CandidateWorkbook.Write(stream, library.Enterprises, summary, ruleId, areaName);
                io.Error.WriteLine($"已导出：{file.FullName}");
            }
            if (fmt == "json") WriteJson(io.Out, summary, ruleId);
            else WriteTable(io.Out, summary, ruleId, Math.Max(0, r.GetValue(top)), elapsed);
            return 0;
        }));
        return command;
    }

    private static void WriteTable(TextWriter w, CandidateSummary s, string? rule, int top, TimeSpan elapsed)
    {
        var console = TableOutput.Console(w);
        var t = s.Total;
        console.WriteLine($"设备更新潜力（基准年度 {s.Year.ToString(CultureInfo.InvariantCulture)}）：设备台账 {N(t.Items)} 条（{N(t.Quantity)} 台/套），"
            + $"更新潜力 {N(t.CandidateItems)} 条（{N(t.CandidateQuantity)} 台/套），用时 {elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} 秒");
        foreach (var id in CandidateRules.All)
            console.WriteLine($"  {id} {CandidateRules.Label(id)}：{N(t.ItemsOf(id))} 条（{N(t.QuantityOf(id))} 台/套）{(id == CandidateRules.R2 && t.UnratedKeyEnergyItems > 0 ? $"，其中未登记能效等级 {N(t.UnratedKeyEnergyItems)} 条" : "")}");

        var areas = new Table().Border(TableBorder.Simple);
        areas.AddColumns("区镇", "企业", "有潜力企业", "台账（条）", "更新潜力（条）", "台/套", "R-1", "R-2", "R-3", "R-4");
        for (var i = 1; i < 10; i++) areas.Columns[i].RightAligned();
        foreach (var a in s.Areas)
        {
            var c = a.Counts;
            areas.AddRow(Markup.Escape(a.Area), N(a.Enterprises), N(a.CandidateEnterprises), N(c.Items), N(c.CandidateItems), N(c.CandidateQuantity),
                N(c.R1Items), N(c.R2Items), N(c.R3Items), N(c.R4Items));
        }
        areas.AddRow("合计", N(s.Areas.Sum(a => a.Enterprises)), N(s.Areas.Sum(a => a.CandidateEnterprises)), N(t.Items), N(t.CandidateItems), N(t.CandidateQuantity),
            N(t.R1Items), N(t.R2Items), N(t.R3Items), N(t.R4Items));
        console.Write(areas);

        var rows = s.With(rule).ToList();
        if (top == 0 || rows.Count == 0) return;
        console.WriteLine($"更新潜力最多的企业（前 {N(Math.Min(top, rows.Count))} 家，共 {N(rows.Count)} 家{(rule is null ? "" : "，" + rule)}）：");
        var enterprises = new Table().Border(TableBorder.Simple);
        enterprises.AddColumns("统一社会信用代码", "企业", "区镇", "计划行业", "更新潜力（条）", "台/套", "R-1", "R-2", "R-3", "R-4");
        for (var i = 4; i < 10; i++) enterprises.Columns[i].RightAligned();
        foreach (var e in rows.Take(top))
        {
            var c = e.Counts;
            enterprises.AddRow(e.CreditCode, Markup.Escape(e.Name), Markup.Escape(e.Area), Markup.Escape(e.Industry ?? e.IndustryCode),
                N(c.CandidateItems), N(c.CandidateQuantity), N(c.R1Items), N(c.R2Items), N(c.R3Items), N(c.R4Items));
        }
        console.Write(enterprises);
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static void WriteJson(TextWriter w, CandidateSummary s, string? rule)
    {
        var rows = s.With(rule).ToList();
        w.WriteLine(JsonSerializer.Serialize(new
        {
            year = s.Year,
            rule,
            total = s.Total,
            areas = s.Areas,
            enterprisesWithCandidates = rows.Count,
            enterprises = rows,
        }, Json));
    }

    private static string N(int n) => n.ToString("#,##0", CultureInfo.InvariantCulture);
}
