using System.Text.RegularExpressions;
using Renewal.Policy.Kunshan2024;

namespace Renewal.Policy.Tests.Kunshan2024;

/// <summary>Articles, interpretations and assumptions said in Chinese: the engine keeps its identifiers, people read words.</summary>
public partial class CitationsTests
{
    [Theory]
    [InlineData("Annex §2(1)2", "细则二（一）2")]
    [InlineData("Annex §2(2)", "细则二（二）")]
    [InlineData("Annex §4", "细则四")]
    [InlineData("Annex §4(2)3, Plan §三(二)", "细则四（二）3，行动计划三（二）")]
    [InlineData("Plan §二", "行动计划二")]
    [InlineData("Annex §1(2), I-2", "细则一（二），本平台解释 I-2：示范项目在竣工当年奖励")]
    [InlineData("I-14", "本平台解释 I-14：只对贷款中用于设备投资的部分贴息")]
    [InlineData("I-99", "本平台解释 I-99")]
    [InlineData("ASSUMED", "暂定值，待市局确定")]
    [InlineData("--set", "--set")]
    [InlineData("", "")]
    public void AReference_IsSaidInChinese(string reference, string expected) => Assert.Equal(expected, Citations.Chinese(reference));

    [Fact]
    public void FreeText_HasItsIdentifiersSaidInChinese_AndKeepsRuleIds()
    {
        Assert.Equal("A/B 就高不重复（本平台解释 I-5：示范项目奖励与有效投入奖补就高不重复）", Citations.InText("A/B 就高不重复（I-5）"));
        Assert.Equal("基础比例 5%（暂定值，待市局确定），见细则三（一）2（C-3）", Citations.InText("基础比例 5%（ASSUMED），见Annex §3(1)2（C-3）"));
        Assert.Equal("依据行动计划三（二）", Citations.InText("依据Plan §三(二)"));
        // Said once: text already in words is left alone, and D-E4 or TI-5 are not interpretations.
        var said = Citations.InText("I-14");
        Assert.Equal(said, Citations.InText(said));
        Assert.Equal("D-E4、TI-5", Citations.InText("D-E4、TI-5"));
    }

    /// <summary>Every interpretation the pack cites (in its rules, its parameters or its documents) has its words.</summary>
    [Fact]
    public void EveryInterpretationThePackCites_HasWords()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Renewal.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var pack = Path.Combine(dir.FullName, "src", "Renewal.Policy", "Kunshan2024");
        var cited = Directory.EnumerateFiles(pack, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Where(f => !f.EndsWith("Citations.cs", StringComparison.Ordinal))
            .SelectMany(f => Interpretation().Matches(File.ReadAllText(f)).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("I-14", cited);
        var missing = cited.Where(i => !Citations.Interpretations.ContainsKey(i)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "no Chinese words for " + string.Join(", ", missing));
        Assert.All(Citations.Interpretations.Values, w => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", w));
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])I-\d+(?![0-9])")]
    private static partial Regex Interpretation();
}
