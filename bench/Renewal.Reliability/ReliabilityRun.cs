using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Policy.Model;

namespace Renewal.Reliability;

/// <summary>
/// The reliability run (issue 10, item 6): on web nodes sharing one database it sets up its own enterprises, projects
/// and loans through the API, fires bounded concurrent bursts — (a) duplicate creates, (b) competing approvals under
/// every cap, (c) duplicate payments, (d) unrelated approvals, (e) a node killed mid-burst — and then counts, from the
/// database only, what must never happen (<see cref="DatabaseCounts"/>).
/// </summary>
public sealed class ReliabilityRun
{
    /// <summary>The password of the accounts the run creates (letters and digits, as the rule asks).</summary>
    public const string Password = "Reliable2026pw";

    private static readonly string[] Contention = ["同时处理", "已被他人处理"];

    private readonly RunOptions _o;
    private readonly Journal _journal = new();
    private readonly string _tag = Guid.NewGuid().ToString("N")[..6];
    private readonly TextWriter _log;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<ApiSession> _sessions = [];

    private Person _admin = null!;
    private readonly List<Person> _bureau = [];
    private readonly List<Person> _finance = [];

    private ReliabilityRun(RunOptions options)
    {
        _o = options;
        _log = options.Log;
    }

    private int Nodes => _o.Nodes.Count;

    /// <summary>Runs every burst and returns the counts taken from the database afterwards.</summary>
    public static async Task<RunResult> RunAsync(RunOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Nodes.Count == 0) throw new ArgumentException("at least one node", nameof(options));
        var run = new ReliabilityRun(options);
        try
        {
            return await run.RunAsync(ct);
        }
        finally
        {
            foreach (var s in run._sessions) s.Dispose();
        }
    }

    private async Task<RunResult> RunAsync(CancellationToken ct)
    {
        Say($"reliability run on {_o.Database.Provider}, {Nodes} node(s): {string.Join(", ", _o.Nodes.Select(n => n.Name))}");
        var (capped, unrelated) = await SetUpAsync(ct);

        // (a) Duplicate creates: every subject at once from several sessions on every node.
        var capApps = capped.Select(s => new TrackedApp(s)).ToList();
        var unrelatedApps = unrelated.Select(s => new TrackedApp(s)).ToList();
        var all = capApps.Concat(unrelatedApps).ToList();
        var tally = new Tally();
        foreach (var batch in all.Chunk(6))
            await AtOnceAsync([.. batch.SelectMany(app => Enumerable.Range(0, _o.Size.CreateCopies).Select(k => (Func<Task>)(() => CreateAsync(app, k, tally, ct))))]);
        Say($"(a) duplicate creates: {all.Count} subjects × {_o.Size.CreateCopies} → {tally}");
        await ResolveIdsAsync(all, ct);

        // To the public notice, a few applications at a time (not a burst: every move is retried until it is made).
        await ForEachAsync(all, 4, (app, i) => AdvanceAsync(app, "PublicNotice", i, ct));
        Say($"walked {all.Count(a => a.State == "PublicNotice")}/{all.Count} applications to the public notice");

        // (b) Competing approvals: every capped application approved at once by two reviewers on different nodes.
        tally = new Tally();
        await AtOnceAsync([.. capApps.SelectMany((app, i) => Enumerable.Range(0, 2).Select(k => (Func<Task>)(() =>
            ApproveUntilSettledAsync(app, _bureau[k % _bureau.Count], i + k, tally, ct))))]);
        Say($"(b) competing approvals under the caps: {capApps.Count} applications × 2 reviewers → {tally}");
        foreach (var app in capApps) Say($"    {app} approved={await ApprovedAmountAsync(app, ct)}");

        // (d) Unrelated approvals: distinct enterprises, one request each, all at once over the nodes. None may fail.
        tally = new Tally();
        await AtOnceAsync([.. unrelatedApps.Select((app, i) => (Func<Task>)(async () =>
            tally.Add(await MoveAsync(_bureau[i % _bureau.Count].On(i), app, "Approve", null, app.Version, ct))))]);
        Say($"(d) unrelated approvals: {unrelatedApps.Count} at once → {tally}");

        // (c) Duplicate payments: each approved application paid several times at once, from every node.
        await RefreshAllAsync(all, ct);
        var approved = all.Where(a => a.State == "Approved").ToList();
        tally = new Tally();
        foreach (var batch in approved.Chunk(8))
            await AtOnceAsync([.. batch.SelectMany(app => Enumerable.Range(0, _o.Size.PayCopies).Select(k => (Func<Task>)(async () =>
                tally.Add(await MoveAsync(_finance[k % _finance.Count].On(k), app, "Pay", $"REL-ZF-{app.Id}-{k}", k % 2 == 0 ? app.Version : null, ct)))))]);
        Say($"(c) duplicate payments: {approved.Count} applications × {_o.Size.PayCopies} → {tally}");

        // (e) A node killed in the middle of a burst; the walks carry on on the nodes left.
        var mustFinish = new List<TrackedApp>();
        if (_o.Kill is not null && Nodes > 1)
        {
            var walks = unrelated.SelectMany(s => new[]
            {
                new TrackedApp(s with { Label = "kill B", Year = 2026 }),
                new TrackedApp(new Subject("kill C", Scheme.TechRenovation, 2026, s.Firm)),
            }).ToList();
            mustFinish.AddRange(walks);
            await KillBurstAsync(walks, ct);
        }

        await RefreshAllAsync(all.Concat(mustFinish).Where(a => a.Id > 0), ct);
        var audit = await AuditAsync(ct);
        List<int> unrelatedIds = [.. unrelatedApps.Select(a => a.Id)], walkIds = [.. mustFinish.Select(a => a.Id)];
        var counts = DatabaseCounts.Take(_o.Database, _journal, unrelatedIds, walkIds, audit, _log);
        var result = new RunResult(counts, _journal.Requests, _journal.Unanswered, _journal.ServerErrors, _journal.Confirms, _clock.Elapsed)
        {
            UnrelatedApplications = unrelatedIds,
            Recount = () => DatabaseCounts.Take(_o.Database, _journal, unrelatedIds, walkIds, audit, _log),
        };
        foreach (var sample in _journal.ServerErrorSamples) Say($"    5xx: {sample}");
        Say(result.Line);
        return result;
    }

    // ------------------------------------------------------------------ setup

    /// <summary>
    /// Accounts (enterprise users, district reviewers, a second bureau reviewer and finance officer), then the run's own
    /// projects and loans declared by the enterprises: one enterprise whose subjects overrun every cap, and
    /// <see cref="RunSize.UnrelatedEnterprises"/> with one B subject each.
    /// </summary>
    private async Task<(List<Subject> Capped, List<Subject> Unrelated)> SetUpAsync(CancellationToken ct)
    {
        _admin = await PersonAsync("admin", _o.DemoPassword, ct);
        var bureau2 = await AccountAsync($"rel{_tag}-shiju", "可靠性测试市局审核员", "BureauReviewer", null, null, ct);
        var finance2 = await AccountAsync($"rel{_tag}-caizheng", "可靠性测试财政人员", "Finance", null, null, ct);
        _bureau.Add(await PersonAsync("shiju", _o.DemoPassword, ct));
        _bureau.Add(await PersonAsync(bureau2, Password, ct));
        _finance.Add(await PersonAsync("caizheng", _o.DemoPassword, ct));
        _finance.Add(await PersonAsync(finance2, Password, ct));

        var picked = PickEnterprises(1 + _o.Size.UnrelatedEnterprises);
        var districts = new Dictionary<string, Person>(StringComparer.Ordinal);
        var firms = new List<Firm>();
        foreach (var (id, code, area) in picked)
        {
            if (!districts.TryGetValue(area, out var district))
            {
                var name = await AccountAsync($"rel{_tag}-qu{districts.Count}", $"可靠性测试{area}审核员", "DistrictReviewer", null, area, ct);
                districts[area] = district = await PersonAsync(name, Password, ct);
            }
            var user = await AccountAsync($"rel{_tag}-e{id}", $"可靠性测试企业{id}", "Enterprise", code, null, ct);
            firms.Add(new Firm(id, code, area, await PersonAsync(user, Password, ct), district));
        }
        Say($"set up: {firms.Count} enterprises in {districts.Count} areas, {_sessions.Count} sessions");

        var cap = firms[0];
        var capped = new List<Subject>();
        var b = await ProjectAsync(cap, "B", new
        {
            kind = "Expansion", status = "InProgress", startedOn = "2024-01-15", clusters = new[] { "equipment_manufacturing" },
            investments = new[] { 2024, 2025, 2026 }.Select(y => new { year = y, equipment = 60_000_000m }),
        }, ct);
        // 4,800,000 of B a year: two or three years together overrun the 8,000,000 lifetime cap (B-4, I-3).
        capped.AddRange(_o.Size.EffectiveInvestmentYears.Select(y => new Subject($"B {y} lifetime", Scheme.EffectiveInvestment, y, cap, b)));
        // Completed in 2025 with 600,000,000 of digital investment: A 30,000,000 in 2025, and B the same year (I-5: one of them).
        var ab = await ProjectAsync(cap, "AB", new
        {
            kind = "Expansion", status = "Completed", startedOn = "2024-01-15", completedOn = "2025-06-30",
            clusters = new[] { "equipment_manufacturing" }, digitalScopes = new[] { "smart_factory_demo" },
            investments = new[] { 2024, 2025 }.Select(y => new { year = y, equipment = 300_000_000m, digital = 300_000_000m }),
        }, ct);
        capped.Add(new Subject("A 2025", Scheme.Demonstration, 2025, cap, ab));
        capped.Add(new Subject("B 2025 beside A", Scheme.EffectiveInvestment, 2025, cap, ab));
        if (_o.Size.SecondDemonstration) capped.Add(new Subject("A 2026 once", Scheme.Demonstration, 2026, cap, ab));
        // 360,000,000 of renovation and expansion equipment with digital investment: C capped at 10,000,000 (C-5).
        capped.Add(new Subject("C 2025", Scheme.TechRenovation, 2025, cap));
        // Loans of 300,000,000 at 3%: about 3,025,000 a year per level each, past the province's per-project and
        // per-enterprise caps and Kunshan's per-enterprise cap (D-6, D-7).
        var loanNo = 0;
        foreach (var (count, p) in _o.Size.LoansPerProject.Select((n, i) => (n, i)))
        {
            var project = await ProjectAsync(cap, $"D{p}", new { kind = "Renovation", status = "InProgress", startedOn = "2024-06-01" }, ct);
            for (var l = 0; l < count; l++)
            {
                var loan = await LoanAsync(cap, project, ++loanNo, ct);
                capped.AddRange(_o.Size.LoanYears.Select(y => new Subject($"D {y} loan {loanNo}", Scheme.LoanInterest, y, cap, project, loan)));
            }
        }

        var unrelated = new List<Subject>();
        foreach (var firm in firms.Skip(1))
        {
            var p = await ProjectAsync(firm, "U", new
            {
                kind = "Expansion", status = "InProgress", startedOn = "2024-03-01", clusters = new[] { "electronic_information" },
                investments = new[] { 2025, 2026 }.Select(y => new { year = y, equipment = 60_000_000m }),
            }, ct);
            unrelated.Add(new Subject($"B 2025 firm {firm.Id}", Scheme.EffectiveInvestment, 2025, firm, p));
        }
        Say($"declared the run's projects and loans: {capped.Count} capped subjects, {unrelated.Count} unrelated");
        return (capped, unrelated);
    }

    /// <summary>Manufacturing enterprises (GB/T 4754 section C, divisions 13–43: D's borrowers too) no account is bound to yet.</summary>
    private List<(int Id, string Code, string Area)> PickEnterprises(int count)
    {
        using var db = LibraryStore.Create(_o.Database);
        var bound = db.Users.AsNoTracking().Where(u => u.CreditCode != null).Select(u => u.CreditCode!).ToHashSet(StringComparer.Ordinal);
        var picked = db.Enterprises.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.CreditCode, e.Area, e.IndustryCode }).AsEnumerable()
            .Where(e => !bound.Contains(e.CreditCode) && e.IndustryCode.Length >= 3 && e.IndustryCode[0] == 'C'
                && int.TryParse(e.IndustryCode.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var division) && division is >= 13 and <= 43)
            .Take(count).Select(e => (e.Id, e.CreditCode, e.Area)).ToList();
        if (picked.Count < count) throw new InvalidOperationException($"the library has {picked.Count} manufacturing enterprises without an account, {count} needed");
        return picked;
    }

    /// <summary>A new account made by the administrator (POST /api/v1/admin/accounts); its user name.</summary>
    private async Task<string> AccountAsync(string userName, string display, string role, string? creditCode, string? area, CancellationToken ct)
    {
        var a = await _admin.On(0).PostAsync("/api/v1/admin/accounts",
            new { userName, displayName = display, role, creditCode, area, password = Password }, ct);
        return a.Success ? userName : throw new InvalidOperationException($"account {userName}: {a}");
    }

    /// <summary>The person signed in on every node.</summary>
    private async Task<Person> PersonAsync(string userName, string password, CancellationToken ct)
    {
        var sessions = new List<ApiSession>();
        foreach (var node in _o.Nodes)
        {
            var s = new ApiSession(node, userName, _journal);
            _sessions.Add(s);
            await s.SignInAsync(password, ct);
            sessions.Add(s);
        }
        return new Person(userName, sessions);
    }

    private async Task<int> ProjectAsync(Firm firm, string code, object fields, CancellationToken ct)
    {
        var body = JsonNodeOf(fields);
        body["code"] = $"REL{_tag}-{code}";
        body["name"] = $"可靠性测试项目 {code}";
        var a = await firm.User.On(0).PostAsync("/api/v1/enterprise/projects", body, ct);
        return a.Success ? a.Body!["id"]!.GetValue<int>() : throw new InvalidOperationException($"project {code} of {firm.Id}: {a}");
    }

    private async Task<int> LoanAsync(Firm firm, int project, int n, CancellationToken ct)
    {
        var a = await firm.User.On(0).PostAsync("/api/v1/enterprise/loans", new
        {
            code = $"REL{_tag}-L{n}", projectId = project, bank = "中国工商银行昆山分行", category = "EquipmentRenewal",
            principal = 300_000_000m, ratePercent = 3.00m, issuedOn = "2025-01-02", maturesOn = "2028-01-02",
            equipmentAmount = 300_000_000m, viaSuzhouPlatform = false, repayments = Array.Empty<object>(),
        }, ct);
        return a.Success ? a.Body!["id"]!.GetValue<int>() : throw new InvalidOperationException($"loan {n} of {firm.Id}: {a}");
    }

    private static JsonObject JsonNodeOf(object value) =>
        System.Text.Json.JsonSerializer.SerializeToNode(value, ApiSession.Json)!.AsObject();

    // ------------------------------------------------------------------ moves

    /// <summary>One create of <paramref name="app"/>'s subject by the enterprise on node <paramref name="k"/>.</summary>
    private async Task CreateAsync(TrackedApp app, int k, Tally tally, CancellationToken ct)
    {
        var a = await app.Subject.Firm.User.On(k).PostAsync("/api/v1/applications", app.Subject.CreateBody, ct);
        tally.Add(a);
        if (a.Status == 201)
        {
            var id = a.Body!["id"]!.GetValue<int>();
            _journal.Created(id, app.Subject.Key);
            app.Id = id;
            app.Seen(a.Body);
        }
        else if (a.Status == 409 && a.Body?["existing"]?["id"] is JsonValue existing && app.Id == 0)
        {
            app.Id = existing.GetValue<int>();
        }
    }

    /// <summary>The application id of every subject: from the answers, else the live application in the database.</summary>
    private async Task ResolveIdsAsync(IEnumerable<TrackedApp> apps, CancellationToken ct)
    {
        foreach (var app in apps)
        {
            if (app.Id == 0)
            {
                using var db = LibraryStore.Create(_o.Database);
                var s = app.Subject;
                var key = Renewal.Data.Entities.AwardApplication.SubjectOf(s.Scheme, s.Firm.Id, s.ProjectId, s.LoanId);
                var candidates = await db.Applications.AsNoTracking().Where(a => a.Scheme == s.Scheme && a.Year == s.Year && a.SubjectKey == key)
                    .Select(a => new { a.Id, a.State }).ToListAsync(ct);
                app.Id = candidates.Where(a => Renewal.Data.Entities.AwardApplication.IsLive(a.State)).Select(a => a.Id).FirstOrDefault();
                if (app.Id == 0) throw new InvalidOperationException($"no application was created for {s}");
            }
            await RefreshAsync(app, 0, ct);
        }
    }

    /// <summary>A move with the version the client saw; acknowledged moves update the tracked application and go to the journal.</summary>
    private async Task<Answer> MoveAsync(ApiSession s, TrackedApp app, string action, string? comment, long? version, CancellationToken ct)
    {
        var a = await PostMoveAsync(s, app.Id, action, comment, version, _journal, ct);
        if (a.Success) app.Seen(a.Body);
        return a;
    }

    /// <summary>
    /// POST /api/v1/applications/{id}/moves as a client makes it. A 409 whose problem carries <c>amountChanged</c>
    /// ({"submitted", "computed", "reasons"}: the approval computed another amount than was submitted) is confirmed
    /// once — the same move again with <c>confirmAmount</c> = computed — as the reviewer who read the reasons would.
    /// An acknowledged move goes to the journal.
    /// </summary>
    internal static async Task<Answer> PostMoveAsync(ApiSession s, int id, string action, string? comment, long? version, Journal journal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(journal);
        var path = $"/api/v1/applications/{id.ToString(CultureInfo.InvariantCulture)}/moves";
        var a = await s.PostAsync(path, new JsonObject { ["action"] = action, ["comment"] = comment, ["version"] = version }, ct);
        if (AmountChanged(a) is { } computed)
        {
            journal.CountConfirm();
            a = await s.PostAsync(path, new JsonObject { ["action"] = action, ["comment"] = comment, ["version"] = version, ["confirmAmount"] = computed }, ct);
        }
        if (a.Success) journal.Moved(id, action, a.Body?["state"]?.ToString() ?? "", a.Body?["version"]?.GetValue<long>() ?? -1);
        return a;
    }

    /// <summary>The computed amount of a 409 that asks the reviewer to confirm a changed amount, or null.</summary>
    private static decimal? AmountChanged(Answer a) =>
        a.Status == 409 && a.Body?["amountChanged"]?["computed"] is JsonValue v
            ? v.TryGetValue<decimal>(out var d) ? d
                : decimal.TryParse(v.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out d) ? d : null
            : null;

    /// <summary>
    /// A refusal worth trying again with what the server shows now: someone else acted first (version, ledger row), or
    /// the amount changed again between the confirmation and its re-post. A cap's refusal is final.
    /// </summary>
    private static bool IsContention(Answer a) =>
        a.Status == 409 && (Contention.Any(c => a.Detail.Contains(c, StringComparison.Ordinal)) || AmountChanged(a) is not null);

    /// <summary>Reads the application again from a node that is up (as the bureau sees it).</summary>
    private async Task RefreshAsync(TrackedApp app, int node, CancellationToken ct)
    {
        for (var i = 0; i < Nodes; i++)
        {
            var a = await _bureau[0].On(node + i).GetAsync($"/api/v1/applications/{app.Id.ToString(CultureInfo.InvariantCulture)}", ct);
            if (a.Success)
            {
                app.Seen(a.Body);
                return;
            }
        }
    }

    private Task RefreshAllAsync(IEnumerable<TrackedApp> apps, CancellationToken ct) => ForEachAsync(apps.ToList(), 4, (app, i) => RefreshAsync(app, i, ct));

    /// <summary>
    /// Walks <paramref name="app"/> to <paramref name="target"/> (a state on the way draft → … → paid), each move by the
    /// role that makes it, on alternating nodes, retrying after contention or a lost answer with what the server shows.
    /// </summary>
    private async Task<bool> AdvanceAsync(TrackedApp app, string target, int node, CancellationToken ct)
    {
        for (var step = 0; step < 24; step++)
        {
            if (app.State == target) return true;
            var (action, person) = app.State switch
            {
                "Draft" or "Returned" => ("Submit", app.Subject.Firm.User),
                "Submitted" => ("Accept", app.Subject.Firm.District),
                "DistrictReview" => ("DistrictApprove", app.Subject.Firm.District),
                "BureauReview" => ("BureauApprove", _bureau[step % _bureau.Count]),
                "PublicNotice" => ("Approve", _bureau[step % _bureau.Count]),
                "Approved" => ("Pay", _finance[step % _finance.Count]),
                _ => ((string?)null, (Person?)null),
            };
            if (action is null) break;
            var a = await MoveAsync(person!.On(node + step), app, action, action == "Pay" ? $"REL-ZF-{app.Id}-w{step}" : null, app.Version, ct);
            if (a.Success) continue;
            if (!a.Unanswered && !IsContention(a))
            {
                Say($"    {app}: {action} refused: {a}");
                await RefreshAsync(app, node, ct);
                return app.State == target;
            }
            await Task.Delay(Random.Shared.Next(5, 40), ct);
            await RefreshAsync(app, node + step + 1, ct);
        }
        return app.State == target;
    }

    /// <summary>One reviewer approving: again after contention (with the version the server shows now), never after a cap's refusal.</summary>
    private async Task ApproveUntilSettledAsync(TrackedApp app, Person reviewer, int node, Tally tally, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 8 && app.State == "PublicNotice"; attempt++)
        {
            var a = await MoveAsync(reviewer.On(node), app, "Approve", null, app.Version, ct);
            tally.Add(a);
            if (a.Success || !(IsContention(a) || a.Unanswered)) return;
            await Task.Delay(Random.Shared.Next(5, 60), ct);
            await RefreshAsync(app, node, ct);
        }
    }

    private async Task<string> ApprovedAmountAsync(TrackedApp app, CancellationToken ct)
    {
        var a = await _bureau[0].On(0).GetAsync($"/api/v1/applications/{app.Id.ToString(CultureInfo.InvariantCulture)}", ct);
        app.Seen(a.Body);
        return a.Body?["approvedAmount"]?.ToString() is { Length: > 0 } amount ? amount : "—";
    }

    // ------------------------------------------------------------------ (e) the kill

    /// <summary>
    /// Every walk from create to payment at once, over all nodes; when about a third of the burst's requests have
    /// been sent, the last node is killed. Walks whose requests it swallowed read the application again on a node
    /// that is up and carry on from what the database holds.
    /// </summary>
    private async Task KillBurstAsync(List<TrackedApp> walks, CancellationToken ct)
    {
        var victim = _o.Nodes[^1];
        var start = _journal.Requests;
        var threshold = walks.Count * 3;
        var tally = new Tally();
        var killed = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var killer = Task.Run(async () =>
        {
            while (_journal.Requests - start < threshold && !stop.IsCancellationRequested) await Task.Delay(2, CancellationToken.None);
            if (stop.IsCancellationRequested) return;
            await _o.Kill!();
            victim.MarkDown();
            killed.TrySetResult(_clock.Elapsed);
        }, CancellationToken.None);

        await AtOnceAsync([.. walks.Select((app, i) => (Func<Task>)(async () =>
        {
            // Two creates of the subject at once, one per node.
            await Task.WhenAll(Enumerable.Range(0, Math.Min(2, Nodes)).Select(k => CreateAsync(app, i + k, tally, ct)));
            if (app.Id == 0)
            {
                // Both answers lost to the kill: create again where a node is up (409 names the live one if it was made).
                await CreateAsync(app, 0, tally, ct);
            }
            if (app.Id == 0) await ResolveIdsAsync([app], ct);
            else await RefreshAsync(app, i, ct);
            if (!await AdvanceAsync(app, "Paid", i, ct)) Say($"    kill burst: {app} did not reach Paid");
        }))]);
        await stop.CancelAsync();
        await killer;
        var when = killed.Task.IsCompleted ? $"killed {victim.Name} after {threshold} requests" : $"{victim.Name} was not killed (burst too short)";
        Say($"(e) kill -9 mid-burst: {walks.Count} walks create → paid, {when}; creates {tally}; {walks.Count(w => w.State == "Paid")}/{walks.Count} paid");
    }

    // ------------------------------------------------------------------ audit

    /// <summary>GET /api/v1/audit/verify on a node that is up, as the bureau.</summary>
    private async Task<bool?> AuditAsync(CancellationToken ct)
    {
        for (var i = 0; i < Nodes; i++)
        {
            var a = await _bureau[0].On(i).GetAsync("/api/v1/audit/verify", ct);
            if (a.Success)
            {
                Say($"audit verify (API, {_bureau[0].On(i).Node.Name}): {a.Text}");
                return a.Body?["intact"]?.GetValue<bool>();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>Starts every action, releases them together from a gate and waits for all.</summary>
    private static async Task AtOnceAsync(IReadOnlyList<Func<Task>> actions)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = actions.Select(a => Task.Run(async () =>
        {
            await gate.Task;
            await a();
        })).ToArray();
        await Task.Delay(30);
        gate.SetResult();
        await Task.WhenAll(running);
    }

    private static async Task ForEachAsync<T>(IReadOnlyList<T> items, int parallel, Func<T, int, Task> body)
    {
        using var slots = new SemaphoreSlim(parallel);
        await Task.WhenAll(items.Select(async (item, i) =>
        {
            await slots.WaitAsync();
            try
            {
                await body(item, i);
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    private void Say(string line) => _log.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0}s] {line}");

    /// <summary>Answers of one burst by status.</summary>
    private sealed class Tally
    {
        private readonly ConcurrentDictionary<int, int> _byStatus = new();

        public void Add(Answer a) => _byStatus.AddOrUpdate(a.Status, 1, (_, n) => n + 1);

        public override string ToString() => string.Join(" ", _byStatus.OrderBy(k => k.Key).Select(k =>
            $"{(k.Key == 0 ? "none" : k.Key.ToString(CultureInfo.InvariantCulture))}×{k.Value.ToString(CultureInfo.InvariantCulture)}"));
    }
}
