using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Renewal.Policy.Parameters;
using Spectre.Console;

namespace Renewal.Cli.Commands;

/// <summary><c>renewal params [--year Y] [--set ...]</c>: the parameters in force on 31 December of Y, with sources.</summary>
internal static class ParamsCommand
{
    public static Command Create(CliOutput io)
    {
        var year = new Option<int?>("--year") { Description = "年度（取该年 12 月 31 日有效的值）；省略则列出全部历史值" };
        var set = Common.SetOption();
        var command = new Command("params", "列出参数及其来源（条款、解释 I-n 或 ASSUMED 假设）") { year, set };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var store = Common.Engine(r.GetValue(set), null).Parameters;
            var console = TableOutput.Console(io.Out);
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns("参数", "值", "有效期", "来源", "说明");
            var y = r.GetValue(year);
            foreach (var d in store.Definitions)
            {
                var values = y is { } yy ? (d.At(new DateOnly(yy, 12, 31)) is { } inForce ? [inForce] : []) : d.Values;
                if (values.IsEmpty && y is not null)
                {
                    table.AddRow(Markup.Escape(d.Name), "（无有效值：当年不在执行期）", "", "", Markup.Escape(d.Description));
                    continue;
                }
                foreach (var v in values)
                {
                    table.AddRow(Markup.Escape(d.Name), Markup.Escape(Format(v.Value, d.Type)), Period(v),
                        Markup.Escape(v.Source.Kind == SourceKind.Assumed ? $"⚠ {v.Source}" : v.Source.ToString()),
                        Markup.Escape(d.Description));
                }
            }
            if (y is not null) console.WriteLine($"{y} 年 12 月 31 日有效的参数");
            console.Write(table);
            return 0;
        }));
        return command;
    }

    private static string Period(DatedValue v) =>
        v.From == DateOnly.MinValue ? "（覆盖值，所有日期）" : $"{v.From:yyyy-MM-dd} 至 {(v.Until is { } u ? u.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "今后")}";

    public static string Format(object value, ParameterType type) => value switch
    {
        decimal d when type == ParameterType.Rate => new Policy.Rate(d).ToString(),
        decimal d when type == ParameterType.Money => Policy.Money.Format(d),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ImmutableArray<string> list => string.Join(", ", list),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
