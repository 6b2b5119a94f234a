using System.Globalization;
using System.Text.Json;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Web.Features.Calls;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Audit;

/// <summary>One line of what an audit entry changed: the field in words, its value before (null: not there) and after.</summary>
public sealed record AuditChange(string Field, string? Before, string? After)
{
    /// <summary>“状态：已提交 → 区镇审核中”, “名称：甲公司”, as the xlsx writes it.</summary>
    public string Text => Before is null ? $"{Field}{Lang.T("：", ": ")}{After}"
        : After is null ? $"{Field}{Lang.T("：", ": ")}{Before} → {Lang.T("（无）", "(none)")}"
        : $"{Field}{Lang.T("：", ": ")}{Before} → {After}";
}

/// <summary>
/// An audit entry as a person reads it (issue 12 item 9): the action, the object and the before/after records said
/// field by field in words — the field names in Chinese where the object is known (申报, 批次, 修订, 账号, 项目, 贷款 …),
/// else the stored key beside 字段; the values as the other pages show them (money with two decimals, states and codes
/// in words, moments in Beijing time). The stored JSON stays as it is, for the hash chain; no page shows it raw.
/// </summary>
public static class AuditWords
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The object types of the log, in words (the filter's choices and the object column).</summary>
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> Entities = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["application"] = ("申报", "Application"),
        ["call"] = ("申报批次", "Call"),
        ["revision"] = ("规则修订", "Rule revision"),
        ["user"] = ("账号", "Account"),
        ["api_token"] = ("API 令牌", "API token"),
        ["project"] = ("项目", "Project"),
        ["loan"] = ("贷款", "Loan"),
        ["progress_report"] = ("季度进展", "Progress report"),
        ["library"] = ("项目库", "Project library"),
        ["objection"] = ("异议", "Objection"),
        ["material"] = ("申报材料", "Material"),
        ["enterprise"] = ("企业", "Enterprise"),
        ["simulation"] = ("政策模拟", "Simulation"),
        ["payment"] = ("拨付", "Payment"),
        ["payment_batch"] = ("拨付批次", "Payment batch"),
        ["notification"] = ("消息", "Message"),
        ["invitation"] = ("邀请码", "Invitation code"),
        ["financing"] = ("融资需求", "Financing need"),
        ["interest"] = ("银企对接", "Bank interest"),
        ["financing_match"] = ("银企对接", "Bank interest"),
        ["visit"] = ("走访记录", "Visit"),
        ["collected_project"] = ("征集项目", "Collected project"),
        ["benchmark_round"] = ("标杆遴选批次", "Benchmark round"),
        ["benchmark_nomination"] = ("标杆企业提名", "Benchmark nomination"),
        ["benchmark_score"] = ("标杆评分", "Benchmark score"),
        ["credit_record"] = ("信用与事故记录", "Blacklist or incident entry"),
        ["funding_record"] = ("已获其他资金支持", "Funded-elsewhere entry"),
        ["higher_programme"] = ("上级项目", "Higher programme"),
        ["upward_recommendation"] = ("向上争取推荐", "Upward recommendation"),
    };

    /// <summary>An object type in words; an unknown one as 对象 beside its stored name.</summary>
    public static string Entity(string entity) =>
        Entities.TryGetValue(entity ?? "", out var w) ? Lang.T(w.Zh, w.En) : Lang.T($"对象（{entity}）", $"object ({entity})");

    /// <summary>Actions the services store as English verbs, by object type, in words. Chinese actions are shown as they are.</summary>
    private static readonly Dictionary<(string Entity, string Action), (string Zh, string En)> Verbs = new()
    {
        [("application", "create")] = ("新建申报", "Application created"),
        [("application", "upload")] = ("上传申报材料", "Material uploaded"),
        [("call", "open")] = ("开设申报批次", "Call opened"),
        [("call", "close")] = ("提前截止申报批次", "Call closed early"),
        [("revision", "draft")] = ("起草规则修订", "Revision drafted"),
        [("revision", "update")] = ("修改规则修订草稿", "Revision draft changed"),
        [("revision", "discard")] = ("作废规则修订草稿", "Revision draft discarded"),
        [("revision", "publish")] = ("发布规则修订", "Revision published"),
        [("benchmark_round", "create")] = ("新建标杆遴选批次", "Benchmark round created"),
        [("benchmark_round", "update")] = ("修改标杆遴选批次", "Benchmark round changed"),
        [("benchmark_round", "open")] = ("公布遴选标准，开始提名", "Benchmark nominations opened"),
        [("benchmark_round", "close")] = ("截止提名，进入评审", "Benchmark nominations closed"),
        [("benchmark_round", "publish")] = ("公布标杆企业遴选结果", "Benchmark selection published"),
        [("benchmark_round", "withdraw")] = ("撤销标杆遴选批次", "Benchmark round withdrawn"),
    };

    private static readonly Dictionary<string, (string Zh, string En)> PlainVerbs = new(StringComparer.Ordinal)
    {
        ["create"] = ("新建", "Created"), ["open"] = ("开设", "Opened"), ["close"] = ("关闭", "Closed"), ["upload"] = ("上传", "Uploaded"),
        ["draft"] = ("起草", "Drafted"), ["update"] = ("修改", "Changed"), ["discard"] = ("作废", "Discarded"), ["publish"] = ("发布", "Published"),
        ["delete"] = ("删除", "Deleted"), ["import"] = ("导入", "Imported"), ["pay"] = ("拨付", "Paid"),
    };

    /// <summary>True when the stored action is a word already (any character outside ASCII).</summary>
    private static bool IsWords(string s) => s.Any(c => c > 127);

    /// <summary>The action in words: Chinese as stored; an English verb by its object; an unknown code as 操作 beside it.</summary>
    public static string Action(string entity, string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (IsWords(action)) return action;
        if (Verbs.TryGetValue((entity, action), out var v)) return Lang.T(v.Zh, v.En);
        if (PlainVerbs.TryGetValue(action, out var p))
            return string.IsNullOrEmpty(entity) ? Lang.T(p.Zh, p.En) : Lang.T(p.Zh + Entity(entity), $"{p.En} ({Entity(entity)})");
        return Lang.T($"操作（{action}）", $"action ({action})");
    }

    /// <summary>A field: its words in Chinese and English and how its value reads.</summary>
    private sealed record Field(string Zh, string En, Kind Kind = Kind.Plain);

    private enum Kind { Plain, Money, Rate, Bytes, State, Role, RevisionState, Moment, Hash }

    /// <summary>Field names shared by every object type (keys are compared lower-case, without underscores).</summary>
    private static readonly Dictionary<string, Field> Common = new(StringComparer.Ordinal)
    {
        ["number"] = new("申报编号", "Number"),
        ["scheme"] = new("政策", "Scheme"),
        ["year"] = new("年度", "Year"),
        ["state"] = new("状态", "State", Kind.State),
        ["status"] = new("状态", "Status"),
        ["title"] = new("名称", "Title"),
        ["name"] = new("名称", "Name"),
        ["code"] = new("编号", "Code"),
        ["source"] = new("来源", "Source"),
        ["note"] = new("备注", "Note"),
        ["comment"] = new("意见", "Comment"),
        ["reason"] = new("理由", "Reason"),
        ["version"] = new("版本", "Version"),
        ["amount"] = new("金额", "Amount", Kind.Money),
        ["submittedamount"] = new("申报金额", "Amount applied for", Kind.Money),
        ["approvedamount"] = new("批准金额", "Amount approved", Kind.Money),
        ["computedamount"] = new("测算金额", "Computed amount", Kind.Money),
        ["paidamount"] = new("拨付金额", "Amount paid", Kind.Money),
        ["paymentreference"] = new("拨付凭证号", "Payment reference"),
        ["paidon"] = new("拨付日期", "Paid on"),
        ["voucher"] = new("凭证号", "Voucher"),
        ["opinion"] = new("审核意见", "Opinion"),
        ["password"] = new("密码", "Password"),
        ["sha256"] = new("SHA-256", "SHA-256", Kind.Hash),
        ["hash"] = new("哈希", "Hash", Kind.Hash),
        ["contact"] = new("联系方式", "Contact"),
        ["phone"] = new("电话", "Phone"),
        ["email"] = new("电子邮箱", "E-mail"),
        ["area"] = new("区镇", "Area"),
        ["creditcode"] = new("统一社会信用代码", "Credit code"),
        ["enterprise"] = new("企业", "Enterprise"),
        ["bank"] = new("贷款银行", "Bank"),
        ["outcome"] = new("结果", "Outcome"),
        ["added"] = new("新增", "Added"),
        ["changed"] = new("变更", "Changed"),
        ["content"] = new("内容", "Content"),
        ["resolution"] = new("处理结果", "Resolution"),
    };

    /// <summary>Field names of one object type where they differ from <see cref="Common"/>.</summary>
    private static readonly Dictionary<string, Dictionary<string, Field>> ByEntity = new(StringComparer.Ordinal)
    {
        ["application"] = new(StringComparer.Ordinal)
        {
            ["material"] = new("材料", "Material"), ["version"] = new("材料版本", "Material version"), ["file"] = new("文件名", "File"),
            ["bytes"] = new("大小", "Size", Kind.Bytes),
            ["rule"] = new("核查规则", "Check"), ["entry"] = new("核查记录", "Entry"), ["text"] = new("核查结果", "Finding"),
        },
        ["credit_record"] = new(StringComparer.Ordinal)
        {
            ["enterprisename"] = new("企业名称", "Enterprise name"), ["kind"] = new("类别", "Kind"), ["on"] = new("列入或发生日期", "Listed or occurred on"),
            ["liftedon"] = new("移出日期", "Lifted on"), ["importfile"] = new("导入文件", "Imported from"),
        },
        ["funding_record"] = new(StringComparer.Ordinal)
        {
            ["programme"] = new("资金名称", "Programme"), ["projectname"] = new("项目名称", "Project"), ["invoices"] = new("发票号", "Invoices"),
            ["importfile"] = new("导入文件", "Imported from"),
        },
        ["call"] = new(StringComparer.Ordinal)
        {
            ["title"] = new("批次名称", "Title"), ["opensat"] = new("开始时间（北京时间）", "Opens (Beijing time)"),
            ["closesat"] = new("截止时间（北京时间）", "Closes (Beijing time)"), ["districtdeadline"] = new("区镇初审截止日", "District deadline"),
            ["materials"] = new("申报材料", "Materials"), ["announcement"] = new("申报通知", "Announcement"),
        },
        ["revision"] = new(StringComparer.Ordinal)
        {
            ["id"] = new("修订编号", "Revision id"), ["title"] = new("修订名称", "Title"), ["publishedon"] = new("公布日期", "Published on"),
            ["state"] = new("状态", "State", Kind.RevisionState), ["hash"] = new("文件哈希", "File hash", Kind.Hash),
            ["draftedby"] = new("起草人", "Drafted by"), ["publishedby"] = new("发布人", "Published by"),
        },
        ["user"] = new(StringComparer.Ordinal)
        {
            ["username"] = new("用户名", "User name"), ["displayname"] = new("姓名", "Display name"), ["role"] = new("角色", "Role", Kind.Role),
            ["active"] = new("启用", "Active"), ["lockeduntil"] = new("锁定至", "Locked until", Kind.Moment),
            ["failedsignins"] = new("连续登录失败次数", "Failed sign-ins"), ["address"] = new("来源地址", "Address"),
        },
        ["api_token"] = new(StringComparer.Ordinal)
        {
            ["account"] = new("账号", "Account"), ["name"] = new("令牌名称", "Token name"), ["prefix"] = new("令牌前缀", "Prefix"),
            ["expiresat"] = new("有效期至", "Expires", Kind.Moment), ["revokedat"] = new("撤销时间", "Revoked at", Kind.Moment),
            ["revokedby"] = new("撤销人", "Revoked by"),
        },
        ["project"] = new(StringComparer.Ordinal)
        {
            ["code"] = new("项目编号", "Project code"), ["name"] = new("项目名称", "Project name"), ["kind"] = new("项目类型", "Kind"),
            ["status"] = new("项目状态", "Status"), ["startedon"] = new("开工日期", "Started on"), ["completedon"] = new("竣工日期", "Completed on"),
            ["tasks"] = new("行动计划任务", "Plan tasks"), ["clusters"] = new("产业集群", "Clusters"), ["digitalscopes"] = new("数字化范围", "Digital scopes"),
            ["safetyrenovation"] = new("安全改造", "Safety renovation"), ["financingneed"] = new("融资需求", "Financing need"),
            ["investments"] = new("年度投资", "Investments"), ["equipment"] = new("设备投资", "Equipment", Kind.Money),
            ["digital"] = new("数字化投资", "Digital", Kind.Money),
        },
        ["loan"] = new(StringComparer.Ordinal)
        {
            ["code"] = new("贷款编号", "Loan code"), ["projectid"] = new("所属项目（内部号）", "Project (internal id)"), ["category"] = new("贷款类别", "Category"),
            ["principal"] = new("本金", "Principal", Kind.Money), ["rate"] = new("合同年利率", "Rate", Kind.Rate), ["issuedon"] = new("放款日", "Issued on"),
            ["matureson"] = new("到期日", "Matures on"), ["equipmentamount"] = new("用于设备的金额", "Equipment amount", Kind.Money),
            ["viasuzhouplatform"] = new("经苏州平台", "Via the Suzhou platform"), ["repayments"] = new("还款", "Repayments"),
            ["date"] = new("日期", "Date"), ["amount"] = new("金额", "Amount", Kind.Money),
        },
        ["progress_report"] = new(StringComparer.Ordinal)
        {
            ["quarter"] = new("季度", "Quarter"), ["reportedon"] = new("填报日", "Filed on"), ["status"] = new("项目状态", "Project status"),
            ["cumulativeequipment"] = new("累计设备投资", "Cumulative equipment", Kind.Money),
            ["cumulativedigital"] = new("累计数字化投资", "Cumulative digital", Kind.Money),
        },
        ["visit"] = new(StringComparer.Ordinal)
        {
            ["enterprise"] = new("企业（统一社会信用代码）", "Enterprise (credit code)"), ["enterprisename"] = new("企业名称", "Enterprise"),
            ["visitedon"] = new("走访日期", "Visited on"), ["people"] = new("走访对象", "People met"), ["equipmentseen"] = new("设备现场情况", "Equipment seen"),
            ["intentions"] = new("更新意向", "Intentions"), ["followups"] = new("跟进事项", "Follow-ups"), ["followup"] = new("跟进事项", "Follow-up"),
            ["dueon"] = new("期限", "Due"), ["doneon"] = new("办结日期", "Done on"),
        },
        ["collected_project"] = new(StringComparer.Ordinal)
        {
            ["enterprise"] = new("企业（统一社会信用代码）", "Enterprise (credit code)"), ["name"] = new("项目名称", "Project name"),
            ["years"] = new("计划年度", "Planned years"), ["equipment"] = new("计划设备投资", "Planned equipment", Kind.Money),
            ["digital"] = new("计划智能化数字化投入", "Planned digital", Kind.Money), ["project"] = new("入库项目编号", "Project code"),
            ["declinereason"] = new("未确认原因", "Reason declined"),
        },
        ["payment_batch"] = new(StringComparer.Ordinal)
        {
            ["number"] = new("批次号", "Batch"), ["count"] = new("项数", "Count"), ["total"] = new("合计", "Total", Kind.Money),
            ["applications"] = new("拨付明细", "Awards paid"), ["voucher"] = new("支付凭证号", "Voucher"),
        },
        ["benchmark_round"] = new(StringComparer.Ordinal)
        {
            ["name"] = new("批次名称", "Name"), ["nominationdeadline"] = new("提名截止日", "Nomination deadline"), ["quota"] = new("入选名额", "Quota"),
            ["keyindustries"] = new("重点行业", "Key industries"), ["criteria"] = new("遴选标准", "Criteria"), ["reason"] = new("撤销原因", "Reason"),
        },
        ["benchmark_nomination"] = new(StringComparer.Ordinal)
        {
            ["round"] = new("遴选批次（内部号）", "Round (internal id)"), ["reason"] = new("提名理由", "Reason"), ["targets"] = new("企业改造目标", "Targets"),
            ["projects"] = new("展示项目（内部号）", "Featured projects (internal ids)"), ["selected"] = new("入选", "Selected"),
            ["selectionreason"] = new("入选理由", "Why selected"), ["publish"] = new("同意公开", "Agreed to publish"),
        },
        ["benchmark_score"] = new(StringComparer.Ordinal)
        {
            ["criterion"] = new("遴选标准", "Criterion"), ["score"] = new("得分", "Score"), ["maxscore"] = new("满分", "Max score"), ["reason"] = new("评分理由", "Reason"),
        },
        ["higher_programme"] = new(StringComparer.Ordinal)
        {
            ["name"] = new("项目名称", "Name"), ["level"] = new("层级", "Level"), ["matchingshare"] = new("配套比例", "Matching share"),
            ["note"] = new("说明", "Note"), ["active"] = new("接受推荐", "Active"),
        },
        ["upward_recommendation"] = new(StringComparer.Ordinal)
        {
            ["programme"] = new("上级项目", "Programme"), ["project"] = new("项目编号", "Project code"), ["year"] = new("推荐年度", "Year"),
            ["reason"] = new("推荐理由", "Reason"), ["acceptedon"] = new("受理日期", "Accepted on"),
            ["obtainedamount"] = new("获批金额", "Amount obtained", Kind.Money), ["approvedon"] = new("获批日期", "Approved on"),
            ["documentnumber"] = new("批复文号", "Document number"), ["matchingshare"] = new("配套比例", "Matching share"),
            ["matchingamount"] = new("昆山配套资金", "Kunshan matching", Kind.Money), ["rejectreason"] = new("未获批原因", "Reason not approved"),
            ["withdrawreason"] = new("撤回原因", "Reason withdrawn"),
        },
        ["library"] = new(StringComparer.Ordinal)
        {
            ["added"] = new("新增行数", "Rows added"), ["changed"] = new("变更行数", "Rows changed"),
        },
    };

    private static string Key(string key) => key.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static Field FieldOf(string entity, string key)
    {
        var k = Key(key);
        if (ByEntity.TryGetValue(entity, out var own) && own.TryGetValue(k, out var f)) return f;
        if (Common.TryGetValue(k, out var c)) return c;
        return new Field($"字段 {key}", $"field {key}");
    }

    /// <summary>
    /// What <paramref name="e"/> changed, field by field: on a change, the fields whose value differs (before → after);
    /// on a creation, every field given; a record that is not JSON (an objection's text) as 内容.
    /// </summary>
    public static IReadOnlyList<AuditChange> Changes(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var before = Fields(e.Entity, e.Before);
        var after = Fields(e.Entity, e.After);
        var changes = new List<AuditChange>();
        if (before is null)
        {
            // A creation lists what was given: the fields left empty say nothing.
            foreach (var (label, value) in after ?? []) if (value != None) changes.Add(new AuditChange(label, null, value));
            return changes;
        }
        if (after is null)
        {
            foreach (var (label, value) in before) changes.Add(new AuditChange(label, value, null));
            return changes;
        }
        var was = before.GroupBy(b => b.Label).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        foreach (var (label, value) in after)
        {
            was.TryGetValue(label, out var old);
            if (!string.Equals(old, value, StringComparison.Ordinal)) changes.Add(new AuditChange(label, old ?? None, value));
            was.Remove(label);
        }
        foreach (var (label, value) in was) changes.Add(new AuditChange(label, value, null));
        return changes;
    }

    /// <summary>The changes in one line, as the xlsx writes them.</summary>
    public static string ChangesText(AuditEntry e) => string.Join(Lang.T("；", "; "), Changes(e).Select(c => c.Text));

    /// <summary>A stored record as (field in words, value in words); null when there is none.</summary>
    private static List<(string Label, string Value)>? Fields(string entity, string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored)) return null;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(stored); }
        catch (JsonException) { return [(Lang.T("内容", "Content"), stored)]; }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return [(Lang.T("内容", "Content"), Value(entity, "content", doc.RootElement))];
            return [.. doc.RootElement.EnumerateObject().Select(p => (Label(FieldOf(entity, p.Name)), Value(entity, p.Name, p.Value)))];
        }
    }

    /// <summary>How an empty value reads.</summary>
    private static string None => Lang.T("（无）", "(none)");

    private static string Label(Field f) => Lang.T(f.Zh, f.En);

    /// <summary>A stored value in words, as the field's kind reads it.</summary>
    private static string Value(string entity, string key, JsonElement v)
    {
        var kind = FieldOf(entity, key).Kind;
        switch (v.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined: return None;
            case JsonValueKind.True: return Lang.T("是", "yes");
            case JsonValueKind.False: return Lang.T("否", "no");
            case JsonValueKind.Number:
                if (!v.TryGetDecimal(out var d)) return v.GetRawText();
                return kind switch
                {
                    Kind.Money => $"{Display.Yuan(d)} {Lang.T("元", "yuan")}",
                    Kind.Rate => (d * 100m).ToString("0.####", Inv) + "%",
                    Kind.Bytes => CallWords.Size((long)d),
                    _ when Key(key) == "tasks" => Vocabulary.TaskLabel((int)d),
                    _ => d.ToString(Inv),
                };
            case JsonValueKind.Array:
                return string.Join(Lang.T("、", ", "), v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Object
                    ? string.Join(Lang.T("，", ", "), x.EnumerateObject().Select(p => $"{Label(FieldOf(entity, p.Name))} {Value(entity, p.Name, p.Value)}"))
                    : Value(entity, key, x)));
            case JsonValueKind.Object:
                return string.Join(Lang.T("，", ", "), v.EnumerateObject().Select(p => $"{Label(FieldOf(entity, p.Name))} {Value(entity, p.Name, p.Value)}"));
            default:
                return Text(kind, v.GetString() ?? "");
        }
    }

    private static string Text(Kind kind, string s)
    {
        switch (kind)
        {
            case Kind.State when Enum.TryParse<ApplicationState>(s, out var state) && !int.TryParse(s, out _): return Labels.Of(state);
            case Kind.Role when Enum.TryParse<Role>(s, out var role) && !int.TryParse(s, out _): return Labels.Of(role);
            case Kind.RevisionState when Enum.TryParse<RevisionState>(s, out var rs) && !int.TryParse(s, out _): return Rules.RuleWords.State(rs);
            case Kind.Hash: return s.Length > 16 ? s[..16] + "…" : s;
        }
        // A moment (ISO 8601 with a time and an offset) is said in Beijing time; a day as it is.
        if (s.Length > 10 && s[4] == '-' && s.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(s, Inv, DateTimeStyles.None, out var at))
            return Display.Time(at);
        if (Vocabulary.Find(s) is { } term) return term.In(Lang.IsEnglish);
        return s;
    }
}
