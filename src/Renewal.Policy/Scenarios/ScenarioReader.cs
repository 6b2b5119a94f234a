using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Renewal.Policy.Scenarios;

/// <summary>
/// Reads scenario files (SCENARIOS.md) strictly: unknown keys, bad dates, invalid credit codes, negative or
/// over-precise money, digital &gt; equipment, dangling ids are errors naming the scenario, entity, field and line.
/// YAML, or JSON of the same shape.
/// </summary>
public sealed class ScenarioReader
{
    private static readonly string[] RootKeys = ["scenarios"];
    private static readonly string[] ScenarioKeys = ["name", "year", "parameters", "revisions", "known_on", "enterprises", "projects", "loans", "expect"];
    private static readonly string[] EnterpriseKeys = ["id", "credit_code", "name", "area", "industry_code"];
    private static readonly string[] ProjectKeys = ["id", "enterprise", "name", "kind", "status", "completed_on", "tasks", "clusters",
        "safety_renovation", "digital_scopes", "investment", "prior_awards"];
    private static readonly string[] InvestmentKeys = ["equipment", "digital"];
    private static readonly string[] PriorAwardKeys = ["scheme", "year", "amount"];
    private static readonly string[] LoanKeys = ["id", "enterprise", "project", "category", "principal", "rate", "issued_on", "matures_on",
        "equipment_amount", "via_suzhou_platform", "approvals", "repayments"];
    private static readonly string[] RepaymentKeys = ["date", "amount"];
    private static readonly string[] ExpectKeys = ["awards"];
    private static readonly string[] ExpectLineKeys = ["scheme", "enterprise", "project", "loan", "level", "amount"];

    private readonly ParameterStore _parameters;
    private readonly FrozenSet<string> _areas;
    private readonly FrozenSet<string> _clusters;
    private readonly FrozenSet<string> _scopes;
    private readonly Func<string, string>? _readRevision;
    private readonly Dictionary<string, Revision> _revisions = new(StringComparer.Ordinal);

    /// <param name="parameters">Used to check parameter overrides and the vocabularies of clusters and scopes.</param>
    /// <param name="areas">The configured 区镇; default: the twelve of POLICY.md.</param>
    public ScenarioReader(ParameterStore parameters, IEnumerable<string>? areas = null)
        : this(parameters, areas, null)
    {
    }

    /// <param name="parameters">Used to check parameter overrides, revisions and the vocabularies of clusters and scopes.</param>
    /// <param name="areas">The configured 区镇; default: the twelve of POLICY.md.</param>
    /// <param name="readRevision">
    /// Reads the text of a revision file a scenario names in <c>revisions:</c>, given its path (relative paths are taken
    /// relative to the scenario file's directory before the call). Null: a scenario that names revisions is an error.
    /// The reader itself does no I/O.
    /// </param>
    public ScenarioReader(ParameterStore parameters, IEnumerable<string>? areas, Func<string, string>? readRevision)
    {
        _readRevision = readRevision;
        _parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _areas = (areas ?? Codes.DefaultAreas).ToFrozenSet(StringComparer.Ordinal);
        _clusters = Vocabulary(parameters, "effective_investment.clusters");
        _scopes = Vocabulary(parameters, "demonstration.scopes");
    }

    /// <summary>Every identifier any dated value of a list parameter has ever contained.</summary>
    private static FrozenSet<string> Vocabulary(ParameterStore store, string name) =>
        (store.Find(name)?.Values ?? []).SelectMany(v => (ImmutableArray<string>)v.Value).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Reads every scenario of a file.</summary>
    /// <exception cref="ScenarioFormatException">Every problem found, each with its line.</exception>
    public IReadOnlyList<Scenario> Read(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ctx = new Context(fileName);
        var yaml = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ScenarioFormatException([new ScenarioError(fileName, (int)e.Start.Line, null, null, null, $"YAML/JSON 语法错误：{e.Message}")]);
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new ScenarioFormatException([new ScenarioError(fileName, 1, null, null, null, "文件应以 scenarios: 列表开始")]);

        ctx.Keys(root, RootKeys);
        var result = new List<Scenario>();
        if (Child(root, "scenarios") is not YamlSequenceNode list)
        {
            ctx.Error(root, "scenarios", "缺少 scenarios 列表");
        }
        else
        {
            var n = 0;
            foreach (var node in list.Children)
            {
                n++;
                ctx.Scenario = $"#{n}";
                ctx.Entity = null;
                if (node is not YamlMappingNode map) { ctx.Error(node, null, "每个场景应为映射"); continue; }
                var s = ReadScenario(map, ctx);
                if (s is not null) result.Add(s);
            }
        }
        if (ctx.Errors.Count > 0) throw new ScenarioFormatException(ctx.Errors);
        return result;
    }

    /// <summary>The <c>revisions:</c> list: each file read once per reader, validated (V-1), in the order given.</summary>
    private ImmutableArray<Revision> ReadRevisions(YamlMappingNode map, Context ctx)
    {
        if (Child(map, "revisions") is not { } node) return [];
        if (node is not YamlSequenceNode seq) { ctx.Error(node, "revisions", "应为修订文件路径的列表，如 [js-2024-08.yaml]"); return []; }
        var result = ImmutableArray.CreateBuilder<Revision>();
        foreach (var item in seq.Children)
        {
            var path = (item as YamlScalarNode)?.Value;
            if (string.IsNullOrWhiteSpace(path)) { ctx.Error(item, "revisions", "应为修订文件的路径"); continue; }
            var full = Path.IsPathRooted(path) ? path : Path.Combine(Path.GetDirectoryName(ctx.File) ?? "", path);
            if (!_revisions.TryGetValue(full, out var revision))
            {
                if (_readRevision is null) { ctx.Error(item, "revisions", $"无法读取修订文件“{path}”：未提供读取修订文件的方式"); continue; }
                string text;
                try { text = _readRevision(full); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    ctx.Error(item, "revisions", $"找不到或无法读取修订文件“{path}”（{full}）");
                    continue;
                }
                try { revision = RevisionReader.Read(text, full, _parameters) with { File = path }; }
                catch (RevisionFormatException e)
                {
                    foreach (var err in e.Errors) ctx.Errors.Add(ScenarioErrorOf(err, ctx.Scenario));
                    continue;
                }
                _revisions[full] = revision;
            }
            if (result.Any(r => r.Id == revision.Id)) { ctx.Error(item, "revisions", $"修订 {revision.Id} 重复"); continue; }
            result.Add(revision);
        }
        return result.ToImmutable();
    }

    /// <summary>A revision's error in a scenario file's list: the revision file's line, revision, parameter and field.</summary>
    internal static ScenarioError ScenarioErrorOf(RevisionError e, string? scenario)
    {
        var entity = string.Join(" ", new[] { e.Revision is null ? null : $"修订 {e.Revision}", e.Parameter is null ? null : $"参数 {e.Parameter}" }.Where(x => x is not null));
        return new ScenarioError(e.File, e.Line, scenario, entity.Length == 0 ? "修订" : entity, e.Field, e.Message);
    }

    private Scenario? ReadScenario(YamlMappingNode map, Context ctx)
    {
        var before = ctx.Errors.Count;
        var name = ctx.String(map, "name", required: false) ?? "";
        if (name.Length > 0) ctx.Scenario = name;
        ctx.Keys(map, ScenarioKeys);
        var year = ctx.Int(map, "year", required: true, min: 2000, max: 2100) ?? 0;

        // Parameters: checked against the store now, so a typo fails here, not silently later.
        var overrides = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        if (Child(map, "parameters") is { } pnode)
        {
            if (pnode is not YamlMappingNode pmap) ctx.Error(pnode, "parameters", "应为“参数名: 值”的映射");
            else
            {
                foreach (var (k, v) in pmap.Children)
                {
                    var key = ((YamlScalarNode)k).Value ?? "";
                    string value;
                    try
                    {
                        value = _parameters.Find(key)?.Type == ParameterType.Caps && v is YamlSequenceNode capsNode
                            ? CapRow.ToText(CapRow.ParseNode(key, capsNode))
                            : v switch
                    {
                        YamlScalarNode sc => sc.Value ?? "",
                        YamlSequenceNode seq => string.Join(',', seq.Children.OfType<YamlScalarNode>().Select(c => c.Value)),
                        _ => "",
                    };
                    }
                    catch (ParameterException e)
                    {
                        ctx.Error(k, $"parameters.{key}", e.Message);
                        continue;
                    }
                    try
                    {
                        _parameters.WithOverrides([new(key, value)], "scenario");
                        overrides.Add(new(key, value));
                    }
                    catch (ParameterException e)
                    {
                        ctx.Error(k, $"parameters.{key}", e.Message);
                    }
                }
            }
        }
        var revisions = ReadRevisions(map, ctx);
        var knownOn = ctx.Date(map, "known_on", required: false);
        var clusters = _clusters;
        var scopes = _scopes;
        foreach (var (k, v) in overrides)
        {
            if (k == "effective_investment.clusters") clusters = clusters.Union(v.Split(',', StringSplitOptions.TrimEntries)).ToFrozenSet(StringComparer.Ordinal);
            if (k == "demonstration.scopes") scopes = scopes.Union(v.Split(',', StringSplitOptions.TrimEntries)).ToFrozenSet(StringComparer.Ordinal);
        }

        var enterprises = ImmutableArray.CreateBuilder<Enterprise>();
        var enterpriseIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in ctx.Sequence(map, "enterprises"))
        {
            var id = ctx.Id(e, "企业", enterpriseIds);
            ctx.Keys(e, EnterpriseKeys);
            var code = ctx.String(e, "credit_code", required: true);
            if (code is not null && CreditCode.Problem(code) is { } problem) ctx.Error(Child(e, "credit_code")!, "credit_code", problem);
            var ename = ctx.String(e, "name", required: true) ?? "";
            var area = ctx.String(e, "area", required: true);
            if (area is not null && !_areas.Contains(area))
                ctx.Error(Child(e, "area")!, "area", $"“{area}”不是已配置的区镇（{string.Join("、", _areas)}）");
            var industryText = ctx.String(e, "industry_code", required: true);
            var industry = default(IndustryCode);
            if (industryText is not null && !IndustryCode.TryParse(industryText, out industry, out var ip))
                ctx.Error(Child(e, "industry_code")!, "industry_code", ip!);
            if (id is not null) enterprises.Add(new Enterprise(id, code ?? "", ename, area ?? "", industry));
        }

        var projects = ImmutableArray.CreateBuilder<Project>();
        var projectOwner = new Dictionary<string, string>(StringComparer.Ordinal);
        var projectIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in ctx.Sequence(map, "projects"))
        {
            var id = ctx.Id(p, "项目", projectIds);
            ctx.Keys(p, ProjectKeys);
            var owner = ctx.Reference(p, "enterprise", enterpriseIds, "企业");
            var pname = ctx.String(p, "name", required: false) ?? "";
            var kind = ctx.Enum<ProjectKind>(p, "kind", Codes.TryParse, "new、expansion、renovation");
            var status = ctx.Enum<ProjectStatus>(p, "status", Codes.TryParse, "planned、in_progress、completed");
            var completedOn = ctx.Date(p, "completed_on", required: false);
            if (status == ProjectStatus.Completed && completedOn is null && Child(p, "completed_on") is null)
                ctx.Error(p, "completed_on", "状态为 completed（竣工）时必须填写竣工日期");
            var tasks = ctx.IntList(p, "tasks", 1, 12);
            var pclusters = ctx.Vocabulary(p, "clusters", clusters, "产业创新集群方向");
            var safety = ctx.Bool(p, "safety_renovation") ?? false;
            var pscopes = ctx.Vocabulary(p, "digital_scopes", scopes, "新一代信息技术改造类型");
            var investment = ReadInvestment(p, ctx);
            var prior = ReadPriorAwards(p, year, ctx);
            // A project with an error elsewhere is still known, so loans that name it get no second, cascading error.
            if (id is not null) projectOwner[id] = owner ?? "";
            if (id is null || owner is null || kind is null || status is null) continue;
            projects.Add(new Project
            {
                Id = id, EnterpriseId = owner, Name = pname, Kind = kind.Value, Status = status.Value, CompletedOn = completedOn,
                Tasks = tasks, Clusters = pclusters, SafetyRenovation = safety, DigitalScopes = pscopes,
                Investment = investment, PriorAwards = prior,
            });
        }

        var loans = ImmutableArray.CreateBuilder<Loan>();
        var loanIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in ctx.Sequence(map, "loans"))
        {
            var loan = ReadLoan(l, ctx, loanIds, enterpriseIds, projectOwner);
            if (loan is not null) loans.Add(loan);
        }

        var expect = Child(map, "expect") is null ? (ImmutableArray<ExpectedAward>?)null
            : ReadExpect(map, ctx, enterpriseIds, projectIds, loanIds);

        if (ctx.Errors.Count > before) return null;
        return new Scenario
        {
            Name = name, Year = year, Parameters = overrides.ToImmutable(), Revisions = revisions, KnownOn = knownOn,
            Enterprises = enterprises.ToImmutable(), Projects = projects.ToImmutable(), Loans = loans.ToImmutable(), Expect = expect,
        };
    }

    private static ImmutableArray<YearInvestment> ReadInvestment(YamlMappingNode p, Context ctx)
    {
        var result = ImmutableArray.CreateBuilder<YearInvestment>();
        if (Child(p, "investment") is not { } node) return [];
        if (node is not YamlMappingNode map) { ctx.Error(node, "investment", "应为“年份: {equipment, digital}”的映射"); return []; }
        foreach (var (k, v) in map.Children)
        {
            var yearText = ((YamlScalarNode)k).Value;
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 2000 || y > 2100)
            { ctx.Error(k, "investment", $"年份“{yearText}”应为 2000–2100 之间的整数"); continue; }
            if (v is not YamlMappingNode yv) { ctx.Error(v, $"investment.{y}", "应为 {equipment, digital}"); continue; }
            ctx.Keys(yv, InvestmentKeys, $"investment.{y}.");
            var eq = ctx.Money(yv, "equipment", required: true, $"investment.{y}.equipment");
            var dg = ctx.Money(yv, "digital", required: false, $"investment.{y}.digital") ?? Money.Zero;
            if (eq is { } e && dg > e)
                ctx.Error(yv, $"investment.{y}.digital", $"智能化数字化投入 {dg} 不能大于同年设备投资 {e}（数字化投入是设备投资的一部分）");
            if (result.Any(r => r.Year == y)) { ctx.Error(k, "investment", $"年份 {y} 重复"); continue; }
            result.Add(new YearInvestment(y, eq ?? Money.Zero, dg));
        }
        return [.. result.OrderBy(r => r.Year)];
    }

    private static ImmutableArray<PriorAward> ReadPriorAwards(YamlMappingNode p, int year, Context ctx)
    {
        var result = ImmutableArray.CreateBuilder<PriorAward>();
        foreach (var a in ctx.Sequence(p, "prior_awards"))
        {
            ctx.Keys(a, PriorAwardKeys, "prior_awards.");
            var scheme = ctx.Enum<Scheme>(a, "scheme", Codes.TryParse, "demonstration、effective_investment、tech_renovation、loan_interest", "prior_awards.scheme");
            var y = ctx.Int(a, "year", required: true, min: 2000, max: 2100, "prior_awards.year");
            if (y >= year && year > 0) ctx.Error(Child(a, "year")!, "prior_awards.year", $"以前年度奖励的年份 {y} 应早于评估年度 {year}");
            var amount = ctx.Money(a, "amount", required: true, "prior_awards.amount");
            if (scheme is not null && y is not null && amount is not null) result.Add(new PriorAward(scheme.Value, y.Value, amount.Value));
        }
        return result.ToImmutable();
    }

    private static Loan? ReadLoan(YamlMappingNode l, Context ctx, HashSet<string> loanIds, HashSet<string> enterpriseIds, Dictionary<string, string> projectOwner)
    {
        var id = ctx.Id(l, "贷款", loanIds);
        ctx.Keys(l, LoanKeys);
        var owner = ctx.Reference(l, "enterprise", enterpriseIds, "企业");
        var project = ctx.String(l, "project", required: true);
        if (project is not null)
        {
            if (!projectOwner.TryGetValue(project, out var po)) ctx.Error(Child(l, "project")!, "project", $"引用的项目“{project}”不存在");
            else if (owner is not null && po.Length > 0 && po != owner) ctx.Error(Child(l, "project")!, "project", $"项目“{project}”属于企业“{po}”，不属于贷款企业“{owner}”");
        }
        var category = ctx.Enum<LoanCategory>(l, "category", Codes.TryParse, "innovation_carrier、digital_transformation、industrial_upgrade、equipment_renewal");
        var principal = ctx.Money(l, "principal", required: true);
        if (principal is { } pr && pr.Yuan == 0) ctx.Error(Child(l, "principal")!, "principal", "贷款本金应大于 0");
        var rate = ctx.Decimal(l, "rate", required: true);
        if (rate is { } r && (r <= 0 || r >= 0.24m)) ctx.Error(Child(l, "rate")!, "rate", $"年利率 {r} 应在 0 到 0.24 之间（小数，如 0.0345 表示 3.45%）");
        var issued = ctx.Date(l, "issued_on", required: true);
        var matures = ctx.Date(l, "matures_on", required: true);
        if (issued is { } i0 && matures is { } m0 && i0 >= m0) ctx.Error(Child(l, "matures_on")!, "matures_on", $"到期日 {m0:yyyy-MM-dd} 应晚于放款日 {i0:yyyy-MM-dd}");
        var equipment = ctx.Money(l, "equipment_amount", required: true);
        var platform = ctx.Bool(l, "via_suzhou_platform") ?? false;

        ImmutableArray<Level>? approvals = null;
        if (Child(l, "approvals") is { } an)
        {
            var list = ImmutableArray.CreateBuilder<Level>();
            if (an is not YamlSequenceNode seq) ctx.Error(an, "approvals", "应为层级列表，如 [province, kunshan]");
            else
            {
                foreach (var item in seq.Children)
                {
                    var t = (item as YamlScalarNode)?.Value;
                    if (!Codes.TryParse(t, out Level lv)) ctx.Error(item, "approvals", $"“{t}”不是贴息层级（central、province、suzhou、kunshan）");
                    else if (list.Contains(lv)) ctx.Error(item, "approvals", $"层级 {t} 重复");
                    else list.Add(lv);
                }
            }
            approvals = list.ToImmutable();
        }

        var repayments = ImmutableArray.CreateBuilder<Repayment>();
        var repaid = Money.Zero;
        foreach (var rp in ctx.Sequence(l, "repayments"))
        {
            ctx.Keys(rp, RepaymentKeys, "repayments.");
            var date = ctx.Date(rp, "date", required: true, "repayments.date");
            var amount = ctx.Money(rp, "amount", required: true, "repayments.amount");
            if (date is { } d && issued is { } iss && matures is { } mat && iss < mat && (d <= iss || d > mat))
                ctx.Error(Child(rp, "date")!, "repayments.date", $"还款日 {d:yyyy-MM-dd} 应在贷款期限内（晚于放款日 {iss:yyyy-MM-dd}，不晚于到期日 {mat:yyyy-MM-dd}）");
            if (date is not null && amount is not null)
            {
                repaid += amount.Value;
                repayments.Add(new Repayment(date.Value, amount.Value));
            }
        }
        if (principal is { } p2 && repaid > p2)
            ctx.Error(l, "repayments", $"还款合计 {repaid} 超过贷款本金 {p2}");

        if (id is null || owner is null || project is null || category is null || principal is null || rate is null
            || issued is null || matures is null || equipment is null) return null;
        return new Loan
        {
            Id = id, EnterpriseId = owner, ProjectId = project, Category = category.Value, Principal = principal.Value,
            Rate = new Rate(rate.Value), IssuedOn = issued.Value, MaturesOn = matures.Value, EquipmentAmount = equipment.Value,
            ViaSuzhouPlatform = platform, Approvals = approvals, Repayments = [.. repayments.OrderBy(x => x.Date)],
        };
    }

    private static ImmutableArray<ExpectedAward> ReadExpect(YamlMappingNode map, Context ctx, HashSet<string> enterprises, HashSet<string> projects, HashSet<string> loans)
    {
        ctx.Entity = null;
        var node = Child(map, "expect")!;
        if (node is not YamlMappingNode em) { ctx.Error(node, "expect", "应为 {awards: [...]}"); return []; }
        ctx.Keys(em, ExpectKeys, "expect.");
        var result = ImmutableArray.CreateBuilder<ExpectedAward>();
        foreach (var a in ctx.Sequence(em, "awards", "expect.awards"))
        {
            ctx.Keys(a, ExpectLineKeys, "expect.awards.");
            var scheme = ctx.Enum<Scheme>(a, "scheme", Codes.TryParse, "demonstration、effective_investment、tech_renovation、loan_interest", "expect.awards.scheme");
            var e = ctx.String(a, "enterprise", required: false, "expect.awards.enterprise");
            var p = ctx.String(a, "project", required: false, "expect.awards.project");
            var l = ctx.String(a, "loan", required: false, "expect.awards.loan");
            var levelText = ctx.String(a, "level", required: false, "expect.awards.level");
            Level? level = null;
            if (levelText is not null)
            {
                if (Codes.TryParse(levelText, out Level lv)) level = lv;
                else ctx.Error(Child(a, "level")!, "expect.awards.level", $"“{levelText}”不是贴息层级");
            }
            var amount = ctx.Money(a, "amount", required: true, "expect.awards.amount");
            if (e is not null && !enterprises.Contains(e)) ctx.Error(Child(a, "enterprise")!, "expect.awards.enterprise", $"企业“{e}”不存在");
            if (p is not null && !projects.Contains(p)) ctx.Error(Child(a, "project")!, "expect.awards.project", $"项目“{p}”不存在");
            if (l is not null && !loans.Contains(l)) ctx.Error(Child(a, "loan")!, "expect.awards.loan", $"贷款“{l}”不存在");
            var ok = scheme switch
            {
                Scheme.Demonstration or Scheme.EffectiveInvestment => p is not null,
                Scheme.TechRenovation => e is not null,
                Scheme.LoanInterest => l is not null && level is not null,
                _ => true,
            };
            if (!ok && scheme is not null)
                ctx.Error(a, "expect.awards", scheme switch
                {
                    Scheme.TechRenovation => "技改综合奖补应指明 enterprise",
                    Scheme.LoanInterest => "贷款贴息应指明 loan 和 level",
                    _ => "示范项目奖励与有效投入奖补应指明 project",
                });
            if (scheme is not null && amount is not null && ok)
                result.Add(new ExpectedAward(scheme.Value, e, p, l, level, amount.Value, (int)a.Start.Line));
        }
        return result.ToImmutable();
    }

    internal static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var n) ? n : null;

    /// <summary>Error collection and typed field readers; every error names scenario, entity and field.</summary>
    private sealed class Context(string file)
    {
        public string File => file;
        public List<ScenarioError> Errors { get; } = [];
        public string? Scenario { get; set; }
        public string? Entity { get; set; }

        public void Error(YamlNode node, string? field, string message) =>
            Errors.Add(new ScenarioError(file, (int)node.Start.Line, Scenario, Entity, field, message));

        public void Keys(YamlMappingNode map, string[] allowed, string prefix = "")
        {
            foreach (var k in map.Children.Keys)
            {
                var key = (k as YamlScalarNode)?.Value ?? "";
                if (Array.IndexOf(allowed, key) < 0)
                    Error(k, prefix + key, $"未知字段“{prefix}{key}”（允许：{string.Join(", ", allowed)}）");
            }
        }

        public IEnumerable<YamlMappingNode> Sequence(YamlMappingNode map, string key, string? field = null)
        {
            var node = Child(map, key);
            if (node is null || node is YamlScalarNode { Value: null or "" or "~" or "null" }) yield break;
            if (node is not YamlSequenceNode seq) { Error(node, field ?? key, "应为列表"); yield break; }
            foreach (var item in seq.Children)
            {
                if (item is YamlMappingNode m) yield return m;
                else Error(item, field ?? key, "列表项应为映射");
            }
        }

        public string? Id(YamlMappingNode map, string kind, HashSet<string> seen)
        {
            Entity = kind;
            var id = String(map, "id", required: true);
            if (id is null) return null;
            Entity = $"{kind} {id}";
            if (!seen.Add(id)) { Error(Child(map, "id")!, "id", $"{kind}编号“{id}”在本场景中重复"); return null; }
            return id;
        }

        public string? Reference(YamlMappingNode map, string key, HashSet<string> ids, string kind)
        {
            var v = String(map, key, required: true);
            if (v is not null && !ids.Contains(v)) { Error(Child(map, key)!, key, $"引用的{kind}“{v}”不存在"); return null; }
            return v;
        }

        private YamlScalarNode? Scalar(YamlMappingNode map, string key, bool required, string field)
        {
            var node = Child(map, key);
            if (node is null || IsNull(node))
            {
                if (required) Error(node ?? map, field, "缺少必填字段");
                return null;
            }
            if (node is not YamlScalarNode s) { Error(node, field, "应为单个值"); return null; }
            return s;
        }

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" };

        public string? String(YamlMappingNode map, string key, bool required, string? field = null)
        {
            var s = Scalar(map, key, required, field ?? key);
            if (s is null) return null;
            var v = s.Value ?? "";
            if (required && v.Length == 0) { Error(s, field ?? key, "不能为空"); return null; }
            return v;
        }

        public int? Int(YamlMappingNode map, string key, bool required, int min, int max, string? field = null)
        {
            var s = Scalar(map, key, required, field ?? key);
            if (s is null) return null;
            if (!int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            { Error(s, field ?? key, $"“{s.Value}”应为 {min}–{max} 之间的整数"); return null; }
            return v;
        }

        public decimal? Decimal(YamlMappingNode map, string key, bool required, string? field = null)
        {
            var s = Scalar(map, key, required, field ?? key);
            if (s is null) return null;
            if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
                || !decimal.TryParse(s.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var v))
            { Error(s, field ?? key, $"“{s.Value}”不是数字"); return null; }
            return v;
        }

        public Money? Money(YamlMappingNode map, string key, bool required, string? field = null)
        {
            var d = Decimal(map, key, required, field);
            if (d is not { } v) return null;
            var node = Child(map, key)!;
            if (v < 0) { Error(node, field ?? key, $"金额不能为负数：{v}"); return null; }
            if (decimal.Round(v, 2) != v) { Error(node, field ?? key, $"金额最多两位小数（到分）：{v}"); return null; }
            return new Money(v);
        }

        public bool? Bool(YamlMappingNode map, string key)
        {
            var s = Scalar(map, key, required: false, key);
            if (s is null) return null;
            return s.Value switch
            {
                "true" or "True" or "TRUE" => true,
                "false" or "False" or "FALSE" => false,
                _ => Fail(s, key),
            };

            bool? Fail(YamlNode n, string f) { Error(n, f, $"“{s.Value}”应为 true 或 false"); return null; }
        }

        public DateOnly? Date(YamlMappingNode map, string key, bool required, string? field = null)
        {
            var s = Scalar(map, key, required, field ?? key);
            if (s is null) return null;
            if (!DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            { Error(s, field ?? key, $"“{s.Value}”不是有效日期（yyyy-MM-dd）"); return null; }
            return d;
        }

        public delegate bool Parser<T>(string? text, out T value);

        public T? Enum<T>(YamlMappingNode map, string key, Parser<T> parse, string allowed, string? field = null) where T : struct
        {
            var v = String(map, key, required: true, field);
            if (v is null) return null;
            if (!parse(v, out var value)) { Error(Child(map, key)!, field ?? key, $"“{v}”不是允许的值（{allowed}）"); return null; }
            return value;
        }

        public ImmutableArray<int> IntList(YamlMappingNode map, string key, int min, int max)
        {
            var node = Child(map, key);
            if (node is null) return [];
            if (node is not YamlSequenceNode seq) { Error(node, key, "应为列表"); return []; }
            var result = ImmutableArray.CreateBuilder<int>();
            foreach (var item in seq.Children)
            {
                var t = (item as YamlScalarNode)?.Value;
                if (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                    Error(item, key, $"“{t}”应为 {min}–{max} 之间的整数");
                else result.Add(v);
            }
            return result.ToImmutable();
        }

        private static bool IsIdentifier(string t) =>
            t.Length > 0 && t.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

        public ImmutableArray<string> Vocabulary(YamlMappingNode map, string key, FrozenSet<string> known, string what)
        {
            var node = Child(map, key);
            if (node is null) return [];
            if (node is not YamlSequenceNode seq) { Error(node, key, "应为列表"); return []; }
            var result = ImmutableArray.CreateBuilder<string>();
            foreach (var item in seq.Children)
            {
                // The lists are extendable parameters (the seed says 等): an identifier outside today's list is data that
                // simply does not qualify (A-1, B-2 say so in the trace); only a malformed identifier is an error.
                var t = (item as YamlScalarNode)?.Value ?? "";
                if (!IsIdentifier(t))
                    Error(item, key, $"“{t}”不是有效的{what}标识（小写字母、数字和下划线，如 {string.Join("、", known.Order(StringComparer.Ordinal).Take(3))}）");
                else result.Add(t);
            }
            return result.ToImmutable();
        }
    }
}
