using System.CommandLine;
using Spectre.Console;

namespace Renewal.Cli.Commands;

/// <summary><c>renewal lpr [--lpr FILE]</c>: the LPR table used for D-E4.</summary>
internal static class LprCommand
{
    public static Command Create(CliOutput io)
    {
        var lpr = Common.LprOption();
        var command = new Command("lpr", "列出贷款市场报价利率（LPR）表") { lpr };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var table = Common.Engine([], r.GetValue(lpr)).Lpr;
            var t = new Table().Border(TableBorder.Simple);
            t.AddColumns("公布日期", "1 年期", "5 年期以上");
            foreach (var row in table.Rows)
                t.AddRow(row.PublishedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row.OneYear.ToString(), row.FiveYearPlus.ToString());
            TableOutput.Console(io.Out).Write(t);
            return 0;
        }));
        return command;
    }
}
