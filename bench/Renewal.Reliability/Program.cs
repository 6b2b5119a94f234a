using System.Diagnostics;
using System.Globalization;
using Renewal.Data;

namespace Renewal.Reliability;

/// <summary>
/// dotnet Renewal.Reliability.dll --provider sqlite|postgres (--db PATH | --connection CS) --node URL [--node URL …]
///     [--kill-pid PID] [--password DEMO_PASSWORD] [--short]
/// Runs the bursts against the nodes (which must share the database) and prints, as its last line, the counts taken
/// from the database. --kill-pid: the process of the LAST node, killed (SIGKILL) in the middle of burst (e).
/// Exit code 0 when every count is 0 and the audit chain is intact, 1 otherwise, 2 on a usage or setup error.
/// </summary>
internal static class ReliabilityCli
{
    public static async Task<int> Main(string[] args)
    {
        string? provider = null, db = null, connection = null, password = null;
        int? killPid = null;
        var nodes = new List<Uri>();
        var size = RunSize.Full;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--provider": provider = Next(); break;
                case "--db": db = Next(); break;
                case "--connection": connection = Next(); break;
                case "--node": nodes.Add(new Uri(Next())); break;
                case "--kill-pid": killPid = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--password": password = Next(); break;
                case "--short": size = RunSize.Quick; break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}");
                    return 2;
            }
        }
        if (provider is null || nodes.Count == 0 || (db is null && connection is null))
        {
            Console.Error.WriteLine("usage: --provider sqlite|postgres (--db PATH | --connection CS) --node URL [--node URL …] [--kill-pid PID] [--password P] [--short]");
            return 2;
        }

        var options = new LibraryDatabaseOptions(provider, connection, db is null ? null : Path.GetFullPath(db));
        var webNodes = nodes.Select((u, i) => WebNode.Http($"node{i + 1}({u.Port.ToString(CultureInfo.InvariantCulture)})", u)).ToList();
        Func<Task>? kill = killPid is { } pid
            ? () =>
            {
                using var p = Process.GetProcessById(pid);
                p.Kill(); // SIGKILL: no shutdown, no flush, requests in flight cut off
                p.WaitForExit(TimeSpan.FromSeconds(10));
                return Task.CompletedTask;
            }
            : null;
        try
        {
            var result = await ReliabilityRun.RunAsync(new RunOptions
            {
                Nodes = webNodes, Database = options, DemoPassword = password ?? "Renewal#2024", Size = size, Kill = kill, Log = Console.Out,
            });
            Console.Out.WriteLine(result.Line);
            return result.Counts.AllZero ? 0 : 1;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"reliability run could not be set up: {e.Message}");
            return 2;
        }
        finally
        {
            foreach (var n in webNodes) n.Dispose();
        }
    }
}
