using System.Globalization;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Parameters;

namespace Renewal.Services.Revisions;

/// <summary>
/// A simulation turned into a draft revision (issue 11 item 4): each changed parameter becomes a dated value from
/// 1 January of the simulated year to the programme's end (the days the pack's own values cover), with the draft's id
/// as its source. The bureau then corrects the id, title, source and days on the draft's page before a second
/// administrator publishes it; nothing is applied until then.
/// </summary>
public static class SimulationDraft
{
    /// <summary>The revision file text of the simulation's changes (canonical values, as <c>--set</c> takes them).</summary>
    /// <exception cref="ParameterException">An unknown parameter or a value of the wrong type.</exception>
    public static string ToRevisionText(PolicyEngine engine, int year, IReadOnlyList<KeyValuePair<string, string>> overrides, string id, string title, DateOnly publishedOn)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(overrides);
        if (overrides.Count == 0) throw new ParameterException("", "该模拟没有修改任何参数，不能转为规则修订");
        var from = new DateOnly(year, 1, 1);
        var until = new DateOnly(ProgrammeYears.Last, 12, 31);
        var values = overrides.Select(o =>
        {
            var def = engine.Parameters.FindInPack(o.Key) ?? throw new ParameterException(o.Key, $"未知参数：{o.Key}");
            return new RevisionValues(def.Name, [new DatedValue(from, until, def.ParseValue(o.Value), ParameterSource.Parse(id, "由政策模拟转入，发布前请核对依据与起止日"))]);
        }).ToList();
        var source = string.Create(CultureInfo.InvariantCulture, $"政策模拟（{year} 年度），发布前请填写正式文号");
        return RevisionWriter.ToYaml(new Revision(id, title, source, publishedOn, [.. values]));
    }
}
