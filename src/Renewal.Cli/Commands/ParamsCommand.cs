using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;

namespace Renewal.Cli.Commands;

/// <summary>
/// <c>renewal params [--year Y] [--set ...] [--revision REV.yaml ...] [--known-on K]</c>: the parameters in force on
/// 31 December of Y, with sources, and for a parameter that revisions change, its layers (V-2).
/// </summary>
internal static class ParamsCommand
{
    public static Command Create(CliOutput io)
    {
        var year = new Option<int?>("--year") { Description = "年度（取该年 12 月 31 日有效的值）；省略则列出全部历史值" };
        var set = Common.SetOption();
        var revision = Common.RevisionOption();
        var knownOn = Common.KnownOnOption();
        var command = new Command("params", "列出参数及其来源（细则或行动计划条款、本平台解释或暂定值、规则修订）及各层取值") { year, set, revision, knownOn };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var engine = Common.Engine(r.GetValue(set), null);
            var k = Common.KnownOn(r.GetValue(knownOn));
            var store = engine.Parameters.WithRevisions(Common.ReadRevisions(r.GetValue(revision), engine), k);
            var y = r.GetValue(year);
            var w = io.Out;
            w.WriteLine(y is null ? "全部参数及其各期取值" : $"{y} 年 12 月 31 日有效的参数");
            w.WriteLine($"来源：条款（细则 = 附件实施细则，行动计划）、本平台解释 I-n（POLICY.md）、暂定值（原文未载明，{Citations.AssumedWords}）、覆盖值（--set 假设分析）");
            if (!store.Revisions.IsEmpty || store.KnownOn is not null)
            {
                w.WriteLine($"规则修订{(store.KnownOn is { } kk ? $"（按 {kk:yyyy-MM-dd} 已公布的）" : "")}：{(store.Revisions.IsEmpty ? "无" : string.Join("；", store.Revisions.OrderBy(x => x.PublishedOn).Select(x => $"{x.Id}（{x.PublishedOn:yyyy-MM-dd} 公布）{x.Title}")))}");
            }
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
                    w.WriteLine($"{d.Name} = {Format(v.Value, d.Type)}　[{Period(v)}]　来源 {source}{(v.Revision is { } rev ? $"　修订 {rev}" : "")}");
                }
                var layers = store.LayersOf(d.Name);
                if (layers.Length > 1)
                {
                    w.WriteLine("    各层取值（V-2：后公布的层在其取值有效的日子里优先，同日公布按给出顺序）：");
                    foreach (var layer in layers)
                    {
                        var head = layer.Revision is { } id ? $"修订 {id}（{layer.PublishedOn:yyyy-MM-dd} 公布）" : layer.PublishedOn is { } pub ? $"{layer.Title}（{pub:yyyy-MM-dd}）" : layer.Title;
                        foreach (var v in layer.Values) w.WriteLine($"      {head}：{Format(v.Value, d.Type)}　[{Period(v)}]");
                    }
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
        ImmutableArray<string> list => list.IsEmpty ? "（无）" : string.Join(", ", list.Select(c => Vocabulary.Find(c) is { } t ? $"{c}（{t.Label}）" : c)),
        CapsTable rows => string.Join("；", rows.Select(c =>
            $"{c.Id} {string.Join("+", c.Levels.Select(Policy.Model.Codes.Label))} 每{(c.Per == CapScope.Project ? "项目" : "企业")}每年 {Policy.Money.Format(c.Amount.Yuan)}")),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
