using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Npgsql;
using Renewal.Data;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Renewal.Testing;

/// <summary>
/// The databases every library test runs on: SQLite (a fresh temporary file) and PostgreSQL (a fresh database on the
/// test server). The same tests run on both.
/// <para>
/// The PostgreSQL server is the one in RENEWAL_TEST_POSTGRES when set (scripts/test.sh sets it). Otherwise the first
/// test that needs it runs the repository's <c>scripts/postgres.sh start</c> (found from the test assembly's directory
/// upward) and uses the connection it prints; when that fails too, the PostgreSQL cases of <see cref="OnPostgresAttribute"/>
/// are skipped with the reason, and any other use says why in its failure. <c>RENEWAL_TEST_POSTGRES=skip</c> opts out.
/// </para>
/// <para>
/// Temporary databases are deleted: <see cref="Temporary"/> returns a handle that drops its database when disposed,
/// and every database made by <see cref="Fresh"/> or <see cref="Open"/> (whose callers keep using the options after
/// the context is gone) is dropped when the runner has run every test of the assembly (<see cref="DroppingTestFramework"/>;
/// a process-exit hook backs it up). Names carry the process id
/// (<c>renewal_test_{pid}_{id}</c>, <c>renewal-tests/{pid}/</c>), so that the leftovers of a process that was killed are
/// swept by the next run, while databases of test runs still going on beside this one are left alone.
/// </para>
/// </summary>
public static class Databases
{
    public const string Variable = "RENEWAL_TEST_POSTGRES";
    public const string Prefix = "renewal_test_";

    /// <summary>
    /// Theory data: the provider names. Kept for branches that still use it; its PostgreSQL rows fail with the reason
    /// when no server can be had, where <c>[OnSqlite, OnPostgres]</c> skips them with the reason.
    /// </summary>
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static readonly Lazy<(string? Base, string? Problem)> Server =
        new(() => Probe(Environment.GetEnvironmentVariable(Variable)), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ConcurrentDictionary<string, LibraryDatabaseOptions> Undropped = new(StringComparer.Ordinal);
    private static int _exitHooked;
    private static int _swept;

    /// <summary>Null when PostgreSQL is there; otherwise why not (the skip reason).</summary>
    public static string? PostgresUnavailable => Server.Value.Problem;

    /// <summary>The connection string of the test server without a database (starting it if need be).</summary>
    public static string PostgresBase => Server.Value.Base ?? throw new InvalidOperationException(Server.Value.Problem);

    /// <summary>
    /// Options for a brand-new, empty database of <paramref name="provider"/>, dropped at the end of the run.
    /// Prefer <see cref="Temporary"/>, which drops it as soon as the test is done.
    /// </summary>
    public static LibraryDatabaseOptions Fresh(string provider)
    {
        var options = NewOptions(provider);
        Track(options);
        return options;
    }

    /// <summary>A migrated context on a fresh database (dropped at the end of the run, see <see cref="Fresh"/>).</summary>
    public static LibraryDbContext Open(string provider, out LibraryDatabaseOptions options)
    {
        options = Fresh(provider);
        return LibraryStore.Open(options);
    }

    /// <summary>A fresh, migrated database that is deleted when the handle is disposed.</summary>
    public static TemporaryDatabase Temporary(string provider)
    {
        var options = NewOptions(provider);
        Track(options);
        try
        {
            using (LibraryStore.Open(options)) { }
        }
        catch
        {
            Drop(options);
            throw;
        }
        return new TemporaryDatabase(options);
    }

    /// <summary>Whether the database of <paramref name="options"/> exists (the SQLite file, the PostgreSQL database).</summary>
    public static bool Exists(LibraryDatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsPostgres) return File.Exists(options.Path);
        using var c = new NpgsqlConnection(ServerConnection());
        c.Open();
        using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @n", c);
        cmd.Parameters.AddWithValue("n", DatabaseName(options));
        return (long)cmd.ExecuteScalar()! > 0;
    }

    /// <summary>The PostgreSQL databases named <c>renewal_test_{pid}_…</c> of this process.</summary>
    public static IReadOnlyList<string> OwnPostgresDatabases()
    {
        using var c = new NpgsqlConnection(ServerConnection());
        c.Open();
        using var cmd = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE @p ORDER BY datname", c);
        cmd.Parameters.AddWithValue("p", $"{Prefix}{Environment.ProcessId}\\_%");
        using var r = cmd.ExecuteReader();
        var names = new List<string>();
        while (r.Read()) names.Add(r.GetString(0));
        return names;
    }

    /// <summary>The folder of this process's SQLite files.</summary>
    public static string SqliteFolder => Path.Combine(SqliteRoot, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string SqliteRoot => Path.Combine(Path.GetTempPath(), "renewal-tests");

    /// <summary>Deletes the database now (it is no longer dropped at exit). Safe to call twice.</summary>
    public static void Drop(LibraryDatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Undropped.TryRemove(Key(options), out _);
        if (options.IsPostgres) DropPostgres(DatabaseName(options));
        else DeleteSqlite(options.Path!);
    }

    private static LibraryDatabaseOptions NewOptions(string provider)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        if (provider == "sqlite")
        {
            SweepOnce(postgres: false);
            return new LibraryDatabaseOptions("sqlite", null, Path.Combine(SqliteFolder, id + ".db"));
        }
        if (provider != "postgres") throw new ArgumentOutOfRangeException(nameof(provider), provider, "sqlite or postgres");
        var baseCs = PostgresBase;
        SweepOnce(postgres: true);
        return new LibraryDatabaseOptions("postgres", $"{baseCs};Database={Prefix}{Environment.ProcessId}_{id}");
    }

    private static string Key(LibraryDatabaseOptions o) => o.IsPostgres ? "pg:" + DatabaseName(o) : "file:" + o.Path;

    private static void Track(LibraryDatabaseOptions options)
    {
        Undropped[Key(options)] = options;
        if (Interlocked.Exchange(ref _exitHooked, 1) == 0) AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAll();
    }

    /// <summary>Drops every database of this process not dropped yet (the runner is done with the assembly).</summary>
    internal static void DropAll()
    {
        var left = Undropped.Values.ToList();
        foreach (var o in left.Where(o => !o.IsPostgres))
        {
            Undropped.TryRemove(Key(o), out _);
            DeleteSqlite(o.Path!);
        }
        try { Directory.Delete(SqliteFolder, recursive: false); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        var postgres = left.Where(o => o.IsPostgres).ToList();
        if (postgres.Count == 0) return;
        try
        {
            NpgsqlConnection.ClearAllPools();
            using var c = new NpgsqlConnection(ServerConnection());
            c.Open();
            foreach (var o in postgres)
            {
                Undropped.TryRemove(Key(o), out _);
                using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{CheckedName(DatabaseName(o))}\" WITH (FORCE)", c);
                cmd.ExecuteNonQuery();
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // Left for the sweep of the next run (it drops databases of processes that are gone).
        }
    }

    private static string DatabaseName(LibraryDatabaseOptions o) => new NpgsqlConnectionStringBuilder(o.ConnectionString).Database
        ?? throw new InvalidOperationException("no database in " + o.ConnectionString);

    private static string ServerConnection() => $"{PostgresBase};Database=postgres;Pooling=false";

    private static void DropPostgres(string name)
    {
        name = CheckedName(name);
        // Pooled connections of the test would keep the database busy; FORCE ends any that are left.
        NpgsqlConnection.ClearAllPools();
        using var c = new NpgsqlConnection(ServerConnection());
        c.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{CheckedName(name)}\" WITH (FORCE)", c);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Only a database this class names is ever dropped.</summary>
    private static string CheckedName(string name) =>
        name.StartsWith(Prefix, StringComparison.Ordinal) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : throw new InvalidOperationException($"refusing to drop {name}: not a test database");

    private static void DeleteSqlite(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            try { File.Delete(f); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static void SweepOnce(bool postgres)
    {
        var bit = postgres ? 2 : 1;
        if ((Interlocked.Or(ref _swept, bit) & bit) == 0) Sweep(postgres);
    }

    /// <summary>Removes what processes that are no longer running left behind (a killed run never reaches its exit hook).</summary>
    internal static void Sweep(bool postgres)
    {
        try
        {
            if (postgres)
            {
                using var c = new NpgsqlConnection(ServerConnection());
                c.Open();
                var stale = new List<string>();
                using (var cmd = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE @p", c))
                {
                    cmd.Parameters.AddWithValue("p", Prefix + "%\\_%");
                    using var r = cmd.ExecuteReader();
                    while (r.Read())
                    {
                        var name = r.GetString(0);
                        if (OwnerOf(name[Prefix.Length..]) is { } pid && !Alive(pid)) stale.Add(name);
                    }
                }
                foreach (var name in stale) DropPostgres(name);
            }
            else if (Directory.Exists(SqliteRoot))
            {
                foreach (var dir in Directory.GetDirectories(SqliteRoot))
                {
                    if (int.TryParse(Path.GetFileName(dir), out var pid) && !Alive(pid))
                    {
                        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                    }
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or IOException or UnauthorizedAccessException)
        {
            // Sweeping is a courtesy; a test never fails because an old leftover could not be removed.
        }
    }

    /// <summary>The process id in "{pid}_{id}", or null for a name of another shape (left alone).</summary>
    private static int? OwnerOf(string rest) =>
        rest.IndexOf('_', StringComparison.Ordinal) is var i and > 0 && int.TryParse(rest[..i], out var pid) ? pid : null;

    private static bool Alive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Where the server is for a value of RENEWAL_TEST_POSTGRES (null: start it with the script), or why there is none.</summary>
    internal static (string? Base, string? Problem) Probe(string? configured)
    {
        if (string.Equals(configured, "skip", StringComparison.OrdinalIgnoreCase))
            return (null, $"没有可用的 PostgreSQL 测试服务器：{Variable}=skip。要在 PostgreSQL 上运行，请 export {Variable}=\"$(bash scripts/postgres.sh start)\"。");
        if (!string.IsNullOrWhiteSpace(configured)) return Reachable(configured, $"{Variable}={configured}");

        var root = RepositoryRoot();
        if (root is null)
            return (null, $"没有可用的 PostgreSQL 测试服务器：未设置 {Variable}，且从 {AppContext.BaseDirectory} 向上找不到仓库的 scripts/postgres.sh 来启动测试数据库。");
        var script = Path.Combine(root, "scripts", "postgres.sh");
        try
        {
            var start = new ProcessStartInfo("bash", [script, "start"])
            {
                WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var p = Process.Start(start)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            // The first start may install the Debian package; later starts take a second.
            if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                p.Kill(entireProcessTree: true);
                return (null, $"没有可用的 PostgreSQL 测试服务器：未设置 {Variable}，{script} start 五分钟内未完成。");
            }
            var line = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (p.ExitCode != 0 || line is null || !line.StartsWith("Host=", StringComparison.Ordinal))
            {
                var tail = string.Join(" | ", stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3));
                return (null, $"没有可用的 PostgreSQL 测试服务器：未设置 {Variable}，{script} start 未能启动数据库（退出码 {p.ExitCode}）：{tail}");
            }
            var found = Reachable(line, $"{script} start");
            // Child processes (the CLI under test) and the web fixtures read the same variable.
            if (found.Base is not null) Environment.SetEnvironmentVariable(Variable, found.Base);
            return found;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return (null, $"没有可用的 PostgreSQL 测试服务器：未设置 {Variable}，无法运行 {script}：{e.Message}");
        }
    }

    private static (string? Base, string? Problem) Reachable(string baseCs, string from)
    {
        try
        {
            using var c = new NpgsqlConnection($"{baseCs};Database=postgres;Pooling=false;Timeout=15");
            c.Open();
            return (baseCs, null);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            return (null, $"没有可用的 PostgreSQL 测试服务器：连接不上 {from} 给出的服务器：{e.Message}");
        }
    }

    /// <summary>The first directory above the test assembly that holds scripts/postgres.sh.</summary>
    private static string? RepositoryRoot()
    {
        var start = Path.GetDirectoryName(Assembly.GetExecutingAssembly().Location) ?? AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "postgres.sh"))) return dir.FullName;
        }
        return null;
    }
}

/// <summary>A fresh, migrated database of its own for one test; disposing the handle deletes it.</summary>
public sealed class TemporaryDatabase(LibraryDatabaseOptions options) : IDisposable
{
    public LibraryDatabaseOptions Options { get; } = options;

    /// <summary>A new context on the database (disposed by the caller).</summary>
    public LibraryDbContext Open() => LibraryStore.Create(Options);

    public void Dispose() => Databases.Drop(Options);
}

/// <summary>
/// xunit's own test framework, plus one thing: when every test of the assembly has run (collection fixtures
/// disposed, before the "assembly finished" message), it drops the databases the run made and did not drop itself.
/// Neither a process-exit hook nor the framework's Dispose is enough: the test host is ended right after the run,
/// before they finish. Named by each test project that links this file, with
/// <c>[assembly: TestFramework("Renewal.Testing.DroppingTestFramework", "{assembly}")]</c> in its project file.
/// </summary>
public sealed class DroppingTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class Runner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override Task BeforeTestAssemblyFinishedAsync()
        {
            Databases.DropAll();
            return base.BeforeTestAssemblyFinishedAsync();
        }
    }
}

/// <summary>Theory data: "sqlite".</summary>
public sealed class OnSqliteAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["sqlite"]];
}

/// <summary>
/// Theory data: "postgres" — skipped, with the reason, when no PostgreSQL server can be had (xunit v2 has no
/// Assert.Skip, but it reads a data attribute's Skip when it discovers the cases).
/// </summary>
public sealed class OnPostgresAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["postgres"]];

    public override string? Skip
    {
        get => Databases.PostgresUnavailable;
        set { }
    }
}
