using Renewal.Policy.Kunshan2024.Candidates;


namespace Renewal.Policy.Tests.Kunshan2024.Candidates;

/// <summary>The equipment catalogue (Kunshan2024/Candidates/Catalogues/*.yaml) is complete and consistent.</summary>
public class EquipmentCatalogueTests
{
    private static readonly EquipmentCatalogue Catalogue = EquipmentCatalogue.Default;

    [Fact]
    public void KeyEnergyTypes_CoverTheSixGroupsOfTask9_AndAreRated()
    {
        var groups = Catalogue.Types.Where(t => t.KeyEnergy).GroupBy(t => t.Category).Select(g => g.Key).Order().ToList();
        Assert.Equal(["boiler_kiln", "heat_exchanger", "motor", "pump", "refrigeration_heating_compressor", "transformer"], groups);
        Assert.All(Catalogue.Types.Where(t => t.KeyEnergy), t => Assert.NotNull(t.Grades));
        Assert.Equal(3, Catalogue.Type("motor").Grades);
        Assert.Equal(2, Catalogue.EnergySavingGrade);
        Assert.Equal(10, Catalogue.MachineToolMaxServiceYears);
        Assert.True(Catalogue.Type("machine_tool").MachineTool);
        Assert.False(Catalogue.Type("motor").MachineTool);
        Assert.All(Catalogue.Types, t => Assert.True(t.DesignLifeYears > 0 && t.Names.Count > 0, t.Id));
    }

    [Fact]
    public void PlanIndustries_NameTheEquipmentOfTasks1And2()
    {
        Assert.Equal(["machine_tool", "hydraulic_press", "press_brake", "shearing_machine", "stamping_press"], Catalogue.Industry("machine_tool_industry").Replace);
        Assert.Equal(["rotor_spinning_frame", "ring_spinning_frame", "automatic_winder"], Catalogue.Industry("textile").Replace);
        Assert.Contains("monocrystal_furnace", Catalogue.Industry("photovoltaic").UpgradeTo);
        Assert.Contains("electrolyte_filler", Catalogue.Industry("power_battery").UpgradeTo);
        Assert.Contains("ion_exchange", Catalogue.Industry("bio_fermentation").UpgradeTo);
        var task1 = Catalogue.Industries.Where(i => i.Task == 1).Select(i => i.Name).ToList();
        Assert.Equal(["工业母机", "农机", "工程机械", "仪器仪表", "纺织", "电动自行车"], task1);
        var task2 = Catalogue.Industries.Where(i => i.Task == 2).Select(i => i.Name).ToList();
        Assert.Equal(4, task2.Count);
        Assert.All(Catalogue.Industries.Where(i => i.Task is not null), i => Assert.False(string.IsNullOrEmpty(i.PlanText)));
    }

    [Theory]
    [InlineData("C3421", "machine_tool_industry")]
    [InlineData("C3825", "photovoltaic")]
    [InlineData("C3841", "power_battery")]
    [InlineData("C3770", "electric_bicycle")]
    [InlineData("C1711", "textile")]
    [InlineData("I6513", "software")]
    public void IndustryOf_FindsTheIndustryOfACode(string code, string industry) =>
        Assert.Equal(industry, Catalogue.IndustryOf(code)?.Id);

    [Fact]
    public void IndustryOf_UnknownCode_IsNull() => Assert.Null(Catalogue.IndustryOf("A0111"));

    [Fact]
    public void HazardousEntries_AreWrittenWithTheDocumentNumber()
    {
        Assert.Equal("应急厅〔2020〕38号-第2项", Catalogue.HazardousCatalogues[0].Entry(2));
        Assert.Equal("应急厅函〔2024〕86号", Catalogue.HazardousCatalogues[1].Document);
    }

    [Fact]
    public void Parse_UnknownTypeInAnIndustry_NamesTheLine()
    {
        const string yaml = """
            rules: { machine_tool_max_service_years: 10, energy_saving_grade: 2 }
            types:
              - { id: motor, name: 电动机, key_energy: true, category: motor, design_life: 20, grades: 3, names: [电动机] }
            hazardous_catalogues: []
            industries:
              - id: x
                name: 某行业
                codes: [C3421]
                typical: [motor, boiler]
            """;
        var e = Assert.Throws<FormatException>(() => EquipmentCatalogue.Parse(yaml, "t.yaml"));
        Assert.Contains("boiler", e.Message, StringComparison.Ordinal);
        Assert.Contains("t.yaml 第 6 行", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyEnergyTypeWithoutCategory_IsRefused()
    {
        const string yaml = """
            rules: { machine_tool_max_service_years: 10, energy_saving_grade: 2 }
            types:
              - { id: pump, name: 泵, key_energy: true, design_life: 15 }
            hazardous_catalogues: []
            industries: []
            """;
        Assert.Contains("category", Assert.Throws<FormatException>(() => EquipmentCatalogue.Parse(yaml, "t.yaml")).Message, StringComparison.Ordinal);
    }
}
