using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Renewal.Policy.Kunshan2024.Candidates;

/// <summary>An equipment type of the inventory (设备类型).</summary>
/// <param name="Id">Type id stored in the inventory item's type (<c>EquipmentItem.Type</c>), e.g. <c>motor</c>.</param>
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
    string? Standard, IReadOnlyList<string> Names)
{
    /// <summary>The plan's own words for this type (tasks 1, 2 and 9), e.g. 油压机, 制冷供热空压机.</summary>
    public IReadOnlyList<string> PlanTerms { get; init; } = [];
}

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
/// The equipment catalogue, kept as data in four embedded files under <c>Kunshan2024/Candidates/Catalogues/</c> so that the bureau edits
/// lists, not code: <c>key-energy-equipment.yaml</c> (the key energy-using types of plan task 9 and the energy-saving
/// line), <c>equipment-types.yaml</c> (the other equipment types, machine tools and the R-1 line),
/// <c>plan-industries.yaml</c> (the plan's industries with the equipment of tasks 1 and 2) and
/// <c>hazardous-catalogues.yaml</c> (应急厅〔2020〕38号, 应急厅函〔2024〕86号). Each file may hold any of the sections
/// <c>rules</c>, <c>types</c>, <c>hazardous_catalogues</c>, <c>industries</c>; they are merged and validated on load,
/// and every error names the file and line. Read by the seeder, the renewal-candidate rules R-1..R-4 and target T-4.
/// </summary>
public sealed class EquipmentCatalogue
{
    /// <summary>The embedded catalogue files, in load order (types before the industries that refer to them).</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["key-energy-equipment.yaml", "equipment-types.yaml", "hazardous-catalogues.yaml", "plan-industries.yaml"];

    private const string ResourcePrefix = "Renewal.Policy.Kunshan2024.Candidates.Catalogues.";
    private static readonly Lazy<EquipmentCatalogue> LazyDefault = new(LoadEmbedded);
    private readonly Dictionary<string, EquipmentType> _types;
    private readonly Dictionary<string, EquipmentType> _byPlanTerm;

    private EquipmentCatalogue(
        IReadOnlyList<EquipmentType> types, IReadOnlyList<PlanIndustry> industries, IReadOnlyList<HazardousCatalogue> hazardous,
        int machineToolMaxServiceYears, int energySavingGrade, bool unratedKeyEnergyIsCandidate)
    {
        Types = types;
        Industries = industries;
        HazardousCatalogues = hazardous;
        MachineToolMaxServiceYears = machineToolMaxServiceYears;
        EnergySavingGrade = energySavingGrade;
        UnratedKeyEnergyIsCandidate = unratedKeyEnergyIsCandidate;
        _types = types.ToDictionary(t => t.Id, StringComparer.Ordinal);
        _byPlanTerm = types.SelectMany(t => t.PlanTerms.Select(term => (term, t))).ToDictionary(x => x.term, x => x.t, StringComparer.Ordinal);
    }

    /// <summary>The embedded catalogue.</summary>
    public static EquipmentCatalogue Default => LazyDefault.Value;

    public IReadOnlyList<EquipmentType> Types { get; }
    public IReadOnlyList<PlanIndustry> Industries { get; }
    public IReadOnlyList<HazardousCatalogue> HazardousCatalogues { get; }

    /// <summary>R-1: a machine tool in service for more than this many years is a renewal candidate (exactly this many is not).</summary>
    public int MachineToolMaxServiceYears { get; }

    /// <summary>R-2, T-4: the grade at or better than which (1 best) key energy-using equipment is at 节能水平.</summary>
    public int EnergySavingGrade { get; }

    /// <summary>R-2: whether a key energy-using item with no grade on record is a candidate (ADR-010: yes by default).</summary>
    public bool UnratedKeyEnergyIsCandidate { get; }

    /// <summary>The type with id <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such type.</exception>
    public EquipmentType Type(string id) =>
        _types.TryGetValue(id, out var t) ? t : throw new KeyNotFoundException($"设备类型目录中没有“{id}”");

    /// <summary>The type with id <paramref name="id"/>, or null.</summary>
    public EquipmentType? FindType(string id) => _types.GetValueOrDefault(id);

    /// <summary>The type the plan names with <paramref name="term"/> (one of the types' <c>plan_terms</c>), or null.</summary>
    public EquipmentType? FindByPlanTerm(string term) => _byPlanTerm.GetValueOrDefault(term);

    /// <summary>The hazardous catalogue an inventory entry (<c>应急厅〔2020〕38号-第2项</c>) cites, or null.</summary>
    public HazardousCatalogue? HazardousCatalogueOf(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return HazardousCatalogues.FirstOrDefault(h => entry.StartsWith(h.Document, StringComparison.Ordinal));
    }

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
        var files = new List<(string, string)>();
        foreach (var name in FileNames)
        {
            files.Add(("Kunshan2024/Candidates/Catalogues/" + name, DataFiles.Embedded(ResourcePrefix + name)));
        }
        return Parse(files);
    }

    /// <summary>Parses one catalogue file holding every section (<c>rules</c>, <c>types</c>, <c>hazardous_catalogues</c>, <c>industries</c>).</summary>
    /// <exception cref="FormatException">The file is malformed; the message names the line.</exception>
    public static EquipmentCatalogue Parse(string yaml, string fileName) => Parse([(fileName, yaml)]);

    /// <summary>Parses and merges catalogue files; each may hold any of the sections. Every section must appear somewhere.</summary>
    /// <exception cref="FormatException">A file is malformed, a rule or type is defined twice, or a reference is unknown; the message names the file and line.</exception>
    public static EquipmentCatalogue Parse(IEnumerable<(string FileName, string Yaml)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var roots = new List<(Reader R, YamlMappingNode Root)>();
        foreach (var (fileName, yaml) in files)
        {
            ArgumentNullException.ThrowIfNull(yaml);
            if (DataFiles.RootMapping(yaml, fileName) is not { } root)
                throw new FormatException($"{fileName}：应为映射（rules、types、hazardous_catalogues、industries 中的一项或多项）");
            var r = new Reader(fileName);
            foreach (var key in root.Children.Keys)
            {
                if (key is not YamlScalarNode { Value: "rules" or "types" or "hazardous_catalogues" or "industries" })
                    throw r.Error(key, $"未知的节“{key}”（应为 rules、types、hazardous_catalogues、industries）");
            }
            roots.Add((r, root));
        }
        if (roots.Count == 0) throw new FormatException("设备目录：没有文件");
        var first = roots[0];

        // rules: each rule once, in whichever file.
        var rules = new Dictionary<string, (Reader R, YamlMappingNode Map)>(StringComparer.Ordinal);
        foreach (var (r, root) in roots)
        {
            if (!Reader.Has(root, "rules")) continue;
            var map = r.Map(root, "rules");
            foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
            {
                var name = key.Value ?? "";
                if (name is not ("machine_tool_max_service_years" or "energy_saving_grade" or "unrated_key_energy_is_candidate"))
                    throw r.Error(key, $"未知的规则参数“{name}”");
                if (rules.TryGetValue(name, out var earlier))
                    throw r.Error(key, $"规则参数 {name} 已在 {earlier.R.FileName} 第 {earlier.Map.Start.Line} 行定义");
                rules[name] = (r, map);
            }
        }
        int RuleInt(string name)
        {
            if (!rules.TryGetValue(name, out var at)) throw new FormatException($"{first.R.FileName}：rules 缺少 {name}");
            var v = at.R.Int(at.Map, name) ?? throw at.R.Missing(at.Map, name);
            return v >= 1 ? v : throw at.R.Error(at.Map, $"{name} 应为正整数");
        }
        var maxYears = RuleInt("machine_tool_max_service_years");
        var grade = RuleInt("energy_saving_grade");
        var unrated = !rules.TryGetValue("unrated_key_energy_is_candidate", out var u) || u.R.Bool(u.Map, "unrated_key_energy_is_candidate");

        var types = new List<EquipmentType>();
        var where = new Dictionary<string, string>(StringComparer.Ordinal);
        var terms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (r, root) in roots.Where(x => Reader.Has(x.Root, "types")))
        {
            foreach (var t in r.Maps(root, "types"))
            {
                var id = r.Text(t, "id") ?? throw r.Missing(t, "id");
                if (where.TryGetValue(id, out var earlier)) throw r.Error(t, $"设备类型“{id}”重复（已在 {earlier} 定义）");
                var keyEnergy = r.Bool(t, "key_energy");
                var category = r.Text(t, "category");
                if (keyEnergy && category is null) throw r.Error(t, $"重点用能设备“{id}”缺少 category");
                var grades = r.Int(t, "grades");
                if (grades is < 1 or > 5) throw r.Error(t, $"“{id}”的 grades 应在 1–5 之间");
                if (keyEnergy && grades is null) throw r.Error(t, $"重点用能设备“{id}”缺少 grades（能效等级数）");
                var life = r.Int(t, "design_life") ?? throw r.Missing(t, "design_life");
                if (life < 1) throw r.Error(t, $"“{id}”的 design_life 应为正整数");
                var planTerms = r.List(t, "plan_terms");
                foreach (var term in planTerms)
                {
                    if (terms.TryGetValue(term, out var other)) throw r.Error(t, $"计划用语“{term}”已属于设备类型“{other}”");
                    terms[term] = id;
                }
                where[id] = $"{r.FileName} 第 {t.Start.Line} 行";
                types.Add(new EquipmentType(
                    id, r.Text(t, "name") ?? throw r.Missing(t, "name"), keyEnergy, category, r.Bool(t, "machine_tool"),
                    life, grades, r.Text(t, "standard"), r.List(t, "names")) { PlanTerms = planTerms });
            }
        }

        var hazardous = new List<HazardousCatalogue>();
        foreach (var (r, root) in roots.Where(x => Reader.Has(x.Root, "hazardous_catalogues")))
        {
            foreach (var h in r.Maps(root, "hazardous_catalogues"))
            {
                var document = r.Text(h, "document") ?? throw r.Missing(h, "document");
                var entries = r.List(h, "demo_entries").Select(x =>
                    int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : throw r.Error(h, $"demo_entries 的“{x}”不是正整数"));
                hazardous.Add(new HazardousCatalogue(document, r.Text(h, "title") ?? "", [.. entries]));
            }
        }

        var industries = new List<PlanIndustry>();
        foreach (var (r, root) in roots.Where(x => Reader.Has(x.Root, "industries")))
        {
            foreach (var i in r.Maps(root, "industries"))
            {
                var id = r.Text(i, "id") ?? throw r.Missing(i, "id");
                if (industries.Any(x => x.Id == id)) throw r.Error(i, $"行业“{id}”重复");
                var industry = new PlanIndustry(
                    id, r.Text(i, "name") ?? throw r.Missing(i, "name"), r.Int(i, "task"), r.Text(i, "plan_text"), r.List(i, "codes"),
                    r.Text(i, "cluster"), r.Bool(i, "hazardous_chemicals"), r.List(i, "replace"), r.List(i, "upgrade_to"), r.List(i, "typical"));
                foreach (var typeId in industry.Replace.Concat(industry.UpgradeTo).Concat(industry.Typical))
                {
                    if (!where.ContainsKey(typeId)) throw r.Error(i, $"行业“{id}”引用了未知设备类型“{typeId}”");
                }
                if (industry.Codes.Count == 0) throw r.Error(i, $"行业“{id}”缺少 codes");
                if (industry.Task is { } task && (task is not (1 or 2) || industry.PlanText is null))
                    throw r.Error(i, $"行业“{id}”：task 应为 1 或 2，且须有 plan_text（计划原文）");
                industries.Add(industry);
            }
        }
        if (!roots.Any(x => Reader.Has(x.Root, "types"))) throw new FormatException($"{first.R.FileName}：缺少 types");
        if (!roots.Any(x => Reader.Has(x.Root, "hazardous_catalogues"))) throw new FormatException($"{first.R.FileName}：缺少 hazardous_catalogues");
        if (!roots.Any(x => Reader.Has(x.Root, "industries"))) throw new FormatException($"{first.R.FileName}：缺少 industries");
        return new EquipmentCatalogue(types, industries, hazardous, maxYears, grade, unrated);
    }

    private sealed class Reader(string fileName)
    {
        public string FileName => fileName;

        public FormatException Error(YamlNode node, string message) => new($"{fileName} 第 {node.Start.Line} 行：{message}");

        public FormatException Missing(YamlNode node, string key) => Error(node, $"缺少 {key}");

        private static YamlNode? Get(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

        public static bool Has(YamlMappingNode map, string key) => Get(map, key) is not null;

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
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw Error(Get(map, key)!, $"{key}“{text}”不是整数")
            : null;

        public bool Bool(YamlMappingNode map, string key) => Text(map, key) switch
        {
            null or "false" => false,
            "true" => true,
            var text => throw Error(Get(map, key)!, $"{key}“{text}”应为 true 或 false"),
        };

        public IReadOnlyList<string> List(YamlMappingNode map, string key) => Get(map, key) switch
        {
            null => [],
            YamlSequenceNode seq => [.. seq.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw Error(c, $"{key} 的每一项应为标量"))],
            var other => throw Error(other, $"{key} 应为列表"),
        };
    }
}
