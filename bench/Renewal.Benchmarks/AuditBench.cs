using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Renewal.Data;
using Renewal.Data.Audit;

namespace Renewal.Benchmarks;

/// <summary>
/// <c>audit [--seconds N] [--writers 1,4,16]</c>: audit-chain appends per second with 1, 4 and 16 concurrent writers,
/// each append in its own transaction (as every use case writes), on a fresh SQLite file and — when
/// RENEWAL_TEST_POSTGRES names a server — a fresh PostgreSQL database. Counts failures (there must be none: the chain's
/// head is sealed under a lock, ADR-017) and verifies the chain after each run.
/// </summary>
internal static class AuditBench
{
    public static int Run(string[] args)
    {
        var seconds = double.Parse(Option(args, "--seconds") ?? "5", CultureInfo.InvariantCulture);
        var writers = (Option(args, "--writers") ?? "1,4,16").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        var providers = new List<(string Name, Func<LibraryDatabaseOptions> Fresh)>
        {
            ("sqlite", () => new LibraryDatabaseOptions("sqlite", null, Path.Combine(Path.GetTempPath(), $"renewal-audit-{Guid.NewGuid():N}.db"))),
        };
        var pg = Environment.GetEnvironmentVariable("RENEWAL_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(pg) && pg != "skip")
            providers.Add(("postgres", () => new LibraryDatabaseOptions("postgres", $"{pg};Database=renewal_bench_{Guid.NewGuid().ToString("N")[..12]}")));

        var failed = 0;
        Console.WriteLine("provider  writers  appends  per_second  failures  chain");
        foreach (var (name, fresh) in providers)
            foreach (var n in writers)
            {
                var options = fresh();
                using (LibraryStore.Open(options)) { }
                var (appends, failures, elapsed) = Burst(options, n, TimeSpan.FromSeconds(seconds));
                using var check = LibraryStore.Create(options);
                var chain = AuditLog.Verify(check) is null ? "ok" : "broken";
                var stored = check.Audit.Count();
                if (failures > 0 || chain != "ok" || stored != appends) failed++;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-9} {n,7}  {appends,7}  {appends / elapsed.TotalSeconds,10:F0}  {failures,8}  {chain} (stored {stored})"));
                Drop(options);
            }
        return failed == 0 ? 0 : 1;
    }

    private static (int Appends, int Failures, TimeSpan Elapsed) Burst(LibraryDatabaseOptions options, int writers, TimeSpan length)
    {
        var appends = 0;
        var failures = 0;
        var sw = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
        {
            using var db = LibraryStore.Create(options);
            var k = 0;
            while (sw.Elapsed < length)
            {
                try
                {
                    using var tx = db.Database.BeginTransaction();
                    AuditLog.Append(db, Actor.System, "bench", "writer", $"{w}-{k++}", null, "{}", DateTimeOffset.UtcNow);
                    db.SaveChanges();
                    tx.Commit();
                    Interlocked.Increment(ref appends);
                }
                catch (DbUpdateException)
                {
                    Interlocked.Increment(ref failures);
                    db.ChangeTracker.Clear();
                }
            }
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        return (appends, failures, sw.Elapsed);
    }

    private static void Drop(LibraryDatabaseOptions options)
    {
        if (options.Path is { } path)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
            return;
        }
        var cs = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        var database = cs.Database!;
        cs.Database = "postgres";
        NpgsqlConnection.ClearAllPools();
        using var c = new NpgsqlConnection(cs.ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", c);
        cmd.ExecuteNonQuery();
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
