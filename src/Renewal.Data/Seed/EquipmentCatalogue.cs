using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Renewal.Data.Seed;

/// <summary>An equipment type of the inventory (设备类型).</summary>
/// <param name="Id">Type id stored in <see cref="Entities.EquipmentItem.Type"/>, e.g. <c>motor</c>.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="KeyEnergy">重点用能设备 (T-4, R-2).</param>
/// <param name="Category">For key energy-using equipment, its group of plan task 9 (boiler_kiln, motor, …).</param>
/// <param name="MachineTool">A machine tool .</param>
/// <param name="DesignLifeYears">Typical design service life .</param>
/// <param name="Grades">Number of energy-efficiency grades (1 best), or null when the type is not rated.</param>
/// <param name="Standard">The standard defining the grades.</param>
/// <param name="Names">Typical item names.</param>
public sealed record EquipmentType(
    string Id, string Name, bool KeyEnergy, string? Category, bool MachineTool, int DesignLifeYears, int? Grades,
    string? Standard, IReadOnlyList<string> Names);

/// <summary>An industry of the plan or of the library, with the equipment the plan names for it.</summary>
/// <param name="Id">Industry id, e.g. <c>photovoltaic</c>.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="Task">Plan task naming the industry: 1 (落后低效设备替代), 2 (高端先进设备), or null.</param>
/// <param name="PlanText">The plan's sentence about the industry.</param>
/// <param name="Codes">GB/T 4754-2017 classes of the industry.</param>
/// <param name="Cluster">Innovation cluster (B-2), or null.</param>
/// <param name="HazardousChemicals">The industry may hold items of the hazardous-chemical catalogues (T-5, R-3).</param>
/// <param name="Replace">Equipment types task 1 asks to replace.</param>
/// <param name="UpgradeTo">Equipment types task 2 asks to upgrade to.</param>
/// <param name="Typical">Types an inventory of the industry usually holds besides the common utilities (repeats weigh more).</param>
public sealed record PlanIndustry(
    string Id, string Name, int? Task, string? PlanText, IReadOnlyList<string> Codes, string? Cluster, bool HazardousChemicals,
    IReadOnlyList<string> Replace, IReadOnlyList<string> UpgradeTo, IReadOnlyList<string> Typical);

/// <summary>A catalogue of obsolete hazardous-chemical processes and equipment (应急厅〔2020〕38号, 应急厅函〔2024〕86号).</summary>
/// <param name="Document">Document number, e.g. 应急厅〔2020〕38号.</param>
/// <param name="Title">Title of the catalogue.</param>
/// <param name="DemoEntries">Entry numbers the demo data may cite.</param>
public sealed record HazardousCatalogue(string Document, string Title, IReadOnlyList<int> DemoEntries)
{
    /// <summary>How an inventory item records entry <paramref name="number"/>: <c>应急厅〔2020〕38号-第2项</c>.</summary>
    public string Entry(int number) => $"{Document}-第{number.ToString(CultureInfo.InvariantCulture)}项";
}

/// <summary>
/// The equipment-type catalogue (<c>Seed/equipment-types.yaml</c>, embedded): types with their key-energy and
/// machine-tool flags and design life, the plan's industries with the equipment of tasks 1 and 2, and the
/// hazardous-chemical catalogues. Read by the seeder and by the renewal-candidate rules R-1..R-4.
/// </summary>
public sealed class EquipmentCatalogue
{
    private const string ResourceName = "Renewal.Data.Seed.equipment-types.yaml";
    private static readonly Lazy<EquipmentCatalogue> LazyDefault = new(LoadEmbedded);
    private readonly Dictionary<string, EquipmentType> _types;

    private EquipmentCatalogue(
        IReadOnlyList<EquipmentType> types, IReadOnlyList<PlanIndustry> industries, IReadOnlyList<HazardousCatalogue> hazardous,
        int machineToolMaxServiceYears, int energySavingGrade)
    {
        Types = types;
        Industries = industries;
        HazardousCatalogues = hazardous;
        MachineToolMaxServiceYears = machineToolMaxServiceYears;
        EnergySavingGrade = energySavingGrade;
        _types = types.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    /// <summary>The embedded catalogue.</summary>
    public static EquipmentCatalogue Default => LazyDefault.Value;

    public IReadOnlyList<EquipmentType> Types { get; }
    public IReadOnlyList<PlanIndustry> Industries { get; }
    public IReadOnlyList<HazardousCatalogue> HazardousCatalogues { get; }

    /// <summary>R-1: a machine tool in service for more than this many years is a renewal candidate.</summary>
    public int MachineToolMaxServiceYears { get; }

    /// <summary>R-2, T-4: the grade at or better than which (1 best) key energy-using equipment is at 节能水平.</summary>
    public int EnergySavingGrade { get; }

    /// <summary>The type with id <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such type.</exception>
    public EquipmentType Type(string id) =>
        _types.TryGetValue(id, out var t) ? t : throw new KeyNotFoundException($"设备类型目录中没有“{id}”");

    /// <summary>The type with id <paramref name="id"/>, or null.</summary>
    public EquipmentType? FindType(string id) => _types.GetValueOrDefault(id);

    /// <summary>The industry of an industry code (the longest of its codes that prefixes it), or null.</summary>
    public PlanIndustry? IndustryOf(string industryCode)
    {
        ArgumentNullException.ThrowIfNull(industryCode);
        PlanIndustry? best = null;
        var bestLength = 0;
        foreach (var industry in Industries)
        {
            foreach (var code in industry.Codes)
            {
                if (code.Length > bestLength && industryCode.StartsWith(code, StringComparison.Ordinal))
                {
                    best = industry;
                    bestLength = code.Length;
                }
            }
        }
        return best;
    }

    /// <summary>The industry with id <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such industry.</exception>
    public PlanIndustry Industry(string id) =>
        Industries.FirstOrDefault(i => i.Id == id) ?? throw new KeyNotFoundException($"设备类型目录中没有行业“{id}”");

    private static EquipmentCatalogue LoadEmbedded()
    {
        using var stream = typeof(EquipmentCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "Seed/equipment-types.yaml");
    }

    /// <summary>Parses a catalogue file (format: <c>Seed/equipment-types.yaml</c>).</summary>
    /// <exception cref="FormatException">The file is malformed; the message names the line.</exception>
    public static EquipmentCatalogue Parse(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yaml);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new FormatException($"{fileName} 第 {e.Start.Line} 行：YAML 格式错误：{e.Message}", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{fileName}：应为映射（rules、types、hazardous_catalogues、industries）");
        var r = new Reader(fileName);

        var rules = r.Map(root, "rules");
        var maxYears = r.Int(rules, "machine_tool_max_service_years") ?? throw r.Missing(rules, "machine_tool_max_service_years");
        var grade = r.Int(rules, "energy_saving_grade") ?? throw r.Missing(rules, "energy_saving_grade");

        var types = new List<EquipmentType>();
        foreach (var t in r.Maps(root, "types"))
        {
            var id = r.Text(t, "id") ?? throw r.Missing(t, "id");
            var keyEnergy = r.Bool(t, "key_energy");
            var category = r.Text(t, "category");
            if (keyEnergy && category is null) throw r.Error(t, $"重点用能设备“{id}”缺少 category");
            var grades = r.Int(t, "grades");
            if (grades is < 1 or > 5) throw r.Error(t, $"“{id}”的 grades 应在 1–5 之间");
            if (types.Any(x => x.Id == id)) throw r.Error(t, $"设备类型“{id}”重复");
            types.Add(new EquipmentType(
                id, r.Text(t, "name") ?? throw r.Missing(t, "name"), keyEnergy, category, r.Bool(t, "machine_tool"),
                r.Int(t, "design_life") ?? throw r.Missing(t, "design_life"), grades, r.Text(t, "standard"), r.List(t, "names")));
        }
        var known = types.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);

        var hazardous = r.Maps(root, "hazardous_catalogues").Select(h => new HazardousCatalogue(
            r.Text(h, "document") ?? throw r.Missing(h, "document"), r.Text(h, "title") ?? "",
            [.. r.List(h, "demo_entries").Select(x => int.Parse(x, NumberStyles.None, CultureInfo.InvariantCulture))])).ToList();

        var industries = new List<PlanIndustry>();
        foreach (var i in r.Maps(root, "industries"))
        {
            var id = r.Text(i, "id") ?? throw r.Missing(i, "id");
            var industry = new PlanIndustry(
                id, r.Text(i, "name") ?? throw r.Missing(i, "name"), r.Int(i, "task"), r.Text(i, "plan_text"), r.List(i, "codes"),
                r.Text(i, "cluster"), r.Bool(i, "hazardous_chemicals"), r.List(i, "replace"), r.List(i, "upgrade_to"), r.List(i, "typical"));
            foreach (var typeId in industry.Replace.Concat(industry.UpgradeTo).Concat(industry.Typical))
            {
                if (!known.Contains(typeId)) throw r.Error(i, $"行业“{id}”引用了未知设备类型“{typeId}”");
            }
            if (industry.Codes.Count == 0) throw r.Error(i, $"行业“{id}”缺少 codes");
            industries.Add(industry);
        }
        return new EquipmentCatalogue(types, industries, hazardous, maxYears, grade);
    }

    private sealed class Reader(string fileName)
    {
        public FormatException Error(YamlNode node, string message) => new($"{fileName} 第 {node.Start.Line} 行：{message}");

        public FormatException Missing(YamlNode node, string key) => Error(node, $"缺少 {key}");

        private static YamlNode? Get(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

        public YamlMappingNode Map(YamlMappingNode map, string key) =>
            Get(map, key) as YamlMappingNode ?? throw Error(map, $"{key} 应为映射");

        public IEnumerable<YamlMappingNode> Maps(YamlMappingNode map, string key)
        {
            if (Get(map, key) is not YamlSequenceNode seq) throw Error(map, $"{key} 应为列表");
            return seq.Children.Select(c => c as YamlMappingNode ?? throw Error(c, $"{key} 的每一项应为映射"));
        }

        public string? Text(YamlMappingNode map, string key) => Get(map, key) switch
        {
            null => null,
            YamlScalarNode { Value: null or "null" or "~" or "" } => null,
            YamlScalarNode s => s.Value,
            var other => throw Error(other, $"{key} 应为标量"),
        };

        public int? Int(YamlMappingNode map, string key) => Text(map, key) is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw Error(map, $"{key}“{text}”不是整数")
            : null;

        public bool Bool(YamlMappingNode map, string key) => Text(map, key) switch
        {
            null or "false" => false,
            "true" => true,
            var text => throw Error(map, $"{key}“{text}”应为 true 或 false"),
        };

        public IReadOnlyList<string> List(YamlMappingNode map, string key) => Get(map, key) switch
        {
            null => [],
            YamlSequenceNode seq => [.. seq.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw Error(c, $"{key} 的每一项应为标量"))],
            var other => throw Error(other, $"{key} 应为列表"),
        };
    }
}
