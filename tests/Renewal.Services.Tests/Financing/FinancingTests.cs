using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Financing;
using Renewal.Services.Tests.Workflow;
using Renewal.Services.Workflow;
using Renewal.Testing;
using Loan = Renewal.Data.Entities.Loan;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Services.Tests.Financing;

/// <summary>
/// 银企对接 (issue 12 item 7): a bank sees the financing needs of the projects it may see with the enterprise's contact and
/// only its own loans' terms; it records one interest per project, and outcomes that move only forward; a signed loan
/// appears on the enterprise's side with the bank as its lender, audited, and the enterprise is told.
/// </summary>
public sealed class FinancingTests
{
    private const string Code = "913205837AY4CL12TY";
    private const string OtherCode = "91320583MA1XYZ1234";
    private const string Icbc = "中国工商银行昆山分行";
    private const string Boc = "中国银行昆山分行";

    private static DateTimeOffset Utc(int y, int m, int d, int h) => new(y, m, d, h, 0, 0, TimeSpan.Zero);

    private sealed record World(LibraryDatabaseOptions Options, int NeedProject, int SmallNeedProject, int NoNeedProject, int IcbcLoan, int BocLoan,
        UserContext Icbc, UserContext Boc, UserContext Firm, UserContext Bureau, int FirmUserId);

    private static World Library(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        Project P(string code, decimal? need) => new()
        {
            Code = code, Name = "产线" + code, Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress, FinancingNeed = need,
            Investments = [new ProjectInvestment { Year = 2025, Equipment = 20_000_000m }, new ProjectInvestment { Year = 2026, Equipment = 10_000_000m }],
        };
        var e = new Renewal.Data.Entities.Enterprise
        {
            CreditCode = Code, Name = "甲公司", Area = "昆山开发区", IndustryCode = "C3421", ContactName = "王经理", ContactPhone = "13800000000",
            Projects = [P("P1", 15_000_000m), P("P3", null)],
        };
        var other = new Renewal.Data.Entities.Enterprise { CreditCode = OtherCode, Name = "乙公司", Area = "张浦镇", IndustryCode = "C3421", Projects = [P("P2", 2_000_000m)] };
        db.Enterprises.AddRange(e, other);
        db.SaveChanges();
        Loan L(string code, string bank, Project p) => new()
        {
            Code = code, EnterpriseId = p.EnterpriseId, ProjectId = p.Id, Bank = bank, Category = LoanCategory.EquipmentRenewal, Principal = 5_000_000m,
            Rate = 0.031m, IssuedOn = new DateOnly(2025, 3, 1), MaturesOn = new DateOnly(2028, 3, 1), EquipmentAmount = 5_000_000m,
        };
        var icbcLoan = L("GH-1", Icbc, e.Projects[0]);
        var bocLoan = L("ZH-1", Boc, e.Projects[0]);
        db.Loans.AddRange(icbcLoan, bocLoan);
        var users = new[]
        {
            new UserAccount { UserName = "gonghang", DisplayName = "工行", Role = Role.Bank, Bank = Icbc },
            new UserAccount { UserName = "zhonghang", DisplayName = "中行", Role = Role.Bank, Bank = Boc },
            new UserAccount { UserName = "qiye", DisplayName = "甲", Role = Role.Enterprise, CreditCode = Code },
            new UserAccount { UserName = "shiju", DisplayName = "市局", Role = Role.BureauReviewer },
        };
        db.Users.AddRange(users);
        db.SaveChanges();
        return new World(options, e.Projects[0].Id, other.Projects[0].Id, e.Projects[1].Id, icbcLoan.Id, bocLoan.Id,
            new(users[0].Id, "gonghang", Role.Bank, null, null, Icbc), new(users[1].Id, "zhonghang", Role.Bank, null, null, Boc),
            new(users[2].Id, "qiye", Role.Enterprise, Code, null), new(users[3].Id, "shiju", Role.BureauReviewer, null, null), users[2].Id);
    }

    private static FinancingService Service(LibraryDbContext db) => new(db, new TestClock(Utc(2026, 3, 2, 1)));

    private static readonly LoanTerms Terms = new(8_000_000m, 3.2m, new DateOnly(2026, 3, 10), new DateOnly(2029, 3, 10), LoanCategory.DigitalTransformation);

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task ABank_SeesTheTermsOfItsOwnLoansOnly(string provider)
    {
        var w = Library(provider);
        using var db = LibraryStore.Create(w.Options);
        Assert.Equal([w.IcbcLoan], await db.Loans.VisibleTo(w.Icbc).Select(l => l.Id).ToListAsync());
        Assert.Equal([w.BocLoan], await db.Loans.VisibleTo(w.Boc).Select(l => l.Id).ToListAsync());
        // Not bound to a bank: no loan at all (not every loan whose bank is empty).
        Assert.Empty(await db.Loans.VisibleTo(new UserContext(99, "x", Role.Bank, null, null)).ToListAsync());
        Assert.Equal(2, await db.Loans.VisibleTo(w.Firm).CountAsync());
        Assert.Equal(2, await db.Loans.VisibleTo(w.Bureau).CountAsync());
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TheNeeds_AreTheVisibleProjectsWithANeed_WithTheContact_FilteredByAreaAndAmount(string provider)
    {
        var w = Library(provider);
        using var db = LibraryStore.Create(w.Options);
        var all = (await Service(db).NeedsAsync(w.Icbc, new NeedFilter())).Value!;
        Assert.Equal(2, all.Total);
        var first = all.Items.Single(r => r.ProjectId == w.NeedProject);
        Assert.Equal(("甲公司", "昆山开发区", 15_000_000m, 30_000_000m, "王经理", "13800000000"),
            (first.Enterprise, first.Area, first.Need, first.Investment, first.ContactName, first.ContactPhone));
        Assert.Null(first.Status);
        Assert.Equal([w.NeedProject], (await Service(db).NeedsAsync(w.Icbc, new NeedFilter(Area: "昆山开发区"))).Value!.Items.Select(r => r.ProjectId));
        Assert.Equal([w.SmallNeedProject], (await Service(db).NeedsAsync(w.Icbc, new NeedFilter(MaxNeed: 2_000_000m))).Value!.Items.Select(r => r.ProjectId));
        Assert.Equal([w.NeedProject], (await Service(db).NeedsAsync(w.Icbc, new NeedFilter(MinNeed: 2_000_000.01m))).Value!.Items.Select(r => r.ProjectId));
        Assert.Equal("融资需求上限（max）不能小于下限（min）", (await Service(db).NeedsAsync(w.Icbc, new NeedFilter(MinNeed: 5, MaxNeed: 1))).Message);
        Assert.Equal(ResultKind.Forbidden, (await Service(db).NeedsAsync(w.Firm, new NeedFilter())).Kind);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task OneRecordPerBankAndProject_AndOnlyOnProjectsTheBankMaySee(string provider)
    {
        var w = Library(provider);
        using (var db = LibraryStore.Create(w.Options))
        {
            Assert.True((await Service(db).InterestAsync(w.Icbc, w.NeedProject, "可提供设备更新贷款")).Ok);
        }
        using (var db = LibraryStore.Create(w.Options))
        {
            var again = await Service(db).InterestAsync(w.Icbc, w.NeedProject, null);
            Assert.Equal((ResultKind.Conflict, "本行已登记过对该项目的对接（有意向），请在对接记录中更新进展"), (again.Kind, again.Message));
            Assert.True((await Service(db).InterestAsync(w.Boc, w.NeedProject, null)).Ok, "another bank has a record of its own");
            Assert.Equal(ResultKind.Forbidden, (await Service(db).InterestAsync(w.Icbc, w.NoNeedProject, null)).Kind);
            Assert.Equal(ResultKind.NotFound, (await Service(db).InterestAsync(w.Icbc, 987_654, null)).Kind);
            Assert.Equal(ResultKind.Forbidden, (await Service(db).InterestAsync(w.Bureau, w.NeedProject, null)).Kind);
        }
        // The database refuses a second row for the same bank and project even when the code's check is passed by.
        using (var db = LibraryStore.Create(w.Options))
        {
            db.FinancingMatches.Add(FinancingMatch.Interest(w.NeedProject, Icbc, null, "gonghang", Utc(2026, 3, 2, 2)));
            var e = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(DatabaseErrors.IsUniqueViolation(e, FinancingMatch.UniqueIndex));
        }
        using (var db = LibraryStore.Create(w.Options))
        {
            // Each bank sees its own record only; the enterprise and the bureau see both.
            Assert.Equal([Icbc], (await Service(db).ListAsync(w.Icbc)).Select(r => r.Bank));
            Assert.Equal([Boc], (await Service(db).ListAsync(w.Boc)).Select(r => r.Bank));
            Assert.Equal(2, (await Service(db).ListAsync(w.Firm)).Count);
            Assert.Equal(2, (await Service(db).CountsAsync(w.Bureau))[FinancingStatus.Interested]);
            // The enterprise learnt of both interests in its inbox.
            Assert.Equal(2, await db.Notifications.CountAsync(n => n.UserId == w.FirmUserId && n.Kind == "financing_interest"));
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Outcomes_MoveOnlyForward_AgainstTheVersionRead_AndAnotherBanksRecordIsNotThere(string provider)
    {
        var w = Library(provider);
        int id;
        using (var db = LibraryStore.Create(w.Options)) id = (await Service(db).InterestAsync(w.Icbc, w.NeedProject, null)).Value!.Id;
        using (var db = LibraryStore.Create(w.Options))
        {
            Assert.Equal(ResultKind.NotFound, (await Service(db).ContactAsync(w.Boc, id, 1, "冒名")).Kind);
            Assert.Equal("请填写联系情况（note）", (await Service(db).ContactAsync(w.Icbc, id, 1, "  ")).Message);
            var contacted = await Service(db).ContactAsync(w.Icbc, id, 1, "已与王经理面谈");
            Assert.True(contacted.Ok, contacted.Message);
            Assert.Equal(2, contacted.Value!.Version);
        }
        using (var db = LibraryStore.Create(w.Options))
        {
            var stale = await Service(db).DeclineAsync(w.Icbc, id, 1, "额度不足");
            Assert.Equal(ResultKind.Conflict, stale.Kind);
            var back = await Service(db).ContactAsync(w.Icbc, id, 2, "再次联系");
            Assert.Equal((ResultKind.Invalid, "对接进展只能向前推进，不能退回（当前：已联系）"), (back.Kind, back.Message));
            Assert.Equal("请填写未达成的原因（reason）", (await Service(db).DeclineAsync(w.Icbc, id, 2, null)).Message);
            Assert.True((await Service(db).DeclineAsync(w.Icbc, id, 2, "企业暂缓投资")).Ok);
        }
        using (var db = LibraryStore.Create(w.Options))
        {
            var after = await Service(db).SignAsync(w.Icbc, id, 3, Terms);
            Assert.Equal((ResultKind.Invalid, "该对接已有结果，不能再更改（当前：未达成）"), (after.Kind, after.Message));
            var row = Assert.Single(await Service(db).ListAsync(w.Firm));
            Assert.Equal((FinancingStatus.Declined, "已与王经理面谈", "企业暂缓投资"), (row.Status, row.ContactNote, row.DeclineReason));
            Assert.Equal(["银企对接：有意向", "银企对接：已联系", "银企对接：未达成"],
                await db.Audit.Where(a => a.Entity == "financing_match").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task ASignedLoan_IsCreatedOnTheEnterprisesSide_WithThisBank_AuditedAndTold(string provider)
    {
        var w = Library(provider);
        int id;
        using (var db = LibraryStore.Create(w.Options)) id = (await Service(db).InterestAsync(w.Icbc, w.NeedProject, null)).Value!.Id;
        using (var db = LibraryStore.Create(w.Options))
        {
            Assert.Equal("合同年利率（rate_percent）按百分数填写（如 3.45 表示 3.45%），应在 0.1%–24% 之间",
                (await Service(db).SignAsync(w.Icbc, id, 1, Terms with { RatePercent = 0.032m })).Message);
            Assert.Equal("到期日（matures_on）应晚于放款日", (await Service(db).SignAsync(w.Icbc, id, 1, Terms with { MaturesOn = new DateOnly(2026, 3, 1) })).Message);
            Assert.Equal("贷款编号（code）“GH-1”已被登记", (await Service(db).SignAsync(w.Icbc, id, 1, Terms with { Code = "GH-1" })).Message);
            Assert.Equal(2, await db.Loans.CountAsync()); // nothing half-saved
            var signed = await Service(db).SignAsync(w.Icbc, id, 1, Terms with { Code = "GH-2026-001" });
            Assert.True(signed.Ok, signed.Message);
        }
        using (var db = LibraryStore.Create(w.Options))
        {
            var loan = await db.Loans.SingleAsync(l => l.Code == "GH-2026-001");
            Assert.Equal((w.NeedProject, Icbc, 8_000_000m, 0.032m, LoanCategory.DigitalTransformation, 8_000_000m),
                (loan.ProjectId, loan.Bank, loan.Principal, loan.Rate, loan.Category, loan.EquipmentAmount));
            // On the enterprise's side: its loans, and its record with the terms.
            Assert.Contains(loan.Id, await db.Loans.VisibleTo(w.Firm).Select(l => l.Id).ToListAsync());
            var row = Assert.Single(await Service(db).ListAsync(w.Firm));
            Assert.Equal((FinancingStatus.LoanSigned, "GH-2026-001", 8_000_000m, 3.2m), (row.Status, row.Loan!.Code, row.Loan.Principal, row.Loan.RatePercent));
            Assert.Equal([w.IcbcLoan, loan.Id], await db.Loans.VisibleTo(w.Icbc).OrderBy(l => l.Id).Select(l => l.Id).ToListAsync());
            Assert.DoesNotContain(loan.Id, await db.Loans.VisibleTo(w.Boc).Select(l => l.Id).ToListAsync());
            Assert.Equal(["银企对接：有意向", "登记贷款", "银企对接：已签约"], await db.Audit.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
            var told = await db.Notifications.Where(n => n.UserId == w.FirmUserId).OrderBy(n => n.Id).Select(n => n.Kind).ToListAsync();
            Assert.Equal(["financing_interest", "financing_signed"], told);
            Assert.Equal(1, (await Service(db).CountsAsync(w.Bureau))[FinancingStatus.LoanSigned]);
        }
        // The database refuses a signed record without its loan.
        using (var db = LibraryStore.Create(w.Options))
        {
            var sql = "UPDATE financing_matches SET \"LoanId\" = NULL";
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(sql));
        }
    }

    [Fact]
    public void TheStatusTable_GoesOnlyForward()
    {
        Assert.Equal([FinancingStatus.Contacted, FinancingStatus.LoanSigned, FinancingStatus.Declined], FinancingMatch.Next(FinancingStatus.Interested));
        Assert.Equal([FinancingStatus.LoanSigned, FinancingStatus.Declined], FinancingMatch.Next(FinancingStatus.Contacted));
        Assert.Empty(FinancingMatch.Next(FinancingStatus.LoanSigned));
        Assert.Empty(FinancingMatch.Next(FinancingStatus.Declined));
    }
}
