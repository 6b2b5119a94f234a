using System.Collections.Immutable;
using Renewal.Policy;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;
using Renewal.Services.Simulation;

namespace Renewal.Services.Tests.Simulation;

/// <summary>What people type into a parameter's field, read as the value of its type and as the text <c>--set</c> takes.</summary>
public class ParameterInputTests
{
    private static ParameterDefinition P(string name) => PolicyEngine.Default.Parameters.Find(name)!;

    private static string Canonical(string name, string typed) => ParameterInput.ToCanonicalText(P(name), typed);

    private static string Refusal(string name, string typed) =>
        Assert.Throws<ParameterException>(() => ParameterInput.Parse(P(name), typed)).Message;

    [Theory]
    [InlineData("10%", "0.1")]
    [InlineData("10", "0.1")]
    [InlineData("10 %", "0.1")]
    [InlineData("１０％", "0.1")]
    [InlineData(" 8.0 ", "0.08")]
    [InlineData("1.5", "0.015")]
    [InlineData("0.5%", "0.005")]
    [InlineData("0", "0")]
    [InlineData("100%", "1")]
    [InlineData("0.08", "0.0008")] // percent, always: 0.08 is 0.08%
    public void Rate_IsTypedInPercent(string typed, string canonical)
    {
        Assert.Equal(canonical, Canonical("effective_investment.rate", typed));
        Assert.Equal(decimal.Parse(canonical, System.Globalization.CultureInfo.InvariantCulture), (decimal)ParameterInput.Parse(P("effective_investment.rate"), typed));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("8%%")]
    [InlineData("八")]
    public void Rate_NotAPercent_IsRefusedNamingTheParameterInWords(string typed)
    {
        var message = Refusal("tech_renovation.base_rate", typed);
        Assert.StartsWith("技改综合奖补基础比例（tech_renovation.base_rate）：", message, StringComparison.Ordinal);
        Assert.Contains("不是百分比，例如 8%", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_AboveAHundredOrNegative_IsRefused()
    {
        Assert.Contains("不能超过 100%", Refusal("effective_investment.rate", "100.01"), StringComparison.Ordinal);
        Assert.Contains("不能为负数", Refusal("effective_investment.rate", "-1%"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500万", "5000000")]
    [InlineData("500 万元", "5000000")]
    [InlineData("5,000,000", "5000000")]
    [InlineData("5000000元", "5000000")]
    [InlineData("￥5,000,000.00", "5000000")]
    [InlineData("¥5000000", "5000000")]
    [InlineData("５００万", "5000000")]
    [InlineData("0.5万", "5000")]
    [InlineData("1.2345万", "12345")]
    [InlineData("1.234567万", "12345.67")]
    [InlineData("12,345.6", "12345.6")]
    [InlineData("0", "0")]
    public void Money_IsTypedInYuanOrWan(string typed, string canonical) =>
        Assert.Equal(canonical, Canonical("demonstration.cap_per_project", typed));

    [Theory]
    [InlineData("1.001", "最多到分")]
    [InlineData("1.2345678万", "最多到分")]
    [InlineData("-5", "不能为负数")]
    [InlineData("五百万", "不是金额")]
    [InlineData("5,000,000美元", "不是金额")]
    public void Money_BeyondTheFenOrNotMoney_IsRefused(string typed, string why)
    {
        var message = Refusal("demonstration.cap_per_project", typed);
        Assert.StartsWith("重大示范项目奖励单个项目最高奖励（demonstration.cap_per_project）：", message, StringComparison.Ordinal);
        Assert.Contains(why, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("是", true)]
    [InlineData("否", false)]
    [InlineData("true", true)]
    [InlineData("FALSE", false)]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    public void Boolean_IsShiOrFou(string typed, bool value)
    {
        Assert.Equal(value, ParameterInput.Parse(P("demonstration.require_completion"), typed));
        Assert.Equal(value ? "true" : "false", Canonical("demonstration.require_completion", typed));
    }

    [Fact]
    public void Boolean_Otherwise_IsRefused() =>
        Assert.Contains("“也许”应为是或否", Refusal("demonstration.require_completion", "也许"), StringComparison.Ordinal);

    [Theory]
    [InlineData("省级、昆山市级", "province,kunshan")]
    [InlineData("province, kunshan", "province,kunshan")]
    [InlineData("省，昆山", "province,kunshan")]
    [InlineData("中央;苏州市级", "central,suzhou")]
    [InlineData("[central, province, suzhou, kunshan]", "central,province,suzhou,kunshan")]
    [InlineData("无", "[]")]
    [InlineData("[]", "[]")]
    public void List_TakesCodesOrWords_InTheirOrder(string typed, string canonical) =>
        Assert.Equal(canonical, Canonical("loan.levels", typed));

    [Fact]
    public void List_OfScopes_TakesTheirWords_AndAnOpenListANewCode()
    {
        Assert.Equal("smart_factory_demo,scenario_5g", Canonical("demonstration.scopes", "智能制造示范工厂、“5G+工业互联网”融合应用场景"));
        Assert.Equal("equipment_manufacturing,new_direction", Canonical("effective_investment.clusters", "高端装备制造、new_direction")); // 原文“等”
    }

    [Fact]
    public void List_UnknownWord_IsRefusedNamingIt()
    {
        var message = Refusal("loan.levels", "省级、浙江省级");
        Assert.StartsWith("贴息层级及填充顺序（loan.levels）：", message, StringComparison.Ordinal);
        Assert.Contains("“浙江省级”不是可选项（可选：中央、省级、苏州市级、昆山市级）", message, StringComparison.Ordinal);
        Assert.Contains("“zhejiang”不是可选项", Refusal("loan.levels", "zhejiang"), StringComparison.Ordinal); // levels are closed
        Assert.Contains("“province”重复", Refusal("loan.levels", "省级、province"), StringComparison.Ordinal);
        Assert.Contains("“未知集群”不是可选项", Refusal("effective_investment.clusters", "未知集群"), StringComparison.Ordinal);
    }

    [Fact]
    public void List_WithoutAGroup_TakesCodesAsTyped_AndWordsOfTheVocabulary()
    {
        Assert.Null(ParameterInput.Choices(P("enterprise.industrial_sections")));
        Assert.Equal("B,C", Canonical("enterprise.industrial_sections", "B、C"));
        Assert.Equal("D-E4", Canonical("loan.province.waived", "D-E4"));
        Assert.Contains("“采矿业”不是已知的名称", Refusal("enterprise.industrial_sections", "采矿业"), StringComparison.Ordinal);
    }

    [Fact]
    public void Choices_AreTheVocabularyGroupOfTheValues()
    {
        Assert.Equal(new[] { "central", "province", "suzhou", "kunshan" }, ParameterInput.Choices(P("loan.levels"))!.Terms.Select(t => t.Code));
        Assert.False(ParameterInput.Choices(P("loan.levels"))!.Open);
        Assert.Equal(new[] { "central", "province", "suzhou", "kunshan" }, ParameterInput.Choices(P("loan.kunshan.yields_to"))!.Terms.Select(t => t.Code)); // D-10, empty so far
        Assert.Equal(Vocabulary.Scopes.Count, ParameterInput.Choices(P("demonstration.scopes"))!.Terms.Count);
        Assert.True(ParameterInput.Choices(P("effective_investment.clusters"))!.Open);
        Assert.Equal(new[] { "new", "expansion", "renovation" }, ParameterInput.Choices(P("loan.project_kinds"))!.Terms.Select(t => t.Code));
        Assert.Null(ParameterInput.Choices(P("loan.central.waived")));
        Assert.Null(ParameterInput.Choices(P("effective_investment.rate")));
    }

    [Fact]
    public void Text_WholeNumberNumberAndDate()
    {
        Assert.Equal("full_balance", Canonical("loan.subsidised_base", " full_balance "));
        Assert.Contains("不能为空", Refusal("loan.subsidised_base", " "), StringComparison.Ordinal);
        Assert.Equal("36", Canonical("loan.kunshan.period_months", "36个月"));
        Assert.Equal("36", Canonical("loan.kunshan.period_months", "３６"));
        Assert.Contains("“1.5”不是非负整数", Refusal("loan.kunshan.period_months", "1.5"), StringComparison.Ordinal);
        Assert.Contains("不是非负整数", Refusal("loan.kunshan.period_months", "-1"), StringComparison.Ordinal);
        Assert.Equal("2.5", Canonical("tech_renovation.digital_multiplier", "2.50倍"));
        Assert.Equal("2025-01-01", Canonical("loan.window_start", "2025/1/1"));
        Assert.Equal("2025-01-01", Canonical("loan.window_start", "2025年1月1日"));
        Assert.Equal(new DateOnly(2025, 3, 9), ParameterInput.Parse(P("loan.window_start"), "2025-03-09"));
        Assert.Contains("不是日期，例如 2024-01-01", Refusal("loan.window_start", "2025-02-30"), StringComparison.Ordinal);
    }

    [Fact]
    public void CapsTable_AsText_AsToday()
    {
        var text = "[{ id: D-6a, levels: [province], per: project, amount: 4000000 }, { id: D-8, levels: [province, kunshan], per: enterprise, amount: 8000000 }]";
        var table = (CapsTable)ParameterInput.Parse(P("loan.caps"), text);
        Assert.Equal(2, table.Count);
        Assert.Equal(new[] { Level.Province, Level.Kunshan }, table[1].Levels.ToArray());
        Assert.True(table.Equals(P("loan.caps").ParseValue(ParameterInput.ToCanonicalText(P("loan.caps"), text))));
        var message = Refusal("loan.caps", "[{ id: x, levels: [moon], per: project, amount: 1 }]");
        Assert.StartsWith("贴息上限表（loan.caps）：第 1 行的 levels", message, StringComparison.Ordinal);
    }

    [Fact]
    public void CapsTable_FromRows_SkipsEmptyRows_AndTakesWordsAndWan()
    {
        var table = ParameterInput.ParseRows(P("loan.caps"),
        [
            new("D-6a", ["province"], "project", "500万"),
            new("", [], "", ""),
            new("D-8", ["省级", "昆山市级"], "每企业", "8,000,000"),
            new(" ", [""], null, " "),
        ]);
        Assert.Equal(2, table.Count);
        Assert.Equal(new CapRow("D-6a", [Level.Province], CapScope.Project, new Money(5_000_000m)).ToString(), table[0].ToString());
        Assert.Equal(new CapRow("D-8", [Level.Province, Level.Kunshan], CapScope.Enterprise, new Money(8_000_000m)).ToString(), table[1].ToString());
        Assert.True(CapsTable.Empty.Equals(ParameterInput.ParseRows(P("loan.caps"), [new("", [], "project", "")])));
        Assert.Equal("[]", ParameterInput.Canonical(CapsTable.Empty));
        Assert.True(CapsTable.Empty.Equals(P("loan.caps").ParseValue("[]")));
    }

    [Theory]
    [InlineData("", "province", "project", "1", "第 1 行的编号未填写")]
    [InlineData("D-6a", "", "project", "1", "第 1 行的层级未选择")]
    [InlineData("D-6a", "浙江", "project", "1", "第 1 行的层级“浙江”不是贴息层级（中央、省级、苏州市级、昆山市级）")]
    [InlineData("D-6a", "province", "", "1", "第 1 行的范围未选择")]
    [InlineData("D-6a", "province", "每年", "1", "第 1 行的范围“每年”应为每项目或每企业")]
    [InlineData("D-6a", "province", "project", "", "第 1 行的金额未填写")]
    [InlineData("D-6a", "province", "project", "1.001", "第 1 行的金额：金额最多到分")]
    [InlineData("D-6a", "province", "project", "许多", "第 1 行的金额：“许多”不是金额")]
    public void CapsTable_RowIncomplete_IsRefusedNamingRowAndField(string id, string level, string per, string amount, string why)
    {
        var e = Assert.Throws<ParameterException>(() => ParameterInput.ParseRows(P("loan.caps"), [new(id, [level], per, amount)]));
        Assert.Equal("loan.caps", e.Parameter);
        Assert.Equal($"贴息上限表（loan.caps）：{why}", e.Message[..Math.Min(e.Message.Length, $"贴息上限表（loan.caps）：{why}".Length)]);
    }

    [Fact]
    public void CapsTable_RowsWithTheSameIdOrLevelTwice_AreRefused()
    {
        Assert.Contains("第 2 行的编号“D-6a”与前面的行重复", Assert.Throws<ParameterException>(() => ParameterInput.ParseRows(P("loan.caps"),
            [new("D-6a", ["province"], "project", "1"), new("D-6a", ["kunshan"], "project", "1")])).Message, StringComparison.Ordinal);
        Assert.Contains("“省级”重复", Assert.Throws<ParameterException>(() => ParameterInput.ParseRows(P("loan.caps"),
            [new("D-6a", ["province", "省级"], "project", "1")])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Title_IsTheSchemeAndTheHeadOfTheDescription()
    {
        Assert.Equal("技改综合奖补基础比例", ParameterInput.Title(P("tech_renovation.base_rate")));
        Assert.Equal("重大示范项目奖励比例", ParameterInput.Title(P("demonstration.rate")));
        Assert.Equal("有效投入奖补按项目年度设备投资额的奖励比例", ParameterInput.Title(P("effective_investment.rate")));
        Assert.Equal("昆山市级贴息期", ParameterInput.Title(P("loan.kunshan.period_months")));
        Assert.Equal("贷款利率上限", ParameterInput.Title(P("loan.max_spread")));
        Assert.Equal("贴息上限表", ParameterInput.Title(P("loan.caps")));
        Assert.Equal("贷款贴息计息天数基准", ParameterInput.Title(P("loan.day_count")));
    }

    /// <summary>Whatever is typed, the canonical text reads back (ParseValue, <c>--set</c>) to the same value.</summary>
    [Fact]
    public void CanonicalText_ReadsBackToTheSameValue_ForEveryParameterInForce()
    {
        var date = new DateOnly(2025, 12, 31);
        foreach (var d in PolicyEngine.Default.Parameters.Definitions)
        {
            if (d.At(date)?.Value is not { } value) continue;
            var canonical = ParameterInput.Canonical(value);
            Assert.True(ParameterText.Same(d, date, canonical), d.Name);
        }
        Assert.Equal("8", ParameterInput.PercentText(0.08m));
        Assert.Equal("1.5", ParameterInput.PercentText(0.015m));
        Assert.Equal("0.5", ParameterInput.PercentText(0.0050m));
        Assert.Equal(ImmutableArray<string>.Empty, P("loan.central.waived").ParseValue(ParameterInput.ToCanonicalText(P("loan.central.waived"), "无")));
    }
}
