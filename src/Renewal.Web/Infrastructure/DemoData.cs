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

        // 向上争取 (issue 14 item 2): a few recommendations in different states, once.
        if (config.GetValue("Demo:Upward", true))
            await Renewal.Web.Features.Upward.UpwardDemo.EnsureAsync(db, clock,
                await db.Users.AsNoTracking().Where(u => u.UserName == "qiye").Select(u => u.CreditCode).FirstOrDefaultAsync());
    }

    /// <summary>The demo bank when the demo enterprise has no loan.</summary>
    public const string DefaultBank = "中国工商银行昆山分行";

    private static UserAccount New(string name, string display, Role role, string? code, string? area, string? bank = null) =>
        new() { UserName = name, DisplayName = display, Role = role, CreditCode = code, Area = area, Bank = bank };
}
