using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Services.Onboarding;
using Renewal.Services.Tests.Workflow;
using Renewal.Services.Workflow;
using Renewal.Testing;

namespace Renewal.Services.Tests.Onboarding;

/// <summary>
/// 企业账号邀请 (issue 12 item 8) on both databases: the administrator invites enterprises without an account; each code
/// creates one enterprise account bound to its credit code, once — also when two claims arrive at the same moment —
/// until it expires or a newer invitation replaces it; a wrong credit code or code is refused without saying which.
/// </summary>
public sealed class InvitationsTests
{
    private const string Jia = "913205837AY4CL12TY";
    private const string Yi = "91320583712DD272H2";
    private const string Bing = "91320583MA1XYZ0001";
    private static readonly UserContext Bureau = new(2, "shiju", Role.BureauReviewer, null, null);

    /// <summary>Three enterprises, one of which (丙) already has an account; the administrator is account 1.</summary>
    private static (LibraryDatabaseOptions Options, UserContext Admin) Library(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        db.Enterprises.AddRange(
            new Renewal.Data.Entities.Enterprise { CreditCode = Jia, Name = "甲精密机械有限公司", Area = "昆山开发区", IndustryCode = "C3421" },
            new Renewal.Data.Entities.Enterprise { CreditCode = Yi, Name = "乙电子科技有限公司", Area = "周市镇", IndustryCode = "C3971" },
            new Renewal.Data.Entities.Enterprise { CreditCode = Bing, Name = "丙新材料有限公司", Area = "周市镇", IndustryCode = "C2651" });
        var admin = new UserAccount { UserName = "admin", DisplayName = "市局管理员", Role = Role.BureauAdmin };
        admin.SetPassword("hash");
        var bing = new UserAccount { UserName = "bing", DisplayName = "丙", Role = Role.Enterprise, CreditCode = Bing };
        bing.SetPassword("hash");
        db.Users.AddRange(admin, bing);
        db.SaveChanges();
        return (options, new UserContext(admin.Id, admin.UserName, Role.BureauAdmin, null, null));
    }

    private static TestClock Clock() => new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    private static string Hash(UserAccount u, string password) => "hashed:" + password;

    private static async Task<IssuedInvitation> InviteAsync(LibraryDatabaseOptions options, TimeProvider clock, UserContext admin, string credit, int? days = null)
    {
        using var db = LibraryStore.Create(options);
        var r = await new InvitationService(db, clock).CreateAsync(admin, [credit], days);
        Assert.True(r.Ok, r.Message);
        return Assert.Single(r.Value!);
    }

    private static async Task<Result<UserAccount>> ClaimAsync(LibraryDatabaseOptions options, TimeProvider clock, string credit, string code, string userName)
    {
        using var db = LibraryStore.Create(options);
        return await new InvitationService(db, clock).ClaimAsync(new ClaimInput(credit, code, userName, "Claim#2026pw"), Hash);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TheAdministrator_InvitesEnterprisesWithoutAnAccount_AndEachClaimsItsOwnAccountOnce(string provider)
    {
        var (options, admin) = Library(provider);
        var clock = Clock();
        using (var db = LibraryStore.Create(options))
        {
            var service = new InvitationService(db, clock);
            var candidates = await service.CandidatesAsync(admin, null, null);
            Assert.Equal(new[] { Jia, Yi }.Order(StringComparer.Ordinal), candidates.Value.Rows.Select(c => c.CreditCode).Order(StringComparer.Ordinal));
            Assert.Equal([Yi], (await service.CandidatesAsync(admin, "周市镇", null)).Value.Rows.Select(c => c.CreditCode));
            Assert.Equal([Jia], (await service.CandidatesAsync(admin, null, "精密")).Value.Rows.Select(c => c.CreditCode));
            Assert.Equal([Yi], (await service.CandidatesAsync(admin, null, "712dd")).Value.Rows.Select(c => c.CreditCode));
            Assert.Equal(ResultKind.Forbidden, (await service.CandidatesAsync(Bureau, null, null)).Kind);
            Assert.Equal(ResultKind.Forbidden, (await service.CreateAsync(Bureau, [Jia])).Kind);
            var refused = await service.CreateAsync(admin, [Jia, Bing]);
            Assert.Equal(ResultKind.Conflict, refused.Kind);
            Assert.Contains("丙新材料有限公司", refused.Message, StringComparison.Ordinal);
            Assert.Empty(db.Invitations); // all or nothing
        }

        IReadOnlyList<IssuedInvitation> issued;
        using (var db = LibraryStore.Create(options))
        {
            var r = await new InvitationService(db, clock).CreateAsync(admin, [Jia, Yi]);
            Assert.True(r.Ok, r.Message);
            issued = r.Value!;
        }
        Assert.Equal(2, issued.Count);
        var jia = issued.Single(i => i.CreditCode == Jia);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$", InvitationService.Format(jia.Code));
        Assert.Equal(clock.Now.AddDays(InvitationOptions.DefaultDays), jia.ExpiresAt);
        Assert.Equal("甲精密机械有限公司", jia.EnterpriseName);
        using (var db = LibraryStore.Create(options))
        {
            // Only the hash is stored; the audit log names the enterprise, never the code.
            var rows = await db.Invitations.AsNoTracking().ToListAsync();
            Assert.DoesNotContain(rows, i => i.CodeHash.Contains(jia.Code, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(InvitationService.HashOf(Jia, jia.Code), rows.Single(i => i.CreditCode == Jia).CodeHash);
            var audit = await db.Audit.AsNoTracking().Where(a => a.Action == "邀请企业").ToListAsync();
            Assert.Equal(2, audit.Count);
            Assert.DoesNotContain(audit, a => (a.After ?? "").Contains(jia.Code, StringComparison.Ordinal));
            Assert.Contains(audit, a => a.EntityId == Jia && a.After!.Contains("甲精密机械有限公司", StringComparison.Ordinal));
        }

        // Typed as people type it: lower case, with spaces.
        var typed = InvitationService.Format(jia.Code).ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal);
        var claimed = await ClaimAsync(options, clock, Jia.ToLowerInvariant(), typed, "jia-caiwu");
        Assert.True(claimed.Ok, claimed.Message);
        Assert.Equal(Role.Enterprise, claimed.Value!.Role);
        Assert.Equal(Jia, claimed.Value.CreditCode);
        Assert.Equal("甲精密机械有限公司", claimed.Value.DisplayName);
        Assert.Equal("hashed:Claim#2026pw", claimed.Value.PasswordHash);

        var again = await ClaimAsync(options, clock, Jia, jia.Code, "jia-other");
        Assert.Equal(InvitationService.Refused, again.Message);
        using (var db = LibraryStore.Create(options))
        {
            Assert.False(await db.Users.AnyAsync(u => u.UserName == "jia-other"));
            var used = await db.Invitations.AsNoTracking().SingleAsync(i => i.CreditCode == Jia);
            Assert.Equal(claimed.Value.Id, used.ClaimedUserId);
            Assert.Equal(clock.Now, used.ClaimedAt);
            var entry = await db.Audit.AsNoTracking().SingleAsync(a => a.Action == "认领企业账号");
            Assert.Equal("jia-caiwu", entry.UserName);
            Assert.Equal(claimed.Value.Id, entry.UserId);
            Assert.Null(AuditLog.Verify(db));
            // 甲 has an account now: no longer a candidate.
            Assert.Equal([Yi], (await new InvitationService(db, clock).CandidatesAsync(admin, null, null)).Value.Rows.Select(c => c.CreditCode));
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task AWrongCreditCodeOrCode_AnExpiredCode_AndAReplacedCode_AreRefusedAlike(string provider)
    {
        var (options, admin) = Library(provider);
        var clock = Clock();
        var jia = await InviteAsync(options, clock, admin, Jia, days: 7);
        var yi = await InviteAsync(options, clock, admin, Yi);

        var wrongCode = await ClaimAsync(options, clock, Jia, InvitationService.NewCode(), "jia1");
        var wrongCredit = await ClaimAsync(options, clock, Yi, jia.Code, "jia2");       // 乙's credit code with 甲's code
        var swapped = await ClaimAsync(options, clock, Bing, jia.Code, "jia3");
        var tooShort = await ClaimAsync(options, clock, Jia, "ABCD", "jia4");
        foreach (var r in new[] { wrongCode, wrongCredit, swapped, tooShort })
        {
            Assert.Equal(ResultKind.Invalid, r.Kind);
            Assert.Equal(InvitationService.Refused, r.Message); // never which of the two was wrong
        }
        var badName = await ClaimAsync(options, clock, Jia, jia.Code, "甲");
        Assert.Contains("用户名", badName.Message, StringComparison.Ordinal);
        var takenName = await ClaimAsync(options, clock, Jia, jia.Code, "ADMIN");
        Assert.Equal(ResultKind.Conflict, takenName.Kind);
        Assert.Contains("已被使用", takenName.Message, StringComparison.Ordinal);

        // Seven days later 甲's code has expired; 乙's (30 days) still works.
        clock.Now = clock.Now.AddDays(7);
        Assert.Equal(InvitationService.Refused, (await ClaimAsync(options, clock, Jia, jia.Code, "jia5")).Message);
        // A new invitation of 乙 replaces the old code.
        var yi2 = await InviteAsync(options, clock, admin, Yi);
        Assert.Equal(InvitationService.Refused, (await ClaimAsync(options, clock, Yi, yi.Code, "yi1")).Message);
        Assert.True((await ClaimAsync(options, clock, Yi, yi2.Code, "yi2")).Ok);

        using var db = LibraryStore.Create(options);
        Assert.Equal(["admin", "bing", "yi2"], await db.Users.OrderBy(u => u.UserName).Select(u => u.UserName).ToListAsync());
        Assert.Contains(await db.Audit.AsNoTracking().Select(a => a.Action).ToListAsync(), a => a == "作废邀请");
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TwoClaimsOfOneCodeAtTheSameMoment_CreateOneAccount(string provider)
    {
        var (options, admin) = Library(provider);
        var clock = Clock();
        for (var round = 0; round < 3; round++)
        {
            var credit = round == 0 ? Jia : round == 1 ? Yi : Jia;
            if (round == 2)
            {
                // A third round on a new enterprise: 甲 has its account now; add 丁.
                using var db0 = LibraryStore.Create(options);
                credit = "91320583MA1XYZ0002";
                db0.Enterprises.Add(new Renewal.Data.Entities.Enterprise { CreditCode = credit, Name = "丁公司", Area = "张浦镇", IndustryCode = "C3421" });
                await db0.SaveChangesAsync();
            }
            var invitation = await InviteAsync(options, clock, admin, credit);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var claims = Enumerable.Range(1, 4).Select(n => Task.Run(async () =>
            {
                await gate.Task;
                return await ClaimAsync(options, clock, credit, invitation.Code, $"r{round}-claimant{n}");
            })).ToArray();
            await Task.Delay(50);
            gate.SetResult();
            var results = await Task.WhenAll(claims);

            var won = Assert.Single(results, r => r.Ok);
            Assert.All(results.Where(r => !r.Ok), r => Assert.Equal(InvitationService.Refused, r.Message));
            using var db = LibraryStore.Create(options);
            var accounts = await db.Users.AsNoTracking().Where(u => u.CreditCode == credit).ToListAsync();
            Assert.Equal(won.Value!.UserName, Assert.Single(accounts).UserName);
            Assert.Equal(accounts[0].Id, (await db.Invitations.AsNoTracking().SingleAsync(i => i.CreditCode == credit)).ClaimedUserId);
            Assert.Single(await db.Audit.AsNoTracking().Where(a => a.Action == "认领企业账号" && a.UserName == won.Value.UserName).ToListAsync());
            Assert.Null(AuditLog.Verify(db));
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TheDatabase_RefusesASecondClaimOfAnInvitation_AndASecondOpenInvitationOfAnEnterprise(string provider)
    {
        var (options, admin) = Library(provider);
        var clock = Clock();
        var jia = await InviteAsync(options, clock, admin, Jia);
        Assert.True((await ClaimAsync(options, clock, Jia, jia.Code, "jia")).Ok);
        using var db = LibraryStore.Create(options);
        var user = await db.Users.SingleAsync(u => u.UserName == "jia");
        // A second claimed invitation of 甲 (say, written by hand): the claimed-per-enterprise index refuses it.
        var other = new Invitation { CreditCode = Jia, CodeHash = new string('a', 64), CreatedBy = "admin", CreatedAt = clock.Now, ExpiresAt = clock.Now.AddDays(1) };
        db.Invitations.Add(other);
        await db.SaveChangesAsync();
        var claimedTwice = await db.Invitations.Where(i => i.Id == other.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ClaimedAt, clock.Now).SetProperty(i => i.ClaimedUserId, user.Id)).ContinueWith(t => t.Exception);
        Assert.NotNull(claimedTwice);
        // Two open invitations of 乙 at once: the open-per-enterprise index refuses the second.
        db.Invitations.Add(new Invitation { CreditCode = Yi, CodeHash = new string('b', 64), CreatedBy = "admin", CreatedAt = clock.Now, ExpiresAt = clock.Now.AddDays(1) });
        db.Invitations.Add(new Invitation { CreditCode = Yi, CodeHash = new string('c', 64), CreatedBy = "admin", CreatedAt = clock.Now, ExpiresAt = clock.Now.AddDays(1) });
        var e = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(DatabaseErrors.IsUniqueViolation(e, Invitation.OpenIndex), e.InnerException?.Message);
        db.ChangeTracker.Clear();
        // A claim without its account: the check refuses it.
        var check = await db.Invitations.Where(i => i.Id == other.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ClaimedAt, clock.Now)).ContinueWith(t => t.Exception);
        Assert.NotNull(check);
    }
}
