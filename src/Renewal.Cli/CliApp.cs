using System.CommandLine;
using Renewal.Cli.Commands;

namespace Renewal.Cli;

/// <summary>The <c>renewal</c> command line: builds the command tree; output goes to the writers given.</summary>
public static class CliApp
{
    /// <summary>Runs the command line and returns the exit code (0 ok, 1 test failures, 2 bad input).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var io = new CliOutput(stdout, stderr);
        var root = new RootCommand("昆山市工业设备更新政策引擎与项目库工具（昆政办发〔2024〕36号）")
        {
            EvaluateCommand.Create(io),
            TestCommand.Create(io),
            ParamsCommand.Create(io),
            LprCommand.Create(io),
            LoansCommand.Create(io),
            LibraryCommand.Create(io, LibraryEvaluateCommand.Create(io, TimeProvider.System)),
            SeedCommand.Create(io, TimeProvider.System),
            AuditCommand.Create(io),
            DeclarationsCommand.Create(io),
            DecisionsCommand.Create(io),
            ReportCommand.Create(io, TimeProvider.System),
            CandidatesCommand.Create(io, TimeProvider.System),
            SimulateCommand.Create(io),
        };
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return root.Parse(args).Invoke(config);
    }
}

/// <summary>Where a command writes, so tests can read what a person would see.</summary>
public sealed record CliOutput(TextWriter Out, TextWriter Error);
