using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

namespace Renewal.Policy.Tests.Kunshan2024;

/// <summary>The one vocabulary: each code's Chinese label and the one parser of what people type.</summary>
public class VocabularyTests
{
    [Theory]
    [InlineData("新建", ProjectKind.New)]
    [InlineData("new", ProjectKind.New)]
    [InlineData("扩建", ProjectKind.Expansion)]
    [InlineData("改扩建", ProjectKind.Expansion)]
    [InlineData(" 改 扩建\u3000", ProjectKind.Expansion)]
    [InlineData("EXPANSION", ProjectKind.Expansion)]
    [InlineData("ｅｘｐａｎｓｉｏｎ", ProjectKind.Expansion)]
    [InlineData("技术改造", ProjectKind.Renovation)]
    [InlineData("技改", ProjectKind.Renovation)]
    public void AProjectKind_IsReadAsPeopleTypeIt(string text, ProjectKind expected)
    {
        Assert.True(Vocabulary.TryParse(text, out ProjectKind k));
        Assert.Equal(expected, k);
    }

    [Theory]
    [InlineData("拟建", ProjectStatus.Planned)]
    [InlineData("建设中", ProjectStatus.InProgress)]
    [InlineData("in_progress", ProjectStatus.InProgress)]
    [InlineData("已完工", ProjectStatus.Completed)]
    public void AStatus_IsReadAsPeopleTypeIt(string text, ProjectStatus expected)
    {
        Assert.True(Vocabulary.TryParse(text, out ProjectStatus s));
        Assert.Equal(expected, s);
    }

    [Theory]
    [InlineData("省", Level.Province)]
    [InlineData("江苏省级", Level.Province)]
    [InlineData("苏州市级", Level.Suzhou)]
    [InlineData("国家级", Level.Central)]
    [InlineData("昆山", Level.Kunshan)]
    [InlineData("kunshan", Level.Kunshan)]
    public void ALevel_IsReadAsPeopleTypeIt(string text, Level expected)
    {
        Assert.True(Vocabulary.TryParse(text, out Level l));
        Assert.Equal(expected, l);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("扩")]
    [InlineData("renovate")]
    public void Nonsense_IsRefused(string? text) => Assert.False(Vocabulary.TryParse(text, out ProjectKind _));

    [Fact]
    public void TheStrictCodeParser_ReadsIdentifiersOnly()
    {
        Assert.True(Codes.TryParse("expansion", out ProjectKind k));
        Assert.Equal(ProjectKind.Expansion, k);
        Assert.False(Codes.TryParse("扩建", out ProjectKind _));
        Assert.False(Codes.TryParse("Expansion", out ProjectKind _));
        foreach (var c in Enum.GetValues<LoanCategory>())
        {
            Assert.True(Codes.TryParse(Codes.Of(c), out LoanCategory back));
            Assert.Equal(c, back);
            Assert.True(Vocabulary.TryParse(Codes.Label(c), out LoanCategory byLabel));
            Assert.Equal(c, byLabel);
        }
    }

    [Theory]
    [InlineData("scenario_5g", "scenario_5g")]
    [InlineData("“5G+工业互联网”融合应用场景", "scenario_5g")]
    [InlineData("5G+工业互联网融合应用场景", "scenario_5g")]
    [InlineData("\"5G+工业互联网\"融合应用场景", "scenario_5g")]
    [InlineData("SMART_FACTORY_DEMO", "smart_factory_demo")]
    [InlineData("智能制造示范工厂", "smart_factory_demo")]
    [InlineData("装备制造", null)] // a cluster, not a scope
    public void AScope_IsReadAsPeopleTypeIt(string text, string? expected) => Assert.Equal(expected, Vocabulary.ParseListItem(text, Vocabulary.Scopes));

    [Fact]
    public void LabelsAreTheSeedsWording_AndEveryCodeHasOne()
    {
        Assert.Equal("“5G+工业互联网”融合应用场景", Vocabulary.Label("scenario_5g"));
        Assert.Equal("装备制造", Vocabulary.Label("equipment_manufacturing"));
        Assert.Equal("unknown_code", Vocabulary.Label("unknown_code"));
        Assert.Equal("新建、扩建、技术改造", Vocabulary.Choices<ProjectKind>());
        Assert.Equal(12, Vocabulary.Tasks.Count);
        Assert.Equal("9 重点用能设备能效升级", Vocabulary.TaskLabel(9));
        Assert.Equal(9, Vocabulary.ParseTask("９"));
        Assert.Equal(9, Vocabulary.ParseTask("重点用能设备能效升级"));
        Assert.Null(Vocabulary.ParseTask("13"));
        var codes = Vocabulary.AllCodes.ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string> { "expansion", "in_progress", "loan_interest", "scenario_5g", "equipment_manufacturing", "machine_tool", "cleanroom_hvac" }, codes);
        Assert.Equal("金属切削机床", Vocabulary.EquipmentType("machine_tool"));
        Assert.Equal("machine_tool", Vocabulary.ParseEquipmentType("金属切削机床"));
        Assert.Equal("machine_tool", Vocabulary.ParseEquipmentType("Machine_Tool"));
        Assert.Equal("某种新设备", Vocabulary.ParseEquipmentType("某种新设备"));
        Assert.All(Vocabulary.Scopes.Concat(Vocabulary.Clusters), t => Assert.NotEqual(t.Code, t.Label));
    }
}
