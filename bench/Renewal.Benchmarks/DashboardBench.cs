using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Seed;
using Renewal.Services.Candidates;
using Renewal.Services.Programme;

namespace Renewal.Benchmarks;

/// <summary>
/// The dashboard and the candidates on a live library (issue 13): milliseconds of the first load (nothing kept), a warm
/// request (nothing changed), and a request right after one change saved through EF as the web saves it — an
/// investment for the dashboard, an inventory item's quantity for the candidates (so its counts move) — for all of Kunshan and for one area. Each
/// "after a change" figure is the median of its rounds; <see cref="DashboardAfterChangeMs"/> is the headline.
/// </summary>
internal sealed record DashboardFigures(
    int Projects, int EquipmentItems, int Rounds,
    double DashboardFirstLoadMs, double DashboardWarmMs, double DashboardAfterChangeMs,
    double DashboardAreaFirstMs, double DashboardAreaWarmMs, double DashboardAreaAfterChangeMs,
    double DashboardFullComputeMs, double DashboardRebuildMs,
    double CandidatesFirstMs, double CandidatesWarmMs, double CandidatesAfterChangeMs,
    double CandidatesAreaFirstMs, double CandidatesAreaWarmMs, double CandidatesAreaAfterChangeMs,
    string Load);

/// <summary>
/// <c>dashboard [enterprises=22400] [--db PATH]</c>: <see cref="Measure"/> on the seeded ≈ 100,000-project SQLite
/// library of <see cref="WhatIfBench"/> (seeded the same way when the file is empty).
/// </summary>
internal static class DashboardBench
{
    private const int Rounds = 9;
    private const int CandidateYear = 2026;
    private static readonly DateOnly Today = new(2026, 6, 30);

    public static int Run(string[] args)
    {
        var enterprises = args.Skip(1).FirstOrDefault(a => a.Length > 0 && a.All(char.IsAsciiDigit)) is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 22_400;
        var dbIndex = Array.IndexOf(args, "--db");
        var options = WhatIfBench.Library(enterprises, dbIndex >= 0 ? args[dbIndex + 1] : null);
        var figures = Measure(options, Console.Out);
        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }

    /// <summary>Measures the dashboard and the candidates on the library of <paramref name="options"/>; writes each figure to <paramref name="log"/>.</summary>
    public static DashboardFigures Measure(LibraryDatabaseOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var engine = PolicyEngine.Default;
        LibraryDbContext Open() => LibraryStore.Create(options);
        int projects, items;
        string area;
        using (var db = Open())
        {
            projects = db.Projects.Count();
            items = db.Equipment.Count();
            area = db.Enterprises.GroupBy(e => e.Area).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).First();
            ProgrammeCache.Forget(db);
            CandidateCache.Forget(db);
        }
        log.WriteLine($"dashboard bench: {projects:N0} projects, {items:N0} inventory items, area {area}; load {Load()}");

        // Each request on a context of its own, as the web's.
        double Request(Action<LibraryDbContext> request)
        {
            using var db = Open();
            var sw = Stopwatch.StartNew();
            request(db);
            return sw.Elapsed.TotalMilliseconds;
        }
        void Dashboard(LibraryDbContext db, string? a) => ProgrammeCache.Get(db, engine, Today, a, Open);
        void Candidates(LibraryDbContext db, string? a) =>
            CandidateCache.Get(db, a is null ? "all" : "area:" + a, a is null ? db.Enterprises : db.Enterprises.Where(e => e.Area == a), CandidateYear, null);

        var dashboardFirst = Request(db => Dashboard(db, null));
        var dashboardAreaFirst = Request(db => Dashboard(db, area));
        var dashboardWarm = Median(Enumerable.Range(0, Rounds).Select(_ => Request(db => Dashboard(db, null))));
        var dashboardAreaWarm = Median(Enumerable.Range(0, Rounds).Select(_ => Request(db => Dashboard(db, area))));
        var full = Request(db => ProgrammeProgress.Compute(Open, engine, Today));
        // A full build again in this warm process (what a bulk load or a lost position costs, without the first query's JIT and model).
        var rebuild = Request(db =>
        {
            ProgrammeCache.Forget(db);
            Dashboard(db, null);
        });

        // One investment of the programme years changes (up by one yuan; put back after the rounds).
        var cityInvestments = PickInvestments(Open, null);
        var areaInvestments = PickInvestments(Open, area);
        var dashboardAfter = Median(Enumerable.Range(0, Rounds).Select(k =>
        {
            Change(Open, db => db.Investments.Single(i => i.ProjectId == cityInvestments[k].ProjectId && i.Year == cityInvestments[k].Year).Equipment += 1m);
            return Request(db => Dashboard(db, null));
        }));
        var dashboardAreaAfter = Median(Enumerable.Range(0, Rounds).Select(k =>
        {
            Change(Open, db => db.Investments.Single(i => i.ProjectId == areaInvestments[k].ProjectId && i.Year == areaInvestments[k].Year).Equipment += 1m);
            return Request(db => Dashboard(db, area));
        }));
        // Put the library back as it was (not timed).
        foreach (var (p, y) in cityInvestments.Concat(areaInvestments)) Change(Open, db => db.Investments.Single(i => i.ProjectId == p && i.Year == y).Equipment -= 1m);
        log.WriteLine($"  dashboard, all of Kunshan: first load {dashboardFirst:N0} ms, warm {dashboardWarm:N1} ms, after one investment changed {dashboardAfter:N1} ms (median of {Rounds})");
        log.WriteLine($"  dashboard, {area}: first view (city kept) {dashboardAreaFirst:N1} ms, warm {dashboardAreaWarm:N1} ms, after one investment changed {dashboardAreaAfter:N1} ms");
        log.WriteLine($"  dashboard, the full computation (what every change cost before the change feed): {full:N0} ms; a full build of the kept shares, warm process: {rebuild:N0} ms");

        var candidatesFirst = Request(db => Candidates(db, null));
        var candidatesAreaFirst = Request(db => Candidates(db, area));
        var candidatesWarm = Median(Enumerable.Range(0, Rounds).Select(_ => Request(db => Candidates(db, null))));
        var candidatesAreaWarm = Median(Enumerable.Range(0, Rounds).Select(_ => Request(db => Candidates(db, area))));
        var cityItems = PickItems(Open, null);
        var areaItems = PickItems(Open, area);
        var candidatesAfter = Median(Enumerable.Range(0, Rounds).Select(k =>
        {
            Change(Open, db => db.Equipment.Single(i => i.Id == cityItems[k]).Quantity += 1);
            return Request(db => Candidates(db, null));
        }));
        var candidatesAreaAfter = Median(Enumerable.Range(0, Rounds).Select(k =>
        {
            Change(Open, db => db.Equipment.Single(i => i.Id == areaItems[k]).Quantity += 1);
            return Request(db => Candidates(db, area));
        }));
        foreach (var id in cityItems.Concat(areaItems)) Change(Open, db => db.Equipment.Single(i => i.Id == id).Quantity -= 1);
        log.WriteLine($"  candidates, all of Kunshan ({CandidateYear}): first {candidatesFirst:N0} ms, warm {candidatesWarm:N1} ms, after one item changed {candidatesAfter:N1} ms");
        log.WriteLine($"  candidates, {area}: first (city kept) {candidatesAreaFirst:N1} ms, warm {candidatesAreaWarm:N1} ms, after one item changed {candidatesAreaAfter:N1} ms");

        return new DashboardFigures(projects, items, Rounds, dashboardFirst, dashboardWarm, dashboardAfter, dashboardAreaFirst, dashboardAreaWarm, dashboardAreaAfter, full, rebuild,
            candidatesFirst, candidatesWarm, candidatesAfter, candidatesAreaFirst, candidatesAreaWarm, candidatesAreaAfter, Load());
    }

    /// <summary>A change saved through EF on a context of its own, as a web request saves it.</summary>
    private static void Change(Func<LibraryDbContext> open, Action<LibraryDbContext> change)
    {
        using var db = open();
        change(db);
        db.SaveChanges();
    }

    /// <summary>Investments of the programme years spread over the library (or the area), one per round.</summary>
    private static List<(int ProjectId, int Year)> PickInvestments(Func<LibraryDbContext> open, string? area)
    {
        using var db = open();
        var all = area is null;
        var rows = db.Investments.AsNoTracking().Where(i => i.Year >= 2024 && i.Year <= 2027 && (all || i.Project!.Enterprise!.Area == area))
            .OrderBy(i => i.ProjectId).ThenBy(i => i.Year).Select(i => new { i.ProjectId, i.Year }).ToList();
        return [.. Enumerable.Range(0, Rounds).Select(k => rows[(int)((long)rows.Count * (2 * k + 1) / (2 * Rounds))]).Select(r => (r.ProjectId, r.Year))];
    }

    private static List<int> PickItems(Func<LibraryDbContext> open, string? area)
    {
        using var db = open();
        var all = area is null;
        var ids = db.Equipment.AsNoTracking().Where(i => all || i.Enterprise!.Area == area).OrderBy(i => i.Id).Select(i => i.Id).ToList();
        return [.. Enumerable.Range(0, Rounds).Select(k => ids[(int)((long)ids.Count * (2 * k + 1) / (2 * Rounds))])];
    }

    private static double Median(IEnumerable<double> times)
    {
        var sorted = times.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Load()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
