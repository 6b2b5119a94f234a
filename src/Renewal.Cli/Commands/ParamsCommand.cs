using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;

namespace Renewal.Cli.Commands;

/// <summary><c>renewal params [--year Y] [--set ...]</c>: the parameters in force on 31 December of Y, with sources.</summary>
internal static class ParamsCommand
{
    public static Command Create(CliOutput io)
    {
        var year = new Option<int?>("--year") { Description = "年度（取该年 12 月 31 日有效的值）；省略则列出全部历史值" };
        var set = Common.SetOption();
        var command = new Command("params", "列出参数及其来源（细则或行动计划条款、本平台解释或暂定值）") { year, set };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var store = Common.Engine(r.GetValue(set), null).Parameters;
            var y = r.GetValue(year);
            var w = io.Out;
            w.WriteLine(y is null ? "全部参数及其各期取值" : $"{y} 年 12 月 31 日有效的参数");
            w.WriteLine($"来源：条款（细则 = 附件实施细则，行动计划）、本平台解释 I-n（POLICY.md）、暂定值（原文未载明，{Citations.AssumedWords}）、覆盖值（--set 假设分析）");
            w.WriteLine();
            foreach (var d in store.Definitions)
            {
                var values = y is { } yy ? (d.At(new DateOnly(yy, 12, 31)) is { } inForce ? [inForce] : []) : d.Values;
                if (values.IsEmpty)
                {
                    w.WriteLine($"{d.Name} = （无有效值：当年不在执行期）");
                }
                foreach (var v in values)
                {
                    var source = v.Source.Kind switch
                    {
                        SourceKind.Assumed => $"⚠ {Citations.AssumedWords}{(v.Source.Note is { } note ? "（" + note + "）" : "")}",
                        SourceKind.Override => $"覆盖值（{v.Source.Reference}）",
                        _ => Citations.Chinese(v.Source.Reference) + (v.Source.Note is { } n ? "（" + n + "）" : ""),
                    };
                    w.WriteLine($"{d.Name} = {Format(v.Value, d.Type)}　[{Period(v)}]　来源 {source}");
                }
                w.WriteLine($"    {Citations.InText(d.Description)}");
            }
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
        // A list names identifiers (what --set takes) with their words.
        ImmutableArray<string> list => string.Join(", ", list.Select(c => Vocabulary.Find(c) is { } t ? $"{c}（{t.Label}）" : c)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
