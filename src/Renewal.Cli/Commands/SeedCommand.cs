using Renewal.Services;
using System.CommandLine;
using System.Globalization;
using Renewal.Seed;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Cli.Commands;

/// <summary>
/// <c>renewal seed --enterprises N --seed S [--today yyyy-MM-dd] [--db PATH] [--reset]</c>: fills an empty project
/// library with deterministic demo data (<see cref="LibrarySeeder"/>) and prints what was created.
/// </summary>
internal static class SeedCommand
{
    public static Command Create(CliOutput io, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var enterprises = new Option<int>("--enterprises") { Description = "企业数（默认 2000；各项合计大致与之成正比）", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { Description = "随机种子（默认 2024）：参数相同则生成的数据逐字节相同", DefaultValueFactory = _ => 2024 };
        var today = new Option<string?>("--today") { Description = "基准日 yyyy-MM-dd（默认今天）：决定项目状态、已报送的季度进展和已发放的贷款" };
        var reset = new Option<bool>("--reset") { Description = "先清空项目库（企业、项目、投资、贷款、还款、设备台账、季度进展、奖补决定与申报；保留用户账号和审计日志）" };
        var db = Common.DbOption();
        var command = new Command("seed", "生成演示项目库：昆山 12 个区镇、计划所列行业的企业、项目、贷款、设备台账与季度进展") { enterprises, seed, today, reset, db };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var n = r.GetValue(enterprises);
            if (n is < 1 or > LibrarySeeder.MaxEnterprises)
                throw new CliException($"--enterprises 应在 1–{LibrarySeeder.MaxEnterprises} 之间：{n}");
            var date = r.GetValue(today) is { } text
                ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                    : throw new CliException($"--today 应为 yyyy-MM-dd：{text}")
                : clock.Today();
            var options = new SeedOptions(n, r.GetValue(seed), date);

            using var library = Common.OpenLibrary(r.GetValue(db));
            var started = clock.GetTimestamp();
            SeedSummary summary;
            try
            {
                summary = LibrarySeeder.Seed(library, options, r.GetValue(reset));
            }
            catch (LibraryNotEmptyException e)
            {
                throw new CliException(e.Message, e);
            }
            var elapsed = clock.GetElapsedTime(started);
            Write(io.Out, options, summary, elapsed);
            return 0;
        }));
        return command;
    }

    private static void Write(TextWriter w, SeedOptions o, SeedSummary s, TimeSpan elapsed)
    {
        if (s.Cleared > 0) w.WriteLine($"已清空原项目库（{N(s.Cleared)} 家企业及其全部数据）。");
        w.WriteLine($"已生成演示项目库（种子 {o.Seed.ToString(CultureInfo.InvariantCulture)}，基准日 {o.Today:yyyy-MM-dd}），用时 {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} 秒：");
        w.WriteLine($"  企业 {N(s.Enterprises)} 家，项目 {N(s.Projects)} 个，年度投资 {N(s.Investments)} 条");
        w.WriteLine($"  贷款 {N(s.Loans)} 笔，还款 {N(s.Repayments)} 笔");
        w.WriteLine($"  设备台账 {N(s.EquipmentItems)} 条，季度进展 {N(s.ProgressReports)} 条");
        w.WriteLine($"  重大示范项目（数字化投入累计 ≥ 5 亿元）{N(s.DemonstrationProjects)} 个，其中已竣工 {N(s.CompletedDemonstrationProjects)} 个");
        w.WriteLine("  设备投资（含计划）：" + string.Join("，", s.EquipmentByYear.Select(kv =>
            $"{kv.Key.ToString(CultureInfo.InvariantCulture)} 年 {Yi(kv.Value)} 亿元（数字化 {Yi(s.DigitalByYear[kv.Key])} 亿元）")));
        w.WriteLine($"  合计 {Yi(s.EquipmentByYear.Values.Sum())} 亿元");
    }

    private static string N(int n) => n.ToString("#,##0", CultureInfo.InvariantCulture);

    private static string Yi(decimal yuan) => (yuan / 100_000_000m).ToString("#,##0.00", CultureInfo.InvariantCulture);
}
