using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Testing;

namespace Renewal.Data.Tests.Model;

/// <summary>State kept behind private setters is stored and read back by EF on both providers.</summary>
public class StoredStateTests
{
    private static readonly DateTimeOffset At = new(2025, 5, 6, 7, 0, 0, TimeSpan.Zero);

    [Theory]
    [OnSqlite, OnPostgres]
    public void ApplicationState_LockoutAndCapUse_RoundTrip(string provider)
    {
        using (var db = Databases.Open(provider, out var options))
        {
            var e = LibraryModelTests.SampleEnterprise();
            db.Enterprises.Add(e);
            db.SaveChanges();
            var app = AwardApplication.Draft(Scheme.EffectiveInvestment, 2025, e.Id, At, projectId: e.Projects[0].Id).MovedTo(ApplicationState.PublicNotice, At);
            app.Number = "SB2025-000001";
            db.Applications.Add(app);
            var user = new UserAccount { UserName = "quzhen", DisplayName = "区镇审核员", Role = Role.DistrictReviewer, Area = "昆山开发区" };
            user.SetPassword("hash");
            for (var i = 0; i < 5; i++) user.RecordFailedSignIn(At, 5, TimeSpan.FromMinutes(15));
            user.RecordFailedSignIn(At, 5, TimeSpan.FromMinutes(15));
            user.Deactivate();
            db.Users.Add(user);
            var ledger = new CapLedger { Key = "B|p1", Cap = 20_000_000m };
            ledger.Book(1_234_567.89m);
            db.CapLedgers.Add(ledger);
            db.SaveChanges();

            using var again = LibraryStore.Create(options);
            var stored = again.Applications.Single(a => a.State == ApplicationState.PublicNotice);
            Assert.Equal((Scheme.EffectiveInvestment, 2025, e.Id, (int?)e.Projects[0].Id, (int?)null), (stored.Scheme, stored.Year, stored.EnterpriseId, stored.ProjectId, stored.LoanId));
            Assert.Equal(At, stored.CreatedAt);
            Assert.Equal(ApplicationState.PublicNotice, stored.Apply(WorkflowAction.Approve, Role.BureauAdmin, At.AddDays(9)));
            again.SaveChanges();
            var u = again.Users.AsNoTracking().Single();
            Assert.Equal((false, 1, At.AddMinutes(15), "hash"), (u.Active, u.FailedSignIns, u.LockedUntil, u.PasswordHash));
            Assert.Equal(1_234_567.89m, again.CapLedgers.AsNoTracking().Single().Used);

            using var third = LibraryStore.Create(options);
            var approved = third.Applications.AsNoTracking().Single();
            Assert.Equal(ApplicationState.Approved, approved.State);
            Assert.Equal(At.AddDays(9), approved.UpdatedAt);
        }
    }
}
