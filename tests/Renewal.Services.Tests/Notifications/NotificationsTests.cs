using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Notifications;
using Renewal.Services.Tests.Workflow;
using Renewal.Services.Workflow;
using Renewal.Testing;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Services.Tests.Notifications;

/// <summary>
/// To-do lists, the inbox and the e-mail outbox (issue 12 item 4): each move tells those it concerns, in its own
/// transaction; each role's list holds what waits for it, oldest first, with its due day; e-mail goes through SMTP and
/// a server that is down loses nothing.
/// </summary>
public class NotificationsTests
{
    private const string Code = "913205837AY4CL12TY";

    private static DateTimeOffset Beijing(int y, int m, int d, int h) => new DateTimeOffset(y, m, d, h, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private sealed record People(UserContext Firm, UserContext District, UserContext Bureau, UserContext Finance);

    private static (LibraryDatabaseOptions Options, int ProjectId, People People) Library(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        var e = new Renewal.Data.Entities.Enterprise { CreditCode = Code, Name = "甲公司", Area = "昆山开发区", IndustryCode = "C3421" };
        var p = new Project
        {
            Code = "P1", Name = "高端装备产线", Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress, Clusters = ["equipment_manufacturing"],
            Investments = [new ProjectInvestment { Year = 2025, Equipment = 30_000_000m }],
        };
        e.Projects.Add(p);
        db.Enterprises.Add(e);
        UserAccount U(string name, Role role, string? code = null, string? area = null, string? email = null) =>
            new() { UserName = name, DisplayName = name, Role = role, CreditCode = code, Area = area, Email = email };
        var users = new[]
        {
            U("qiye", Role.Enterprise, Code, email: "qiye@example.cn"), U("quzhen", Role.DistrictReviewer, area: "昆山开发区"), U("other-district", Role.DistrictReviewer, area: "张浦镇"),
            U("shiju", Role.BureauReviewer), U("caizheng", Role.Finance),
        };
        db.Users.AddRange(users);
        db.Calls.Add(new ProgrammeCall
        {
            Scheme = Scheme.EffectiveInvestment, Year = 2025, Title = "2025 年度有效投入奖补", OpensAt = Beijing(2026, 3, 1, 0), ClosesAt = Beijing(2026, 3, 31, 17),
            DistrictDeadline = new DateOnly(2026, 4, 15), CreatedBy = "shiju", CreatedAt = Beijing(2026, 2, 1, 9),
        });
        db.SaveChanges();
        UserContext C(UserAccount a) => new(a.Id, a.UserName, a.Role, a.CreditCode, a.Area);
        return (options, p.Id, new People(C(users[0]), C(users[1]), C(users[3]), C(users[4])));
    }

    private static async Task<Result<AwardApplication>> MoveAsync(LibraryDatabaseOptions options, TestClock clock, UserContext user, int id, WorkflowAction action, string? comment = null)
    {
        using var db = LibraryStore.Create(options);
        return await new ApplicationService(db, PolicyEngine.Default, clock, new WorkflowOptions(0, RequireCall: true)).MoveAsync(user, id, action, comment);
    }

    private static async Task<IReadOnlyList<TodoItem>> TodoAsync(LibraryDatabaseOptions options, UserContext user, TestClock clock)
    {
        using var db = LibraryStore.Create(options);
        return await TodoList.ForAsync(db, user, clock.GetUtcNow());
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task EachMove_TellsThoseItConcerns_AndEachRolesListHoldsWhatWaitsForIt(string provider)
    {
        var (options, projectId, who) = Library(provider);
        var clock = new TestClock(Beijing(2026, 3, 2, 9));
        int id;
        using (var db = LibraryStore.Create(options))
        {
            var created = await new ApplicationService(db, PolicyEngine.Default, clock, new WorkflowOptions(0, RequireCall: true))
                .CreateAsync(who.Firm, Scheme.EffectiveInvestment, 2025, projectId, null);
            id = created.Value!.Id;
        }
        var draft = Assert.Single(await TodoAsync(options, who.Firm, clock));
        Assert.Equal(("填报并提交", (DateOnly?)new DateOnly(2026, 3, 31)), (draft.Task, draft.Due));

        clock.Now = Beijing(2026, 3, 3, 9);
        Assert.True((await MoveAsync(options, clock, who.Firm, id, WorkflowAction.Submit)).Ok);
        Assert.Empty(await TodoAsync(options, who.Firm, clock));
        clock.Now = Beijing(2026, 3, 6, 9);
        var accept = Assert.Single(await TodoAsync(options, who.District, clock));
        Assert.Equal(("受理", (DateOnly?)new DateOnly(2026, 4, 15), 3), (accept.Task, accept.Due, accept.DaysWaiting(clock.GetUtcNow())));

        Assert.True((await MoveAsync(options, clock, who.District, id, WorkflowAction.Accept)).Ok);
        Assert.True((await MoveAsync(options, clock, who.District, id, WorkflowAction.Return, "请补充设备发票")).Ok);
        Assert.Equal("按意见修改后重新提交", Assert.Single(await TodoAsync(options, who.Firm, clock)).Task);
        Assert.Empty(await TodoAsync(options, who.District, clock));

        // A refused move tells no one.
        Assert.False((await MoveAsync(options, clock, who.Finance, id, WorkflowAction.Pay, "X")).Ok);

        using var check = LibraryStore.Create(options);
        var inbox = new Inbox(check, clock);
        Assert.Equal(["returned", "accepted"], (await inbox.ListAsync(who.Firm)).Select(n => n.Kind));
        var returned = (await inbox.ListAsync(who.Firm))[0];
        Assert.Equal("申报被退回修改：" + check.Applications.Single().Number, returned.Title);
        Assert.Contains("意见：请补充设备发票", returned.Body, StringComparison.Ordinal);
        Assert.Equal($"/applications/{id}", returned.Link);
        Assert.Equal(["submitted"], (await inbox.ListAsync(who.District)).Select(n => n.Kind)); // not its own accept and return
        var otherDistrict = check.Users.Single(u => u.UserName == "other-district").Id;
        Assert.DoesNotContain(check.Notifications.ToList(), n => n.UserId == otherDistrict);
        // The enterprise user has an address: its two messages are in the outbox, the district's (no address) are not.
        Assert.Equal(2, check.Outbox.Count(m => m.To == "qiye@example.cn"));
        Assert.Equal(2, check.Outbox.Count());

        Assert.Equal(2, await inbox.UnreadAsync(who.Firm));
        Assert.False(await inbox.MarkReadAsync(who.District, returned.Id)); // not theirs
        Assert.True(await inbox.MarkReadAsync(who.Firm, returned.Id));
        Assert.Equal(1, await inbox.UnreadAsync(who.Firm));
        Assert.True(await inbox.MarkReadAsync(who.Firm, null));
        Assert.Equal(0, await inbox.UnreadAsync(who.Firm));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task CallReminders_AreWrittenOncePerUserAndCall(string provider)
    {
        var (options, projectId, who) = Library(provider);
        var clock = new TestClock(Beijing(2026, 3, 2, 9));
        using (var db = LibraryStore.Create(options))
        {
            await new ApplicationService(db, PolicyEngine.Default, clock, new WorkflowOptions(0, RequireCall: true)).CreateAsync(who.Firm, Scheme.EffectiveInvestment, 2025, projectId, null);
        }
        using (var db = LibraryStore.Create(options)) Assert.Equal(1, await CallReminders.RunAsync(db, clock.GetUtcNow())); // opened
        using (var db = LibraryStore.Create(options)) Assert.Equal(0, await CallReminders.RunAsync(db, clock.GetUtcNow()));
        clock.Now = Beijing(2026, 3, 29, 9);
        using (var db = LibraryStore.Create(options)) Assert.Equal(1, await CallReminders.RunAsync(db, clock.GetUtcNow())); // closing, a draft waits
        using (var db = LibraryStore.Create(options)) Assert.Equal(0, await CallReminders.RunAsync(db, clock.GetUtcNow()));
        using var check = LibraryStore.Create(options);
        Assert.Equal(["call_open", "call_closing"], check.Notifications.OrderBy(n => n.Id).Select(n => n.Kind).ToList());
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TheOutbox_IsSentThroughSmtp_AndAServerThatIsDownLosesNothing(string provider)
    {
        var (options, _, who) = Library(provider);
        var now = Beijing(2026, 3, 2, 9);
        using (var db = LibraryStore.Create(options))
        {
            Notifier.Add(db, who.Firm.Id, "qiye@example.cn", "returned", "申报被退回修改：SB2025-000001", "请补充设备发票", "/applications/1", null, null, now);
            await db.SaveChangesAsync();
        }
        var port = FreePort();
        var sender = new SmtpMailSender(new SmtpOptions("127.0.0.1", port));

        // No server: the message stays, with the error and a later attempt.
        using (var db = LibraryStore.Create(options))
        {
            Assert.Equal((0, 1), await OutboxDrain.RunAsync(db, sender, now));
            var kept = db.Outbox.AsNoTracking().Single();
            Assert.Equal((1, (DateTimeOffset?)null), (kept.Attempts, kept.SentAt));
            Assert.NotNull(kept.LastError);
            Assert.Equal(now.AddMinutes(1), kept.NextAttemptAt);
            Assert.Equal((0, 0), await OutboxDrain.RunAsync(db, sender, now.AddSeconds(30))); // not due yet
        }

        var received = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(received));
        var server = new SmtpServer.SmtpServer(new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build(),
            services);
        var running = server.StartAsync(stop.Token);
        try
        {
            using var db = LibraryStore.Create(options);
            Assert.Equal((1, 0), await OutboxDrain.RunAsync(db, sender, now.AddMinutes(2)));
            Assert.NotNull(db.Outbox.AsNoTracking().Single().SentAt);
            var mail = Assert.Single(received);
            Assert.Contains("qiye@example.cn", mail, StringComparison.Ordinal);
            Assert.Equal((0, 0), await OutboxDrain.RunAsync(db, sender, now.AddMinutes(3))); // sent once
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAny(running, Task.Delay(5000));
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private sealed class Store(ConcurrentQueue<string> received) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            received.Enqueue(string.Join(",", transaction.To.Select(t => $"{t.User}@{t.Host}")) + "\n" + System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
