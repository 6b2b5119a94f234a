using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Seed;
using Renewal.Policy.Kunshan2024.Candidates;
using Renewal.Services;

namespace Renewal.Web.Infrastructure;

/// <summary>
/// On start: migrate the database; on first start (empty library) fill the demo library and create one demo
/// account per role, printed to the log (and listed in the README).
/// </summary>
public static class DemoData
{
    public sealed record Account(string UserName, string DisplayName, Role Role);

    public static async Task EnsureAsync(IServiceProvider services, IConfiguration config, ILogger logger)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LibraryDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var passwords = scope.ServiceProvider.GetRequiredService<Passwords>();
        await db.Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<Renewal.Services.Revisions.RuleBook>().RefreshAsync(db);

        if (config.GetValue("Demo:Seed", true) && !await db.Enterprises.AnyAsync())
        {
            var today = clock.Today();
            var n = config.GetValue("Demo:Enterprises", 600);
            logger.LogInformation("首次启动：生成演示项目库（{Count} 家企业）…", n);
            LibrarySeeder.Seed(db, new SeedOptions(n, config.GetValue("Demo:SeedValue", 2024), today));
            db.ChangeTracker.Clear();
        }

        if (config.GetValue("Demo:Calls", true) && !await db.Calls.AnyAsync())
        {
            // One rolling call per scheme and award year over the whole programme (常年受理), materials optional, so that
            // every demo path works at once; the bureau closes one early at /calls to open a call of its own.
            foreach (var year in Renewal.Policy.Kunshan2024.Programme.ProgrammeYears.All)
            {
                foreach (var scheme in Enum.GetValues<Renewal.Policy.Model.Scheme>())
                {
                    db.Calls.Add(new ProgrammeCall
                    {
                        Scheme = scheme, Year = year, Title = $"{year} 年度{Renewal.Policy.Model.Codes.Label(scheme)}申报（常年受理）",
                        Announcement = $"受理 {year} 年度{Renewal.Policy.Model.Codes.Label(scheme)}申报。请如实填报项目库数据，并上传相关证明材料。",
                        NoticeText = $"以下 {year} 年度{Renewal.Policy.Model.Codes.Label(scheme)}申报经区镇初审、市局审核，拟予奖补，现予公示。公示期内如有异议，请实名提出并写明事实和理由。",
                        NoticeContact = "市工信局技术改造科（演示）", NoticePhone = "0512-57500000（演示）",
                        OpensAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime(),
                        ClosesAt = new DateTimeOffset(2028, 12, 31, 17, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime(),
                        CreatedBy = "system", CreatedAt = clock.GetUtcNow(),
                        Materials =
                        [
                            new CallMaterial { Order = 1, Name = scheme == Renewal.Policy.Model.Scheme.LoanInterest ? "借款合同及放款凭证" : "设备购置合同", Required = false, Types = "pdf,png,jpeg" },
                            new CallMaterial { Order = 2, Name = scheme == Renewal.Policy.Model.Scheme.LoanInterest ? "付息凭证" : "设备发票", Required = false, Types = "pdf,png,jpeg" },
                        ],
                    });
                }
            }
            await db.SaveChangesAsync();
        }

        if (!await db.Users.AnyAsync())
        {
            var password = config["Demo:Password"] ?? "Renewal#2024";
            // The demo enterprise: one with a project that declared a financing need and has a loan, so every role has something to do.
            var enterprise = await db.Enterprises.AsNoTracking()
                .Where(e => e.Loans.Any() && e.Projects.Any(p => p.FinancingNeed > 0))
                .OrderBy(e => e.Id).FirstOrDefaultAsync()
                ?? await db.Enterprises.AsNoTracking().OrderBy(e => e.Id).FirstOrDefaultAsync();
            // The demo bank is the lender of the demo enterprise's first loan: it sees that loan's terms and no other bank's.
            var bank = await db.Loans.AsNoTracking().Where(l => l.EnterpriseId == (enterprise == null ? 0 : enterprise.Id) && l.Bank != null)
                .OrderBy(l => l.Id).Select(l => l.Bank).FirstOrDefaultAsync() ?? DefaultBank;
            var accounts = new List<UserAccount>
            {
                New("qiye", $"{enterprise?.Name ?? "演示企业"}（企业用户）", Role.Enterprise, enterprise?.CreditCode, null),
                New("qiye2", "另一家企业（企业用户）", Role.Enterprise,
                    await db.Enterprises.AsNoTracking().Where(e => e.CreditCode != enterprise!.CreditCode).OrderBy(e => e.Id).Select(e => e.CreditCode).FirstOrDefaultAsync(), null),
                New("quzhen", $"{enterprise?.Area ?? "昆山开发区"}审核员", Role.DistrictReviewer, null, enterprise?.Area ?? "昆山开发区"),
                New("shiju", "市工信局审核员", Role.BureauReviewer, null, null),
                New("admin", "市工信局管理员", Role.BureauAdmin, null, null),
                // A revision of the rules is drafted by one administrator and published by another (V-6).
                New("admin2", "市工信局管理员（复核）", Role.BureauAdmin, null, null),
                New("caizheng", "市财政局", Role.Finance, null, null),
                New("yinhang", $"{bank}客户经理", Role.Bank, null, null, bank),
            };
            foreach (var a in accounts) a.SetPassword(passwords.Hash(a, password));
            db.Users.AddRange(accounts);
            await db.SaveChangesAsync();
            logger.LogWarning("演示账号（密码均为 {Password}）：{Accounts}", password,
                string.Join("，", accounts.Select(a => $"{a.UserName}={a.DisplayName}")));
        }

        if (config.GetValue("Demo:Seed", true) && config.GetValue("Demo:Visits", true) && !await db.Visits.AnyAsync())
        {
            await VisitsAsync(db, scope.ServiceProvider, clock);
            db.ChangeTracker.Clear();
        }
        if (config.GetValue("Demo:Benchmarks", true)) await EnsureBenchmarksAsync(db, clock);
        if (config.GetValue("Demo:Checks", true) && await db.Enterprises.AnyAsync()) await EnsureChecksAsync(db, clock);
        // 向上争取 (issue 14 item 2): a few recommendations in different states, once.
        if (config.GetValue("Demo:Upward", true))
            await Renewal.Web.Features.Upward.UpwardDemo.EnsureAsync(db, clock,
                await db.Users.AsNoTracking().Where(u => u.UserName == "qiye").Select(u => u.CreditCode).FirstOrDefaultAsync());
    }

    /// <summary>
    /// 走访 (issue 14 item 1): a few visits of the demo district — one to the demo enterprise with a renewal intention waiting
    /// for its confirmation (so qiye sees it on /enterprise and in its inbox) and a follow-up already overdue, two to other
    /// enterprises of the area — recorded through the service, so they are audited like any other.
    /// </summary>
    private static async Task VisitsAsync(LibraryDbContext db, IServiceProvider services, TimeProvider clock, CancellationToken ct = default)
    {
        var district = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "quzhen", ct);
        var firm = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "qiye", ct);
        if (district?.Area is null || firm?.CreditCode is null) return;
        var demo = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == firm.CreditCode && e.Area == district.Area, ct);
        if (demo is null) return;
        var others = await db.Enterprises.AsNoTracking().Where(e => e.Area == district.Area && e.Id != demo.Id).OrderBy(e => e.Id).Take(2).ToListAsync(ct);
        var user = new Renewal.Services.Workflow.UserContext(district.Id, district.UserName, district.Role, null, district.Area);
        var service = services.GetRequiredService<Renewal.Services.Visits.VisitService>();
        var today = clock.Today();
        DateOnly Ago(int days) => today.AddDays(-days) < Renewal.Services.Visits.VisitService.FirstDay ? Renewal.Services.Visits.VisitService.FirstDay : today.AddDays(-days);
        var year = Math.Clamp(today.Year, Renewal.Policy.Kunshan2024.Programme.ProgrammeYears.First, Renewal.Policy.Kunshan2024.Programme.ProgrammeYears.Last);
        var inputs = new List<Renewal.Services.Visits.VisitInput>
        {
            new(demo.Id, Ago(12), [new("张建国", "设备部经理"), new("刘芳", "财务总监")],
                [new("数控加工中心更新及车间数字化改造（走访征集）", Renewal.Policy.Model.ProjectKind.Renovation, year, Renewal.Policy.Kunshan2024.Programme.ProgrammeYears.Last,
                    12_000_000m, 3_000_000m, [1, 3])],
                "机加工车间 2009 年购入的普通车床 6 台，能效 3 级的空压机 2 台；MES 尚未上线。",
                [new("送达设备更新贷款贴息政策解读材料", Ago(5)), new("回访确认项目投资计划", today.AddDays(20))]),
        };
        foreach (var (e, i) in others.Select((e, i) => (e, i)))
            inputs.Add(new(e.Id, Ago(30 + 15 * i), [new("王敏", "厂长")], [], "主要设备为近五年购置，暂无更新计划。", [new("次年一季度回访", today.AddDays(60))]));
        foreach (var input in inputs)
        {
            var r = await service.RecordAsync(user, input, ct);
            if (!r.Ok) throw new InvalidOperationException("演示走访数据：" + r.Message);
        }
    }

    /// <summary>
    /// 标杆企业 demo (issue 14 item 3, ADR-030): one published round with two selected enterprises (the first agreed to
    /// publish every figure, the second has not answered yet), and one round 提名中 (deadline 30 days on) so that the
    /// district can nominate. Neither touches the demo enterprise (qiye), whose figures the other stories read.
    /// </summary>
    public static async Task EnsureBenchmarksAsync(LibraryDbContext db, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (await db.BenchmarkRounds.AnyAsync()) return;
        var taken = await db.Users.AsNoTracking().Where(u => u.CreditCode != null).Select(u => u.CreditCode!).ToListAsync();
        var picks = await db.Enterprises.AsNoTracking().Where(e => !taken.Contains(e.CreditCode) && e.Projects.Any(p => p.Investments.Any(i => i.Digital > 0)))
            .OrderBy(e => e.Id).Take(40).Select(e => new { e.Id, e.IndustryCode, Projects = e.Projects.OrderBy(p => p.Id).Select(p => p.Id).Take(2).ToList() }).ToListAsync();
        // Two enterprises of different divisions where the library allows it.
        var first = picks.FirstOrDefault();
        if (first is null) return;
        var second = picks.FirstOrDefault(p => p.Id != first.Id && p.IndustryCode[..Math.Min(3, p.IndustryCode.Length)] != first.IndustryCode[..Math.Min(3, first.IndustryCode.Length)])
            ?? picks.FirstOrDefault(p => p.Id != first.Id);
        var now = clock.GetUtcNow();
        var today = clock.Today();
        var divisions = new[] { first, second }.Where(p => p is not null).Select(p => Renewal.Services.Benchmarks.BenchmarkService.DivisionOf(p!.IndustryCode))
            .Concat(["C34", "C35", "C38", "C39"]).Distinct().Where(d => Renewal.Policy.Kunshan2024.Programme.ProgrammeTargets.Default.Divisions.ContainsKey(d)).ToList();
        var criteria = Renewal.Services.Benchmarks.BenchmarkService.DefaultCriteria();
        BenchmarkRound Round(string name, int year, DateOnly deadline, int quota)
        {
            var r = BenchmarkRound.Draft(name, year, deadline, quota, divisions, "system", now);
            var n = 0;
            foreach (var c in criteria) r.Criteria.Add(new BenchmarkCriterion { Position = ++n, Kind = c.Kind, Name = c.Name!, Description = c.Description!, MaxScore = c.MaxScore!.Value });
            return r;
        }

        var published = Round($"{Math.Clamp(today.Year - 1, 2024, 2027)} 年度智能化改造数字化转型标杆企业遴选", Math.Clamp(today.Year - 1, 2024, 2027), today.AddDays(-60), 5);
        published.Open("system", now);
        published.Close("system", now);
        db.BenchmarkRounds.Add(published);
        await db.SaveChangesAsync();
        var order = 0;
        foreach (var pick in new[] { first, second })
        {
            if (pick is null) continue;
            order++;
            var n = BenchmarkNomination.Nominate(published.Id, pick.Id, "智能化改造成效显著，示范带动作用强（演示数据）",
                "2027 年前关键工序数控化率达到 90%，单位产值能耗下降 10%（演示数据）", pick.Projects, "system", now);
            db.BenchmarkNominations.Add(n);
            foreach (var c in published.Criteria)
                n.Scores.Add(new BenchmarkScore { CriterionId = c.Id, Score = c.MaxScore - order * 2, Reason = "依据项目库数据评定（演示数据）", ScoredBy = "system", ScoredAt = now });
            n.Select("综合得分居前，行业代表性强（演示数据）", "system", now);
            if (order == 1) n.Consent(true, true, true, true, true, "system", now);
        }
        published.Publish("system", now);
        var open = Round($"{Math.Clamp(today.Year, 2024, 2027)} 年度标杆企业遴选", Math.Clamp(today.Year, 2024, 2027), today.AddDays(30), 10);
        open.Open("system", now);
        db.BenchmarkRounds.Add(open);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// 核查名单 of the demo (issue 14 item 4): one enterprise on the credit blacklist with its source, and one of its projects
    /// already funded by the province — an enterprise without a demo account, so the demo enterprises' own stories are untouched.
    /// </summary>
    private static async Task EnsureChecksAsync(LibraryDbContext db, TimeProvider clock)
    {
        if (await db.CreditRecords.AnyAsync() || await db.FundingRecords.AnyAsync()) return;
        var accounts = await db.Users.AsNoTracking().Where(u => u.CreditCode != null).Select(u => u.CreditCode!).ToListAsync();
        var target = await db.Enterprises.AsNoTracking().Where(e => !accounts.Contains(e.CreditCode)).OrderByDescending(e => e.Id)
            .Select(e => new { e.CreditCode, e.Name, Project = e.Projects.OrderBy(p => p.Id).Select(p => new { p.Id, p.Name }).FirstOrDefault() }).FirstOrDefaultAsync();
        if (target is null) return;
        var now = clock.GetUtcNow();
        var today = clock.Today();
        db.CreditRecords.Add(CreditRecord.Record(target.CreditCode, target.Name, Renewal.Policy.Kunshan2024.Safeguards.RegisterKind.Blacklist, today.AddMonths(-6), null,
            "信用中国（江苏苏州）严重失信主体名单（演示）苏信〔演示〕1号", "演示数据：列入后未移出", null, "system", now));
        if (target.Project is { } project)
        {
            var equipment = (await db.Investments.AsNoTracking().Where(i => i.ProjectId == project.Id).OrderBy(i => i.Year).Select(i => new { i.Year, i.Equipment }).ToListAsync())
                .FirstOrDefault(i => i.Equipment > 0);
            db.FundingRecords.Add(FundingRecord.Record("江苏省智改数转网联项目（演示）", equipment?.Year ?? today.Year, target.CreditCode, project.Name, ["FP-DEMO-0001"],
                equipment?.Equipment ?? 1_000_000m, "苏工信〔演示〕88号 省级支持项目清单", "演示数据", null, "system", now));
        }
        await db.SaveChangesAsync();
    }

    /// <summary>The demo bank when the demo enterprise has no loan.</summary>
    public const string DefaultBank = "中国工商银行昆山分行";

    private static UserAccount New(string name, string display, Role role, string? code, string? area, string? bank = null) =>
        new() { UserName = name, DisplayName = display, Role = role, CreditCode = code, Area = area, Bank = bank };
}
