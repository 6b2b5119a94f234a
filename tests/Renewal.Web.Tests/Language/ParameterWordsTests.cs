using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Renewal.Policy;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;
using Renewal.Services.Simulation;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Tests.Language;

/// <summary>Parameter values as people read them (ParameterWords) and type them back (ParameterForm, the editor's fields).</summary>
public sealed class ParameterWordsTests : IDisposable
{
    private readonly CultureInfo _ui = CultureInfo.CurrentUICulture;

    public ParameterWordsTests() => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");

    public void Dispose() => CultureInfo.CurrentUICulture = _ui;

    private static ParameterDefinition P(string name) => PolicyEngine.Default.Parameters.Find(name)!;

    private static readonly DateOnly Date = new(2025, 12, 31);

    [Theory]
    [InlineData("0.08", "8%")]
    [InlineData("0.015", "1.5%")]
    [InlineData("0.10", "10%")]
    [InlineData("0.005", "0.5%")]
    [InlineData("0", "0%")]
    [InlineData("1", "100%")]
    public void Rate_IsAPercent_Exact(string rate, string words) =>
        Assert.Equal(words, ParameterWords.Of(ParameterType.Rate, decimal.Parse(rate, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("30000000", "3,000 万元（30,000,000.00 元）")]
    [InlineData("5000000", "500 万元（5,000,000.00 元）")]
    [InlineData("5005000", "500.5 万元（5,005,000.00 元）")]
    [InlineData("10000", "1 万元（10,000.00 元）")]
    [InlineData("12345.67", "1.234567 万元（12,345.67 元）")]
    [InlineData("9999.99", "9,999.99 元")]
    [InlineData("0", "0.00 元")]
    public void Money_IsInWanWithTheExactYuanBehind(string yuan, string words) =>
        Assert.Equal(words, ParameterWords.Of(ParameterType.Money, decimal.Parse(yuan, CultureInfo.InvariantCulture)));

    [Fact]
    public void OtherTypes_InWords()
    {
        Assert.Equal("是", ParameterWords.Of(ParameterType.Boolean, true));
        Assert.Equal("否", ParameterWords.Of(ParameterType.Boolean, false));
        Assert.Equal("中央、省级、苏州市级、昆山市级", ParameterWords.Of(P("loan.levels"), Date));
        Assert.Equal("无", ParameterWords.Of(P("loan.kunshan.yields_to"), Date));
        Assert.Equal("2027-12-31", ParameterWords.Of(P("loan.window_end"), Date));
        Assert.Equal("24 个月", ParameterWords.Of(P("loan.kunshan.period_months"), Date));
        Assert.Equal("360", ParameterWords.Of(P("loan.day_count"), Date));
        Assert.Equal("2", ParameterWords.Of(P("tech_renovation.digital_multiplier"), Date));
        Assert.Equal("智改数转网联", ParameterWords.Of(ParameterType.Text, "digital_transformation"));
        Assert.Equal("（不在有效期内）", ParameterWords.Of(P("loan.levels"), new DateOnly(2028, 12, 31)));
    }

    [Fact]
    public void CapsTable_OneLineARow_ACombinedRowSaysSo()
    {
        Assert.Equal(
            ["D-6a 省级 · 每项目 · 500 万元（5,000,000.00 元）", "D-6b 省级 · 每企业 · 1,000 万元（10,000,000.00 元）",
             "D-7a 苏州市级 · 每企业 · 300 万元（3,000,000.00 元）", "D-7b 昆山市级 · 每企业 · 300 万元（3,000,000.00 元）"],
            ParameterWords.Lines(P("loan.caps"), Date));
        var combined = new CapRow("D-8", [Level.Province, Level.Suzhou, Level.Kunshan], CapScope.Enterprise, new Money(8_000_000m));
        Assert.Equal("D-8 省级、苏州市级与昆山市级合计 · 每企业 · 800 万元（8,000,000.00 元）", ParameterWords.CapLine(combined));
        Assert.Equal("不设上限", ParameterWords.Of(ParameterType.Caps, CapsTable.Empty));
    }

    [Fact]
    public void ParameterInForce_AndCanonicalText_AreSaidTheSame()
    {
        var caps = ParameterText.InForce(PolicyEngine.Default.Parameters, 2025).Single(p => p.Name == "loan.caps");
        Assert.Equal(ParameterWords.Lines(P("loan.caps"), Date), ParameterWords.Lines(caps));
        Assert.Equal(["1.5%"], ParameterWords.LinesOfText(P("loan.kunshan.rate"), "0.015"));
        Assert.Equal(["x"], ParameterWords.LinesOfText(P("loan.kunshan.rate"), "x")); // not a value: as it is
    }

    [Fact]
    public void English_SaysItInEnglish()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        Assert.Equal("30,000,000.00 yuan", ParameterWords.Of(ParameterType.Money, 30_000_000m));
        Assert.Equal("yes", ParameterWords.Of(ParameterType.Boolean, true));
        Assert.Equal("D-8 Province + Kunshan combined · per enterprise · 8,000,000.00 yuan",
            ParameterWords.CapLine(new CapRow("D-8", [Level.Province, Level.Kunshan], CapScope.Enterprise, new Money(8_000_000m))));
    }

    // ---- ParameterForm: what the editor posts, read back ------------------------------------------------------------

    private static string? Read(string name, params (string Key, string Value)[] fields)
    {
        var form = new FormCollection(fields.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => new StringValues([.. g.Select(f => f.Value)])));
        return ParameterForm.Read(P(name), "f", form);
    }

    [Fact]
    public void Form_NothingGiven_IsNull_SoTheCallerKeepsItsValue()
    {
        Assert.Null(Read("effective_investment.rate"));
        Assert.Null(Read("effective_investment.rate", ("f", " ")));
        Assert.Null(Read("loan.caps", ("f", "")));
        Assert.Null(Read("loan.levels"));
    }

    [Fact]
    public void Form_ScalarsAreTypedAsPeopleDo()
    {
        Assert.Equal("0.1", Read("effective_investment.rate", ("f", "10%")));
        Assert.Equal("5000000", Read("demonstration.cap_per_project", ("f", "500万")));
        Assert.Equal("false", Read("demonstration.require_completion", ("f", "false")));
        Assert.Equal("province,kunshan", Read("loan.levels", ("f", "省级、昆山市级")));
        var e = Assert.Throws<ParameterException>(() => Read("effective_investment.rate", ("f", "abc")));
        Assert.Equal("effective_investment.rate", e.Parameter);
    }

    [Fact]
    public void Form_Checkboxes_NoneCheckedIsTheEmptyList_InTheOrderChecked()
    {
        Assert.Equal("[]", Read("loan.kunshan.yields_to", ("f.list", "1")));
        Assert.Equal("suzhou,province", Read("loan.kunshan.yields_to", ("f.list", "1"), ("f", "suzhou"), ("f", "province")));
        Assert.Equal("biomedicine,new_direction", Read("effective_investment.clusters", ("f.list", "1"), ("f", "biomedicine"), ("f.more", "new_direction")));
    }

    [Fact]
    public void Form_CapsRows_AndTheTextWinsOverThem()
    {
        var rows = new[]
        {
            ("f", ""),
            ("f.rows[0].id", "D-6a"), ("f.rows[0].levels", "province"), ("f.rows[0].per", "project"), ("f.rows[0].amount", "400万"),
            ("f.rows[1].id", ""), ("f.rows[1].per", ""), ("f.rows[1].amount", ""),
            ("f.rows[2].id", "D-8"), ("f.rows[2].levels", "province"), ("f.rows[2].levels", "kunshan"), ("f.rows[2].per", "enterprise"), ("f.rows[2].amount", "8,000,000"),
        };
        Assert.Equal("[{ id: \"D-6a\", levels: [province], per: project, amount: 4000000 }, { id: \"D-8\", levels: [province, kunshan], per: enterprise, amount: 8000000 }]",
            Read("loan.caps", rows));
        Assert.Equal("[]", Read("loan.caps", ("f.rows[0].id", ""), ("f.rows[0].per", ""), ("f.rows[0].amount", "")));
        Assert.Equal("[{ id: \"X\", levels: [central], per: project, amount: 1 }]",
            Read("loan.caps", [.. rows.Where(r => r.Item1 != "f"), ("f", "[{ id: X, levels: [central], per: project, amount: 1 }]")]));
    }

    [Fact]
    public void Editor_ShowsWhatTheReaderReadsBackToTheSameValue()
    {
        foreach (var d in PolicyEngine.Default.Parameters.Definitions)
        {
            if (d.At(Date)?.Value is not { } value || d.Type == ParameterType.Caps) continue;
            var editor = new ParameterEditor(d, "f") { Value = value };
            var fields = new List<(string, string)>();
            if (d.Type == ParameterType.List && editor.Choices is not null)
            {
                fields.Add(("f.list", "1"));
                fields.AddRange(editor.Options().Where(o => o.Checked).Select(o => ("f", o.Term.Code)));
            }
            else fields.Add(("f", editor.Text));
            var read = Read(d.Name, [.. fields]);
            Assert.True(read is not null && ParameterText.Same(d, Date, read), $"{d.Name}: shown {editor.Text}, read {read}");
        }
        var caps = new ParameterEditor(P("loan.caps"), "f") { Value = P("loan.caps").At(Date)!.Value };
        Assert.Equal(4 + caps.EmptyRows, caps.Rows().Count);
        var first = caps.Rows()[0];
        Assert.Equal(("D-6a", "project", "5,000,000"), (first.Id, first.Per, first.Amount));
        Assert.Equal(["province"], first.Levels);
        Assert.True(caps.Rows()[^1].IsEmpty);
    }
}
