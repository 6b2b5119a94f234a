using System.CommandLine;
using Renewal.Policy.Scenarios;

namespace Renewal.Cli.Commands;

/// <summary><c>renewal evaluate FILE [--format json|table] [--explain] [--set name=value ...] [--revision REV.yaml ...] [--known-on K]</c></summary>
internal static class EvaluateCommand
{
    public static Command Create(CliOutput io)
    {
        var file = new Argument<string>("file") { Description = "场景文件（YAML 或 JSON）" };
        var format = new Option<string>("--format") { Description = "输出格式：table（默认，中文表格）或 json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var explain = new Option<bool>("--explain") { Description = "逐条列出每项奖补所依据的规则、条款及是否满足" };
        var set = Common.SetOption();
        var lpr = Common.LprOption();
        var revision = Common.RevisionOption();
        var knownOn = Common.KnownOnOption();
        var command = new Command("evaluate", "计算场景文件中每个场景的各项奖补") { file, format, explain, set, lpr, revision, knownOn };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var engine = Common.Engine(r.GetValue(set), r.GetValue(lpr));
            var k = Common.KnownOn(r.GetValue(knownOn));
            var scenarios = Common.WithRevisions(Common.ReadScenarios(r.GetValue(file)!, engine), Common.ReadRevisions(r.GetValue(revision), engine), k);
            var withTrace = r.GetValue(explain);
            var results = scenarios.Select(s => engine.Evaluate(s, withTrace)).ToList();
            if (r.GetValue(format) == "json")
            {
                io.Out.Write(ResultJson.ToJson(results, withTrace));
                io.Out.WriteLine();
            }
            else
            {
                TableOutput.Write(io.Out, results, withTrace);
            }
            return 0;
        }));
        return command;
    }
}
