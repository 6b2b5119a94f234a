using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Scenarios;

namespace Renewal.Policy.Tests.Scenarios;

public class ScenarioReaderTests
{
    private static readonly ScenarioReader Reader = new(PolicyEngine.Default.Parameters);

    private const string Valid = """
        scenarios:
          - name: 样例
            year: 2025
            enterprises:
              - {id: E1, credit_code: 91350100M000100Y43, name: 甲公司, area: 昆山开发区, industry_code: C3421}
            projects:
              - id: P1
                enterprise: E1
                name: 产线
                kind: renovation
                status: in_progress
                clusters: [biomedicine]
                investment:
                  2025: {equipment: 20000000, digital: 1000000}
            loans:
              - {id: L1, enterprise: E1, project: P1, category: equipment_renewal, principal: 36000000, rate: 0.03,
                 issued_on: 2025-03-01, matures_on: 2028-03-01, equipment_amount: 30000000,
                 repayments: [{date: 2026-03-01, amount: 1000000}]}
            expect:
              awards:
                - {scheme: effective_investment, project: P1, amount: 1600000}
        """;

    private static ScenarioError Single(string yaml) =>
        Assert.Single(Assert.Throws<ScenarioFormatException>(() => Reader.Read(yaml, "t.yaml")).Errors);

    [Fact]
    public void Valid_File_Reads()
    {
        var s = Assert.Single(Reader.Read(Valid, "t.yaml"));
        Assert.Equal(2025, s.Year);
        Assert.Equal(20_000_000m, s.Projects[0].Investment[0].Equipment.Yuan);
        Assert.Single(s.Loans[0].Repayments);
        Assert.Null(s.Loans[0].Approvals);
        Assert.Single(s.Expect!.Value);
    }

    [Fact]
    public void Json_WithTheSameShape_Reads()
    {
        const string json = """
            {"scenarios": [{"name": "j", "year": 2025,
              "enterprises": [{"id": "E1", "credit_code": "91350100M000100Y43", "name": "甲", "area": "张浦镇", "industry_code": "C3421"}],
              "projects": [{"id": "P1", "enterprise": "E1", "kind": "new", "status": "planned", "investment": {"2025": {"equipment": 1, "digital": 0}}}]}]}
            """;
        Assert.Equal("E1", Reader.Read(json, "t.json")[0].Projects[0].EnterpriseId);
    }

    [Theory]
    [InlineData("clusters: [biomedicine]", "clusters: [biomedicine]\n        clustres: [x]", "clustres", 13, "未知字段")]
    [InlineData("industry_code: C3421}", "industry_code: C3421, phone: 1}", "phone", 5, "未知字段")]
    [InlineData("issued_on: 2025-03-01", "issued_on: 2025-02-30", "issued_on", 17, "不是有效日期")]
    [InlineData("credit_code: 91350100M000100Y43", "credit_code: 91350100M000100Y44", "credit_code", 5, "校验位")]
    [InlineData("equipment: 20000000, digital: 1000000", "equipment: -5, digital: 0", "investment.2025.equipment", 14, "负数")]
    [InlineData("equipment: 20000000, digital: 1000000", "equipment: 20000000.001, digital: 0", "investment.2025.equipment", 14, "两位小数")]
    [InlineData("equipment: 20000000, digital: 1000000", "equipment: 1000000, digital: 2000000", "investment.2025.digital", 14, "不能大于")]
    [InlineData("enterprise: E1\n        name: 产线", "enterprise: E9\n        name: 产线", "enterprise", 8, "不存在")]
    [InlineData("project: P1, category", "project: P7, category", "project", 16, "不存在")]
    [InlineData("area: 昆山开发区", "area: 上海", "area", 5, "区镇")]
    [InlineData("rate: 0.03", "rate: 0.3", "rate", 16, "0 到 0.24")]
    [InlineData("kind: renovation", "kind: rebuild", "kind", 10, "不是允许的值")]
    [InlineData("clusters: [biomedicine]", "clusters: [Bio Medicine]", "clusters", 12, "不是有效的")]
    [InlineData("amount: 1000000}]}", "amount: 99000000}]}", "repayments", 16, "超过贷款本金")]
    [InlineData("{date: 2026-03-01", "{date: 2024-03-01", "repayments.date", 18, "贷款期限内")]
    [InlineData("matures_on: 2028-03-01", "matures_on: 2025-03-01", "matures_on", 17, "应晚于放款日")]
    public void BadInput_NamesScenarioEntityFieldAndLine(string find, string replace, string field, int line, string message)
    {
        Assert.Contains(find, Valid);
        var e = Single(Valid.Replace(find, replace, StringComparison.Ordinal));
        Assert.Equal("样例", e.Scenario);
        Assert.Equal(field, e.Field);
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message);
        Assert.Contains("t.yaml:" + line, e.ToString());
    }

    [Fact]
    public void Error_NamesTheEntity()
    {
        var e = Single(Valid.Replace("credit_code: 91350100M000100Y43", "credit_code: 123", StringComparison.Ordinal));
        Assert.Equal("企业 E1", e.Entity);
    }

    [Fact]
    public void DuplicateIds_AreErrors() =>
        Assert.Contains("重复", Single(Valid.Replace("projects:", "projects:\n      - {id: P1, enterprise: E1, kind: new, status: planned}", StringComparison.Ordinal)).Message);

    [Fact]
    public void CompletedWithoutDate_IsAnError() =>
        Assert.Equal("completed_on", Single(Valid.Replace("status: in_progress", "status: completed", StringComparison.Ordinal)).Field);

    [Fact]
    public void ClusterOutsideTheList_IsData_NotAnError()
    {
        var s = Reader.Read(Valid.Replace("clusters: [biomedicine]", "clusters: [new_energy]", StringComparison.Ordinal), "t.yaml")[0];
        var r = PolicyEngine.Default.Evaluate(s, explain: true);
        var b = r.Awards.Single(a => a.Scheme == Scheme.EffectiveInvestment);
        Assert.Equal("B-2", b.FailedRule);
    }

    [Fact]
    public void PlannedCompletionDate_OnAProjectInProgress_IsAccepted() =>
        Assert.Equal(new DateOnly(2026, 6, 30), Reader.Read(Valid.Replace("status: in_progress", "status: in_progress\n        completed_on: 2026-06-30", StringComparison.Ordinal), "t.yaml")[0].Projects[0].CompletedOn);

    [Fact]
    public void UnknownParameterOverride_IsAnError() =>
        Assert.Equal("parameters.effective_investment.rat",
            Single(Valid.Replace("year: 2025", "year: 2025\n    parameters: {effective_investment.rat: 0.1}", StringComparison.Ordinal)).Field);

    [Fact]
    public void LoanProjectOfAnotherEnterprise_IsAnError()
    {
        var yaml = Valid.Replace("enterprises:", "enterprises:\n      - {id: E2, credit_code: 91350100M000100Y43, name: 乙, area: 周市镇, industry_code: C3421}", StringComparison.Ordinal)
            .Replace("{id: L1, enterprise: E1", "{id: L1, enterprise: E2", StringComparison.Ordinal);
        Assert.Contains("不属于贷款企业", Single(yaml).Message);
    }

    [Fact]
    public void EveryError_IsReported_NotJustTheFirst()
    {
        var yaml = Valid.Replace("credit_code: 91350100M000100Y43", "credit_code: X", StringComparison.Ordinal)
            .Replace("kind: renovation", "kind: x", StringComparison.Ordinal);
        Assert.Equal(2, Assert.Throws<ScenarioFormatException>(() => Reader.Read(yaml, "t.yaml")).Errors.Count);
    }

    [Theory]
    [InlineData("scenarios: [")]
    [InlineData("- just a list")]
    [InlineData("")]
    public void Garbage_IsAnError_NotACrash(string text) =>
        Assert.NotEmpty(Assert.Throws<ScenarioFormatException>(() => Reader.Read(text, "t.yaml")).Errors);

    [Fact]
    public void ExpectLine_WithoutItsSubject_IsAnError() =>
        Assert.Contains("loan 和 level", Single(Valid.Replace("{scheme: effective_investment, project: P1, amount: 1600000}", "{scheme: loan_interest, loan: L1, amount: 1}", StringComparison.Ordinal)).Message);
}

public class ResultJsonTests
{
    [Fact]
    public void Json_HasTheDocumentedShape_AmountsWithTwoDecimals()
    {
        var s = World.Scenario(2025, [World.Enterprise()], [World.Project(clusters: ["biomedicine"], investment: [(2025, 20_000_000m, 0m)])]);
        var json = ResultJson.ToJson([PolicyEngine.Default.Evaluate(s, explain: true)], includeTrace: true);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var sc = doc.RootElement.GetProperty("scenarios")[0];
        Assert.Equal(2025, sc.GetProperty("year").GetInt32());
        var b = sc.GetProperty("awards").EnumerateArray().Single(a => a.GetProperty("scheme").GetString() == "effective_investment");
        Assert.Equal("P1", b.GetProperty("project").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, b.GetProperty("loan").ValueKind);
        Assert.True(b.GetProperty("eligible").GetBoolean());
        Assert.Contains("\"amount\": 1600000.00", json, StringComparison.Ordinal);
        var rules = b.GetProperty("trace").EnumerateArray().Select(t => t.GetProperty("rule").GetString()).ToList();
        Assert.Equal(["B-1", "B-2", "B-3", "B-4"], rules);
        var c = sc.GetProperty("awards").EnumerateArray().Single(a => a.GetProperty("scheme").GetString() == "tech_renovation");
        Assert.True(c.GetProperty("assumed").GetBoolean());
        Assert.Equal(JsonNull, c.GetProperty("project").ValueKind);
        Assert.Equal(1_600_000m, sc.GetProperty("totals").GetProperty("effective_investment").GetDecimal());
        Assert.Equal(0m, sc.GetProperty("totals").GetProperty("loan_interest").GetProperty("kunshan").GetDecimal());
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}
