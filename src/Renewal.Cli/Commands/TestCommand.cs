using System.CommandLine;
using Renewal.Policy.Scenarios;

namespace Renewal.Cli.Commands;

/// <summary><c>renewal test FILES...</c>: evaluates each scenario and compares its <c>expect</c> block.</summary>
internal static class TestCommand
{
    public static Command Create(CliOutput io)
    {
        var files = new Argument<string[]>("files") { Description = "含 expect 的场景文件", Arity = ArgumentArity.OneOrMore };
        var skip = new Option<string[]>("--skip")
        {
            Description = "跳过名称包含该文字的场景（可多次使用）",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var lpr = Common.LprOption();
        var revision = Common.RevisionOption();
        var knownOn = Common.KnownOnOption();
        var command = new Command("test", "逐个场景比对 expect，最后输出“N passed, N failed”") { files, skip, lpr, revision, knownOn };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var engine = Common.Engine([], r.GetValue(lpr));
            var skipped = r.GetValue(skip) ?? [];
            var k = Common.KnownOn(r.GetValue(knownOn));
            var revisions = Common.ReadRevisions(r.GetValue(revision), engine);
            int passed = 0, failed = 0, skippedCount = 0;
            foreach (var path in r.GetValue(files)!)
            {
                IReadOnlyList<Policy.Model.Scenario> scenarios;
                try
                {
                    scenarios = Common.WithRevisions(Common.ReadScenarios(path, engine), revisions, k);
                }
                catch (ScenarioFormatException e)
                {
                    failed++;
                    io.Out.WriteLine($"FAIL {path}：文件无法读取");
                    foreach (var err in e.Errors) io.Out.WriteLine("     " + err);
                    continue;
                }
                foreach (var s in scenarios)
                {
                    if (skipped.Any(k => s.Name.Contains(k, StringComparison.Ordinal)))
                    {
                        skippedCount++;
                        io.Out.WriteLine($"SKIP {s.Name}");
                        continue;
                    }
                    var problems = Expectations.Check(s, engine.Evaluate(s));
                    if (problems.Count == 0)
                    {
                        passed++;
                        io.Out.WriteLine($"PASS {s.Name}");
                    }
                    else
                    {
                        failed++;
                        io.Out.WriteLine($"FAIL {s.Name}");
                        foreach (var p in problems) io.Out.WriteLine("     " + p);
                    }
                }
            }
            io.Out.WriteLine(skippedCount > 0 ? $"{passed} passed, {failed} failed, {skippedCount} skipped" : $"{passed} passed, {failed} failed");
            return failed > 0 ? 1 : 0;
        }));
        return command;
    }
}
