using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Renewal.Policy.Kunshan2024.Candidates;
using Renewal.Policy.Model;

namespace Renewal.Policy.Kunshan2024;

/// <summary>One word of the vocabulary: the identifier stored and written in scenario files, its Chinese label (the
/// wording of the seed document), an English label for the English pages, and the other spellings people type.</summary>
public sealed record Term(string Code, string Label, string English, IReadOnlyList<string> Synonyms)
{
    /// <summary>The label in the page's language (Chinese unless <paramref name="english"/>).</summary>
    public string In(bool english) => english ? English : Label;
}

/// <summary>
/// The pack's one vocabulary: every code the engine and the library store (project kinds and statuses, loan
/// categories, fiscal levels, schemes, the digital scopes of A-1, the innovation clusters of B-2 and the twelve tasks
/// of plan §二), its Chinese label and the spellings people type, with the one parser that reads them. The pages,
/// the Excel exchange, the ledger, the PDF and the CLI all read labels and parse typed text here; nobody keeps a table
/// of their own.
/// </summary>
/// <remarks>
/// The parser forgives what people type: full-width letters and digits (NFKC), blanks and zero-width characters,
/// quotes around a part of a name (“5G+工业互联网”融合应用场景 = 5G+工业互联网融合应用场景), and the case of an
/// identifier. <see cref="Codes.TryParse(string?, out ProjectKind)"/> stays strict: it reads stored values and
/// scenario files, which hold identifiers only.
/// </remarks>
public static class Vocabulary
{
    // ---- the enumerations ---------------------------------------------------------------------------------------

    private static readonly Table<ProjectKind> Kinds = new(
        (ProjectKind.New, new("new", "新建", "New build", ["新建项目"])),
        (ProjectKind.Expansion, new("expansion", "扩建", "Expansion", ["改扩建", "扩建项目", "改扩建项目"])),
        (ProjectKind.Renovation, new("renovation", "技术改造", "Renovation", ["技改", "技术改造项目", "技改项目"])));

    private static readonly Table<ProjectStatus> Statuses = new(
        (ProjectStatus.Planned, new("planned", "计划", "Planned", ["拟建", "储备", "计划中"])),
        (ProjectStatus.InProgress, new("in_progress", "在建", "In progress", ["建设中", "实施中", "在建中"])),
        (ProjectStatus.Completed, new("completed", "竣工", "Completed", ["已竣工", "完工", "已完工"])));

    private static readonly Table<LoanCategory> Categories = new(
        (LoanCategory.InnovationCarrier, new("innovation_carrier", "创新载体建设", "Innovation carrier", ["创新载体"])),
        (LoanCategory.DigitalTransformation, new("digital_transformation", "智改数转网联", "Digital transformation", ["智改数转"])),
        (LoanCategory.IndustrialUpgrade, new("industrial_upgrade", "产业转型升级", "Industrial upgrade", [])),
        (LoanCategory.EquipmentRenewal, new("equipment_renewal", "其他设备更新", "Other equipment renewal", ["设备更新"])));

    private static readonly Table<Level> Levels = new(
        (Level.Central, new("central", "中央", "Central", ["中央级", "国家", "国家级"])),
        (Level.Province, new("province", "省级", "Province", ["省", "江苏省", "江苏省级"])),
        (Level.Suzhou, new("suzhou", "苏州市级", "Suzhou", ["苏州", "苏州市", "苏州级"])),
        (Level.Kunshan, new("kunshan", "昆山市级", "Kunshan", ["昆山", "昆山市", "昆山级"])));

    private static readonly Table<Scheme> Schemes = new(
        (Scheme.Demonstration, new("demonstration", "重大示范项目奖励", "Demonstration project award", ["智能化改造数字化转型重大示范项目", "重大示范项目"])),
        (Scheme.EffectiveInvestment, new("effective_investment", "有效投入奖补", "Effective-investment award", ["工业企业有效投入奖补"])),
        (Scheme.TechRenovation, new("tech_renovation", "技改综合奖补", "Tech-renovation award", ["工业企业技术改造综合奖补"])),
        (Scheme.LoanInterest, new("loan_interest", "贷款贴息", "Loan interest subsidy", ["制造业贷款财政贴息"])));

    /// <summary>The word of a project kind.</summary>
    public static Term Of(ProjectKind value) => Kinds.Term(value);
    /// <summary>The word of a project status.</summary>
    public static Term Of(ProjectStatus value) => Statuses.Term(value);
    /// <summary>The word of a loan category (D-E3).</summary>
    public static Term Of(LoanCategory value) => Categories.Term(value);
    /// <summary>The word of a fiscal level.</summary>
    public static Term Of(Level value) => Levels.Term(value);
    /// <summary>The word of a scheme.</summary>
    public static Term Of(Scheme value) => Schemes.Term(value);

    public static string Label(ProjectKind value) => Of(value).Label;
    public static string Label(ProjectStatus value) => Of(value).Label;
    public static string Label(LoanCategory value) => Of(value).Label;
    public static string Label(Level value) => Of(value).Label;
    public static string Label(Scheme value) => Of(value).Label;

    /// <summary>A project kind as people type it: 新建, 扩建, 改扩建, 技术改造, 技改, or the identifier.</summary>
    public static bool TryParse(string? text, out ProjectKind value) => Kinds.TryParse(text, out value);
    /// <summary>A project status as people type it: 计划, 拟建, 在建, 建设中, 竣工, 已完工, or the identifier.</summary>
    public static bool TryParse(string? text, out ProjectStatus value) => Statuses.TryParse(text, out value);
    /// <summary>A loan category by its Chinese name (or a short form) or identifier.</summary>
    public static bool TryParse(string? text, out LoanCategory value) => Categories.TryParse(text, out value);
    /// <summary>A fiscal level: 中央, 省级, 江苏省, 苏州, 苏州市级, 昆山市 …, or the identifier.</summary>
    public static bool TryParse(string? text, out Level value) => Levels.TryParse(text, out value);
    /// <summary>A scheme by its Chinese name or identifier.</summary>
    public static bool TryParse(string? text, out Scheme value) => Schemes.TryParse(text, out value);

    /// <summary>The exact identifier only (stored values, scenario files): “expansion”, never “扩建” or “Expansion”.</summary>
    public static bool TryParseCode(string? text, out ProjectKind value) => Kinds.TryParseCode(text, out value);
    public static bool TryParseCode(string? text, out ProjectStatus value) => Statuses.TryParseCode(text, out value);
    public static bool TryParseCode(string? text, out LoanCategory value) => Categories.TryParseCode(text, out value);
    public static bool TryParseCode(string? text, out Level value) => Levels.TryParseCode(text, out value);
    public static bool TryParseCode(string? text, out Scheme value) => Schemes.TryParseCode(text, out value);

    /// <summary>The Chinese labels of a kind of value, in order, joined for an error message: “新建、扩建、技术改造”.</summary>
    public static string Choices<T>() where T : struct, Enum => typeof(T) switch
    {
        var t when t == typeof(ProjectKind) => Kinds.Choices,
        var t when t == typeof(ProjectStatus) => Statuses.Choices,
        var t when t == typeof(LoanCategory) => Categories.Choices,
        var t when t == typeof(Level) => Levels.Choices,
        var t when t == typeof(Scheme) => Schemes.Choices,
        _ => throw new ArgumentOutOfRangeException(nameof(T), typeof(T).Name, "not a vocabulary"),
    };

    // ---- lists of the parameters: scopes (A-1) and clusters (B-2) --------------------------------------------------

    /// <summary>The new-generation-IT project scopes of A-1 (<c>demonstration.scopes</c>), in the plan's wording (task 4).</summary>
    public static IReadOnlyList<Term> Scopes { get; } =
    [
        new("smart_factory_demo", "智能制造示范工厂", "Smart-manufacturing demonstration factory", []),
        new("industrial_internet_benchmark", "工业互联网标杆工厂", "Industrial-internet benchmark factory", []),
        new("scenario_5g", "“5G+工业互联网”融合应用场景", "5G + industrial-internet application scenario", ["5G融合应用场景"]),
        new("service_transformation", "服务化改造升级标杆", "Service-transformation benchmark", []),
        new("industrial_internet_infrastructure", "工业互联网等新型基础设施", "Industrial-internet and other new infrastructure", []),
        new("it_innovation", "信息技术应用创新", "IT application innovation", ["信创"]),
        new("data_productization", "数据产品化", "Data productization", []),
        new("new_it_renovation", "利用新一代信息技术实施技术改造", "Renovation with new-generation IT", []),
    ];

    /// <summary>The innovation-cluster directions of B-2 (<c>effective_investment.clusters</c>).</summary>
    public static IReadOnlyList<Term> Clusters { get; } =
    [
        new("advanced_materials", "先进材料", "Advanced materials", []),
        new("electronic_information", "电子信息", "Electronic information", []),
        new("equipment_manufacturing", "装备制造", "Equipment manufacturing", ["高端装备制造"]),
        new("biomedicine", "生物医药", "Biomedicine", []),
    ];

    /// <summary>The twelve tasks of plan §二 (计划任务 1–12), task n at index n − 1.</summary>
    public static IReadOnlyList<string> Tasks { get; } =
    [
        "落后低效设备替代", "高端先进设备", "试验检测设备", "重大示范项目", "智能制造装备", "数字基础设施",
        "智能工厂", "生产设备绿色化改造", "重点用能设备能效升级", "固废处理和节水设备", "石油化工老旧装置安全改造", "先进适用安全装备",
    ];

    private static readonly FrozenDictionary<string, Term> ListTerms =
        Scopes.Concat(Clusters).Concat(Kinds.Terms).Concat(Statuses.Terms).Concat(Categories.Terms).Concat(Levels.Terms).Concat(Schemes.Terms)
            .ToFrozenDictionary(t => t.Code, StringComparer.Ordinal);

    /// <summary>
    /// Chinese label of an identifier as parameter values hold it — a scope, a cluster, or a kind, category, level or
    /// scheme (<c>loan.project_kinds</c> = new, expansion, renovation); an identifier the pack does not know is returned as it is.
    /// </summary>
    public static string Label(string code) => ListTerms.TryGetValue(code, out var t) ? t.Label : code;

    /// <summary>The word of an identifier (scope, cluster, kind, status, category, level, scheme), or null.</summary>
    public static Term? Find(string code) => ListTerms.GetValueOrDefault(code);

    /// <summary>Label of plan task <paramref name="task"/> (1–12): “1 落后低效设备替代”.</summary>
    public static string TaskLabel(int task) =>
        task is >= 1 and <= 12 ? string.Create(CultureInfo.InvariantCulture, $"{task} {Tasks[task - 1]}") : task.ToString(CultureInfo.InvariantCulture);

    /// <summary>A scope or cluster as people type it (identifier in any case, Chinese label, synonym), among <paramref name="terms"/>; null when none matches.</summary>
    public static string? ParseListItem(string? text, IEnumerable<Term> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var key = Key(text);
        if (key.Length == 0) return null;
        foreach (var t in terms)
        {
            if (Key(t.Code) == key || Key(t.Label) == key || t.Synonyms.Any(s => Key(s) == key)) return t.Code;
        }
        return null;
    }

    /// <summary>A plan task as people type it: its number 1–12 (full-width too) or its name; null otherwise.</summary>
    public static int? ParseTask(string? text)
    {
        var key = Key(text);
        if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n is >= 1 and <= 12 ? n : null;
        for (var i = 0; i < Tasks.Count; i++)
        {
            if (Key(Tasks[i]) == key) return i + 1;
        }
        return null;
    }

    // ---- equipment types (the catalogue's ids and names) ----------------------------------------------------------

    /// <summary>Chinese name of an equipment type id of the catalogue (<c>machine_tool</c> → 金属切削机床); an unknown id as it is.</summary>
    public static string EquipmentType(string id) => EquipmentCatalogue.Default.FindType(id)?.Name ?? id;

    /// <summary>An equipment type as people type it: its id (any case) or its Chinese name; other text is kept as typed.</summary>
    public static string ParseEquipmentType(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = Key(text);
        foreach (var t in EquipmentCatalogue.Default.Types)
        {
            if (Key(t.Id) == key || Key(t.Name) == key) return t.Id;
        }
        return text;
    }

    /// <summary>
    /// Free text (an engine trace step) with the scope, cluster and equipment-type identifiers in it said in words:
    /// “项目属于产业创新集群方向（equipment_manufacturing）” → “…（装备制造）”. The words of kinds and levels
    /// (new, central) are common English words and are left alone.
    /// </summary>
    public static string InText(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(c => c is >= 'a' and <= 'z')) return text ?? "";
        return TextCode.Value.Replace(text, m => ListTerms.TryGetValue(m.Value, out var t) ? t.Label : EquipmentType(m.Value));
    }

    private static readonly Lazy<System.Text.RegularExpressions.Regex> TextCode = new(() => new(
        @"(?<![A-Za-z0-9_.])(?:" + string.Join("|", Scopes.Concat(Clusters).Select(t => t.Code)
            .Concat(EquipmentCatalogue.Default.Types.Select(t => t.Id)).OrderByDescending(c => c.Length).Select(System.Text.RegularExpressions.Regex.Escape))
        + @")(?![A-Za-z0-9_])", System.Text.RegularExpressions.RegexOptions.CultureInvariant));

    // ---- every code, for the checks that no page shows one ------------------------------------------------------

    /// <summary>Every identifier of the vocabulary (enumerations, scopes, clusters, equipment types and industries of the catalogue).</summary>
    public static IEnumerable<string> AllCodes =>
        Kinds.Codes.Concat(Statuses.Codes).Concat(Categories.Codes).Concat(Levels.Codes).Concat(Schemes.Codes)
            .Concat(Scopes.Select(t => t.Code)).Concat(Clusters.Select(t => t.Code))
            .Concat(EquipmentCatalogue.Default.Types.Select(t => t.Id)).Concat(EquipmentCatalogue.Default.Industries.Select(i => i.Id))
            .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The comparison form of typed text: NFKC (full-width to ASCII), blanks, zero-width characters and quotes
    /// removed, lower case.
    /// </summary>
    internal static string Key(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var folded = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format) continue;
            if (c is '"' or '\'' or '“' or '”' or '‘' or '’' or '「' or '」') continue;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>The words of one enumeration: every value has exactly one term.</summary>
    private sealed class Table<T> where T : struct, Enum
    {
        private readonly FrozenDictionary<T, Term> _terms;
        private readonly FrozenDictionary<string, T> _byKey;
        private readonly FrozenDictionary<string, T> _byCode;

        public Table(params (T Value, Term Term)[] entries)
        {
            if (entries.Length != Enum.GetValues<T>().Length) throw new InvalidOperationException($"the vocabulary of {typeof(T).Name} misses a value");
            _terms = entries.ToFrozenDictionary(e => e.Value, e => e.Term);
            var byKey = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var (value, term) in entries)
            {
                foreach (var spelling in new[] { term.Code, term.Label }.Concat(term.Synonyms))
                {
                    if (!byKey.TryAdd(Key(spelling), value) && !byKey[Key(spelling)].Equals(value))
                        throw new InvalidOperationException($"“{spelling}” names two values of {typeof(T).Name}");
                }
            }
            _byKey = byKey.ToFrozenDictionary(StringComparer.Ordinal);
            _byCode = entries.ToFrozenDictionary(e => e.Term.Code, e => e.Value, StringComparer.Ordinal);
            Choices = string.Join("、", entries.Select(e => e.Term.Label));
        }

        public string Choices { get; }

        public IEnumerable<string> Codes => _terms.Values.Select(t => t.Code);

        public IEnumerable<Term> Terms => _terms.Values;

        public Term Term(T value) => _terms.TryGetValue(value, out var t) ? t : throw new ArgumentOutOfRangeException(nameof(value), value, null);

        public bool TryParse(string? text, out T value) => _byKey.TryGetValue(Key(text), out value);

        public bool TryParseCode(string? text, out T value)
        {
            value = default;
            return text is not null && _byCode.TryGetValue(text, out value);
        }
    }
}
