using Renewal.Policy.Kunshan2024.Candidates;


namespace Renewal.Policy.Tests.Kunshan2024.Candidates;

/// <summary>R-1..R-4 on single items: each at, just below and just above its boundary; several reasons at once; the texts.</summary>
public class CandidateRulesTests
{
    private const int Year = 2026;
    private static readonly CandidateRules Rules = CandidateRules.Default;
    private static readonly EquipmentCatalogue Catalogue = EquipmentCatalogue.Default;

    private static ItemFacts Item(string type, int age, int? grade = null, int? life = null, string? hazardous = null) =>
        new(type, Year - age, grade, life, hazardous);

    private static CandidateHits Hits(in ItemFacts item) => Rules.Flags(item, Year) & ~CandidateHits.Unrated;

    [Fact]
    public void R1_Boundary_TenYearsIsNotACandidate_ElevenIs()
    {
        // POLICY.md: "R-1 machine tool > 10 years in service"; the plan: 服役超十年. 10 is out, 11 is in.
        Assert.Equal(10, Catalogue.MachineToolMaxServiceYears);
        var max = Catalogue.MachineToolMaxServiceYears;
        // The machine tool's own design life is set far away so that R-4 does not interfere.
        Assert.Equal(CandidateHits.None, Hits(Item("machine_tool", max - 1, life: 50)));
        Assert.Equal(CandidateHits.None, Hits(Item("machine_tool", max, life: 50)));
        Assert.Equal(CandidateHits.R1, Hits(Item("machine_tool", max + 1, life: 50)));
    }

    [Theory]
    [InlineData("hydraulic_press")]
    [InlineData("press_brake")]
    [InlineData("stamping_press")]
    public void R1_AppliesToEveryMachineToolType(string type)
    {
        Assert.True(Catalogue.Type(type).MachineTool);
        Assert.Equal(CandidateHits.R1, Hits(Item(type, 11, life: 50)));
    }

    [Fact]
    public void R1_NotAMachineTool_NeverR1()
    {
        Assert.False(Catalogue.Type("motor").MachineTool);
        Assert.Equal(CandidateHits.None, Hits(Item("motor", 15, grade: 1, life: 50)));
    }

    [Fact]
    public void R2_Boundary_GradeTwoIsNotACandidate_GradeThreeIs()
    {
        Assert.Equal(2, Catalogue.EnergySavingGrade);
        var line = Catalogue.EnergySavingGrade;
        Assert.Equal(CandidateHits.None, Hits(Item("motor", 1, grade: line - 1)));
        Assert.Equal(CandidateHits.None, Hits(Item("motor", 1, grade: line)));
        Assert.Equal(CandidateHits.R2, Hits(Item("motor", 1, grade: line + 1)));
    }

    [Theory]
    [InlineData("boiler")]
    [InlineData("kiln")]
    [InlineData("transformer")]
    [InlineData("air_compressor")]
    [InlineData("chiller")]
    [InlineData("heat_exchanger")]
    [InlineData("pump")]
    public void R2_EveryKeyEnergyType_BelowGradeTwo(string type) =>
        Assert.Equal(CandidateHits.R2, Hits(Item(type, 1, grade: 3)));

    [Fact]
    public void R2_UnratedKeyEnergyItem_IsACandidateMarkedUnrated_AndAnUnratedOtherItemIsNot()
    {
        Assert.True(Catalogue.UnratedKeyEnergyIsCandidate);
        Assert.Equal(CandidateHits.R2 | CandidateHits.Unrated, Rules.Flags(Item("pump", 1), Year));
        Assert.Equal(CandidateHits.None, Rules.Flags(Item("injection_molding", 1), Year));
        // A machine rated grade 5 that is not key energy-using: R-2 does not apply either.
        Assert.Equal(CandidateHits.None, Rules.Flags(Item("injection_molding", 1, grade: 5), Year));

        var reason = Assert.Single(Rules.Reasons(Item("pump", 1), null, Year));
        Assert.Contains("未登记能效等级", reason.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void R2_UnratedIsNotACandidate_WhenTheCatalogueSaysSo()
    {
        var files = EquipmentCatalogue.FileNames.Select(n => ($"Kunshan2024/Candidates/Catalogues/{n}", Embedded(n).Replace("unrated_key_energy_is_candidate: true", "unrated_key_energy_is_candidate: false", StringComparison.Ordinal)));
        var rules = new CandidateRules(EquipmentCatalogue.Parse(files));
        Assert.Equal(CandidateHits.None, rules.Flags(Item("pump", 1), Year));
        Assert.Equal(CandidateHits.R2, rules.Flags(Item("pump", 1, grade: 3), Year));
    }

    [Fact]
    public void R3_AnItemOfEitherCatalogue_NamesTheCatalogue()
    {
        foreach (var catalogue in Catalogue.HazardousCatalogues)
        {
            var entry = catalogue.Entry(1);
            var reasons = Rules.Reasons(Item("reactor", 1, life: 50, hazardous: entry), null, Year);
            var r = Assert.Single(reasons);
            Assert.Equal(CandidateRules.R3, r.Rule);
            Assert.Contains(catalogue.Title, r.Detail, StringComparison.Ordinal);
            Assert.Contains(entry, r.Detail, StringComparison.Ordinal);
            Assert.Contains(catalogue.Document, r.Suggestion, StringComparison.Ordinal);
        }
        Assert.Equal(CandidateHits.None, Hits(Item("reactor", 1, life: 50, hazardous: null)));
        Assert.Equal(CandidateHits.None, Hits(Item("reactor", 1, life: 50, hazardous: " ")));
    }

    [Fact]
    public void R4_Boundary_OwnDesignLife_AtIsNot_OneMoreIs()
    {
        Assert.Equal(CandidateHits.None, Hits(Item("reactor", 11, life: 12)));
        Assert.Equal(CandidateHits.None, Hits(Item("reactor", 12, life: 12)));
        Assert.Equal(CandidateHits.R4, Hits(Item("reactor", 13, life: 12)));
    }

    [Fact]
    public void R4_WithoutOwnValue_TheTypesTypicalLifeApplies()
    {
        var typical = Catalogue.Type("reactor").DesignLifeYears;
        Assert.Equal(CandidateHits.None, Hits(Item("reactor", typical)));
        Assert.Equal(CandidateHits.R4, Hits(Item("reactor", typical + 1)));
        var r = Assert.Single(Rules.Reasons(Item("reactor", typical + 1), null, Year));
        Assert.Contains("典型设计寿命", r.Detail, StringComparison.Ordinal);
        Assert.Contains($"超过设计使用年限 {typical} 年", r.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownType_OnlyOwnValuesCount_AndAFutureItemIsNothing()
    {
        Assert.Equal(CandidateHits.R4, Hits(Item("no_such_type", 9, life: 8)));
        Assert.Equal(CandidateHits.None, Hits(Item("no_such_type", 30)));
        Assert.Equal(CandidateHits.None, Hits(Item("machine_tool", -3, grade: null, life: 1)));
    }

    [Fact]
    public void SeveralReasons_OneItem_EachWithRuleTextAndSuggestion()
    {
        // A 30-year-old machine tool on a hazardous catalogue, R-4 (typical life 15).
        var entry = Catalogue.HazardousCatalogues[0].Entry(3);
        var reasons = Rules.Reasons(Item("machine_tool", 30, hazardous: entry), Catalogue.Industry("machine_tool_industry"), Year);
        Assert.Equal([CandidateRules.R1, CandidateRules.R3, CandidateRules.R4], reasons.Select(r => r.Rule));
        Assert.All(reasons, r =>
        {
            Assert.Equal(CandidateRules.PlanText(r.Rule), r.PlanText);
            Assert.False(string.IsNullOrWhiteSpace(r.Detail));
            Assert.False(string.IsNullOrWhiteSpace(r.Suggestion));
        });
        Assert.Contains($"至 {Year} 年已服役 30 年，超过 10 年", reasons[0].Detail, StringComparison.Ordinal);
        // Task 1 names machine tools for 工业母机: the suggestion quotes the plan.
        Assert.Contains("工业母机行业需更新服役超十年的机床", reasons[0].Suggestion, StringComparison.Ordinal);

        // An old grade-3 motor, and the R-4 suggestion asks for grade 2 or better as well.
        var motor = Rules.Reasons(Item("motor", 25, grade: 3), null, Year);
        Assert.Equal([CandidateRules.R2, CandidateRules.R4], motor.Select(r => r.Rule));
        Assert.Contains("能效二级及以上", motor[0].Suggestion, StringComparison.Ordinal);
        Assert.Contains("GB 18613-2020", motor[0].Suggestion, StringComparison.Ordinal);
        Assert.Contains("能效三级", motor[0].Detail, StringComparison.Ordinal);
        Assert.Contains("能效二级及以上", motor[1].Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggestion_OffersTheTask2EquipmentOfTheEnterprisesIndustry()
    {
        var pv = Catalogue.Industry("photovoltaic");
        var r = Assert.Single(Rules.Reasons(Item("coating_equipment", 20), pv, Year));
        Assert.Equal(CandidateRules.R4, r.Rule);
        foreach (var id in pv.UpgradeTo) Assert.Contains(Catalogue.Type(id).Name, r.Suggestion, StringComparison.Ordinal);
        // Without an industry the suggestion is the plain advice.
        var plain = Assert.Single(Rules.Reasons(Item("coating_equipment", 20), null, Year));
        Assert.DoesNotContain("行业计划鼓励", plain.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceYear_IsAnInput_TheSameItemAgesWithIt()
    {
        var item = new ItemFacts("machine_tool", 2014, null, 50, null);
        Assert.Equal(CandidateHits.None, Rules.Flags(item, 2024));
        Assert.Equal(CandidateHits.R1, Rules.Flags(item, 2025));
    }

    internal static string Embedded(string name)
    {
        using var s = typeof(EquipmentCatalogue).Assembly.GetManifestResourceStream("Renewal.Policy.Kunshan2024.Candidates.Catalogues." + name)!;
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
