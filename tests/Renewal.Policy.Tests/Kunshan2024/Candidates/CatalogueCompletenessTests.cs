using Renewal.Policy.Kunshan2024.Candidates;


namespace Renewal.Policy.Tests.Kunshan2024.Candidates;

/// <summary>
/// The catalogue files hold every industry and piece of equipment that plan tasks 1, 2 and 9 name, in the plan's
/// words: each term below is checked against the Chinese original (../shared/seed), so the list cannot drift from it.
/// </summary>
public class CatalogueCompletenessTests
{
    private static readonly EquipmentCatalogue Catalogue = EquipmentCatalogue.Default;

    /// <summary>Task 1 and 2 sentences of the plan: industry (as the plan names it), task, the equipment it names.</summary>
    private static readonly (string Industry, int Task, string[] Terms)[] Plan =
    [
        ("工业母机", 1, ["机床"]),
        ("农机", 1, ["柔性剪切", "成型", "焊接", "制造技术装备"]),
        ("工程机械", 1, ["油压机", "折弯机", "陈旧工艺产线装备"]),
        ("仪器仪表", 1, ["数控加工", "检定装备"]),
        ("纺织", 1, ["转杯纺纱机", "细纱机", "自动络筒机"]),
        ("电动自行车", 1, ["焊接机器人", "喷涂烘干设备", "装配设备", "测试仪器"]),
        ("航空", 2, ["总装集成"]),
        ("光伏", 2, ["大热场单晶炉", "高线速小轴距多线切割机", "多合一镀膜设备", "大尺寸多主栅组件串焊机"]),
        ("动力电池", 2, ["超声波焊接机", "激光焊接机", "注液机", "分容柜", "高温负压串联化成机", "并联分容水冷一体机", "自动化物流系统"]),
        ("生物发酵", 2, ["萃取提取工艺", "蒸发器", "离心机", "新型干燥系统", "连续离子交换设备"]),
    ];

    public static TheoryData<string, int, string[]> PlanEquipment
    {
        get
        {
            var data = new TheoryData<string, int, string[]>();
            foreach (var (industry, task, terms) in Plan) data.Add(industry, task, terms);
            return data;
        }
    }

    private static string Seed()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Renewal.slnx"))) dir = dir.Parent;
        var path = Path.Combine(dir!.FullName, "..", "shared", "seed", "kunshan-equipment-renewal-plan-2024.txt");
        Assert.True(File.Exists(path), $"the plan's original is missing: {path}");
        return File.ReadAllText(path);
    }

    /// <summary>The paragraph of task <paramref name="task"/> of plan §二 ("1. 加快落后低效设备替代。…"): the first so numbered (the annex numbers its articles again).</summary>
    private static string Task(int task) =>
        Seed().Split('\n').First(l => l.StartsWith($"{task}. ", StringComparison.Ordinal));

    private static PlanIndustry IndustryNamed(string name) =>
        Catalogue.Industries.Single(i => i.Name == name || i.Name.Contains($"（{name}）", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(PlanEquipment))]
    public void EveryEquipmentTasks1And2Name_ResolvesToACatalogueTypeOfItsIndustry(string industryName, int task, string[] terms)
    {
        var paragraph = Task(task);
        var industry = IndustryNamed(industryName);
        Assert.Equal(task, industry.Task);
        Assert.NotNull(industry.PlanText);
        Assert.Contains(industry.PlanText, paragraph, StringComparison.Ordinal); // the plan's wording, word for word
        foreach (var term in terms)
        {
            Assert.Contains(term, industry.PlanText, StringComparison.Ordinal);
            var type = Catalogue.FindByPlanTerm(term);
            Assert.True(type is not null, $"“{term}”（{industryName}）没有对应的设备类型");
            var listed = task == 1 ? industry.Replace.Concat(industry.UpgradeTo) : industry.UpgradeTo;
            Assert.Contains(type.Id, listed);
        }
    }

    [Fact]
    public void EveryIndustryTasks1And2Name_IsInTheCatalogue()
    {
        // "针对工业母机、农机、工程机械、电动自行车等…" and "针对航空、光伏、动力电池、生物发酵等…", plus each industry with a sentence.
        foreach (var task in new[] { 1, 2 })
        {
            var paragraph = Task(task);
            var named = paragraph.Split("针对")[1].Split("等")[0].Split('、');
            var withSentence = Plan.Where(r => r.Task == task).Select(r => r.Industry);
            foreach (var name in named.Concat(withSentence).Distinct())
            {
                Assert.Contains($"{name}行业", paragraph, StringComparison.Ordinal);
                Assert.Equal(task, IndustryNamed(name).Task);
            }
        }
        // And the catalogue has no task 1/2 industry the plan does not name.
        Assert.Equal(Plan.Length, Catalogue.Industries.Count(i => i.Task is 1 or 2));
    }

    [Fact]
    public void EveryKeyEnergyGroupOfTask9_HasARatedKeyEnergyType()
    {
        var paragraph = Task(9);
        // 窑炉 is task 8's word (锅炉（窑炉）节能改造); the rest are task 9's list.
        foreach (var term in new[] { "锅炉", "窑炉", "电机", "变压器", "制冷供热", "空压机", "换热器", "泵" })
        {
            Assert.Contains(term, term == "窑炉" ? Task(8) : paragraph, StringComparison.Ordinal);
            var type = Catalogue.FindByPlanTerm(term);
            Assert.True(type is { KeyEnergy: true, Grades: not null }, $"“{term}”不是已分级的重点用能设备类型");
        }
        Assert.Contains("能效二级及以上", paragraph, StringComparison.Ordinal);
        Assert.Equal(2, Catalogue.EnergySavingGrade);
    }

    [Fact]
    public void BothHazardousCataloguesOfTask11_AreThere()
    {
        var paragraph = Task(11);
        Assert.All(Catalogue.HazardousCatalogues, h => Assert.Contains(h.Document, paragraph, StringComparison.Ordinal));
        Assert.Equal(2, Catalogue.HazardousCatalogues.Count);
    }

    [Fact]
    public void TheCatalogueIsFourFiles_KeyEnergyTypesInTheirOwn()
    {
        var keyEnergy = EquipmentCatalogue.Parse([("k.yaml", CandidateRulesTests.Embedded("key-energy-equipment.yaml")),
            ("e.yaml", CandidateRulesTests.Embedded("equipment-types.yaml")), ("h.yaml", CandidateRulesTests.Embedded("hazardous-catalogues.yaml")),
            ("p.yaml", CandidateRulesTests.Embedded("plan-industries.yaml"))]);
        Assert.Equal(Catalogue.Types.Count, keyEnergy.Types.Count);
        Assert.Contains("key_energy: true", CandidateRulesTests.Embedded("key-energy-equipment.yaml"), StringComparison.Ordinal);
        Assert.DoesNotContain("key_energy: true", CandidateRulesTests.Embedded("equipment-types.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ATypeDefinedInTwoFiles_NamesTheSecondFileAndLine()
    {
        const string a = """
            rules: { machine_tool_max_service_years: 10, energy_saving_grade: 2 }
            types:
              - { id: motor, name: 电动机, key_energy: true, category: motor, design_life: 20, grades: 3 }
            """;
        const string b = """
            hazardous_catalogues: []
            industries: []
            types:
              - { id: pump, name: 泵, key_energy: true, category: pump, design_life: 15, grades: 3 }
              - { id: motor, name: 电机, design_life: 20 }
            """;
        var e = Assert.Throws<FormatException>(() => EquipmentCatalogue.Parse([("a.yaml", a), ("b.yaml", b)]));
        Assert.Contains("b.yaml 第 5 行", e.Message, StringComparison.Ordinal);
        Assert.Contains("a.yaml 第 3 行", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ARuleInTwoFiles_OrABadValue_IsRefusedWithTheLine()
    {
        const string a = "rules: { machine_tool_max_service_years: 10, energy_saving_grade: 2 }\ntypes: []\nhazardous_catalogues: []\nindustries: []\n";
        const string b = "rules:\n  energy_saving_grade: 3\n";
        var twice = Assert.Throws<FormatException>(() => EquipmentCatalogue.Parse([("a.yaml", a), ("b.yaml", b)]));
        Assert.Contains("b.yaml 第 2 行", twice.Message, StringComparison.Ordinal);
        Assert.Contains("energy_saving_grade", twice.Message, StringComparison.Ordinal);

        const string bad = "rules:\n  machine_tool_max_service_years: ten\n  energy_saving_grade: 2\ntypes: []\nhazardous_catalogues: []\nindustries: []\n";
        var e = Assert.Throws<FormatException>(() => EquipmentCatalogue.Parse(bad, "c.yaml"));
        Assert.Contains("c.yaml 第 2 行", e.Message, StringComparison.Ordinal);

        const string unknown = "rules: { machine_tool_max_service_years: 10, energy_saving_grade: 2 }\ntypes: []\nhazardous_catalogues: []\nindustries: []\nmachines: []\n";
        Assert.Contains("c.yaml 第 5 行", Assert.Throws<FormatException>(() => EquipmentCatalogue.Parse(unknown, "c.yaml")).Message, StringComparison.Ordinal);
    }
}
