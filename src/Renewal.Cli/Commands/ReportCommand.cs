using Renewal.Services;
using System.CommandLine;
using System.Globalization;
using Renewal.Services.Reports;
using Renewal.Policy.Kunshan2024.Programme;

namespace Renewal.Cli.Commands;

/// <summary>
/// <c>renewal report notice [--year Y] [--db PATH] --out FILE.xlsx</c>: the public-notice list (公示名单) as on /notice;
/// <c>renewal report award-notice --enterprise CREDITCODE --year Y [--date yyyy-MM-dd] [--font PATH] [--db PATH] --out FILE.pdf</c>:
/// an enterprise's award notice (奖补通知书). The same builders as the web app (Renewal.Data/Reports, ADR-011).
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliOutput io, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new Command("report", "报表：公示名单（xlsx）与奖补通知书（PDF）") { Notice(io), AwardNotice(io, clock) };
    }

    private static Option<string> Out(string what) => new("--out") { Description = what, Required = true };

    private static Command Notice(CliOutput io)
    {
        var year = new Option<int?>("--year") { Description = $"奖补年度 {ProgrammeYears.Text}（默认全部年度）" };
        var db = Common.DbOption();
        var output = Out("输出的 xlsx 文件");
        var command = new Command("notice", "公示名单（xlsx）：公示中及公示后已批准、已拨付的申报，金额以元和万元列示，含合计行") { year, db, output };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var y = r.GetValue(year);
            if (y is { } v) CheckYear(v);
            using var library = Common.OpenLibrary(r.GetValue(db));
            var rows = PublicNotice.Query(library, y);
            var path = r.GetValue(output)!;
            using (var file = File.Create(path)) NoticeWorkbook.Write(file, rows, y);
            var total = rows.Sum(x => x.Amount ?? 0m);
            io.Out.WriteLine($"公示名单已写入 {path}：{rows.Count.ToString(CultureInfo.InvariantCulture)} 项，合计 {Yuan(total)} 元（{(total / 10000m).ToString("#,##0.00####", CultureInfo.InvariantCulture)} 万元）。");
            return 0;
        }));
        return command;
    }

    private static Command AwardNotice(CliOutput io, TimeProvider clock)
    {
        var enterprise = new Option<string>("--enterprise") { Description = "企业的统一社会信用代码", Required = true };
        var year = new Option<int>("--year") { Description = $"奖补年度 {ProgrammeYears.Text}", Required = true };
        var date = new Option<string?>("--date") { Description = "通知书落款日期 yyyy-MM-dd（默认今天，北京时间）" };
        var font = new Option<string?>("--font") { Description = "嵌入的中文字体（TrueType 轮廓；默认为 scripts/fonts.sh 生成的 Noto Sans CJK SC，或环境变量 RENEWAL_PDF_FONT）" };
        var db = Common.DbOption();
        var output = Out("输出的 PDF 文件");
        var command = new Command("award-notice", "奖补通知书（PDF）：企业某年度已批准、已拨付的奖补，含大写合计、政策依据与参数版本") { enterprise, year, date, font, db, output };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var y = r.GetValue(year);
            CheckYear(y);
            var code = r.GetValue(enterprise)!.Trim().ToUpperInvariant();
            var day = r.GetValue(date) is { } text
                ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                    : throw new CliException($"--date 应为 yyyy-MM-dd：{text}")
                : clock.Today();
            using var library = Common.OpenLibrary(r.GetValue(db));
            if (!library.Enterprises.Any(e => e.CreditCode == code)) throw new CliException($"--enterprise：项目库中没有统一社会信用代码为 {code} 的企业");
            var notice = AwardNotices.Load(library, code, y, day)
                ?? throw new CliException($"该企业 {y.ToString(CultureInfo.InvariantCulture)} 年度没有已批准或已拨付的奖补，不能出具奖补通知书");
            byte[] pdf;
            try
            {
                pdf = AwardNoticePdf.Render(notice, ReportFont.Load(r.GetValue(font)));
            }
            catch (ReportFontException e)
            {
                throw new CliException(e.Message, e);
            }
            var path = r.GetValue(output)!;
            File.WriteAllBytes(path, pdf);
            io.Out.WriteLine($"奖补通知书已写入 {path}：{notice.Enterprise}（{notice.CreditCode}），{y.ToString(CultureInfo.InvariantCulture)} 年度 "
                + $"{notice.Lines.Count.ToString(CultureInfo.InvariantCulture)} 项，合计 {Yuan(notice.Total)} 元（人民币{ChineseAmount.Capital(notice.Total)}）。");
            return 0;
        }));
        return command;
    }

    private static void CheckYear(int year)
    {
        if (!ProgrammeYears.Contains(year)) throw new CliException($"--year 应为 {ProgrammeYears.Text}（行动计划年度）：{year.ToString(CultureInfo.InvariantCulture)}");
    }

    private static string Yuan(decimal v) => v.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
