using System.Globalization;
using Renewal.Data.Entities;
using Renewal.Services.Benchmarks;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Benchmarks;

/// <summary>The words of 标杆企业 on the pages: statuses and kinds in Chinese, the tag colours, the library figure beside each criterion.</summary>
public static class BenchmarkText
{
    public static string Status(BenchmarkRoundStatus s) => Lang.IsEnglish
        ? s switch
        {
            BenchmarkRoundStatus.Draft => "Draft", BenchmarkRoundStatus.Nominating => "Nominating", BenchmarkRoundStatus.Reviewing => "Under review",
            BenchmarkRoundStatus.Published => "Published", _ => "Withdrawn",
        }
        : BenchmarkWords.Label(s);

    public static string Tag(BenchmarkRoundStatus s) => s switch
    {
        BenchmarkRoundStatus.Published => "tag ok",
        BenchmarkRoundStatus.Withdrawn => "tag no",
        BenchmarkRoundStatus.Nominating or BenchmarkRoundStatus.Reviewing => "tag warn",
        _ => "tag",
    };

    public static string Kind(BenchmarkCriterionKind k) => Lang.IsEnglish
        ? k switch
        {
            BenchmarkCriterionKind.Industry => "Industry", BenchmarkCriterionKind.Investment => "Planned investment",
            BenchmarkCriterionKind.DigitalShare => "Digital share", _ => "Targets",
        }
        : BenchmarkWords.Label(k);

    /// <summary>What the library says beside a criterion (exact yuan; the share as a percentage with the exact parts).</summary>
    public static string Figure(BenchmarkCriterionKind k, BenchmarkFigures f, string? targets)
    {
        ArgumentNullException.ThrowIfNull(f);
        return k switch
        {
            BenchmarkCriterionKind.Industry => $"{f.Division} {f.DivisionName}" + (f.KeyIndustry ? Lang.T("（属于重点行业）", " (a key industry)") : Lang.T("（不属于重点行业）", " (not a key industry)")),
            BenchmarkCriterionKind.Investment => Lang.T($"2024—2027 年设备投资 {Display.Yuan(f.Equipment)} 元（{f.Projects} 个项目）", $"Equipment investment 2024–2027 {Display.Yuan(f.Equipment)} yuan ({f.Projects} projects)"),
            BenchmarkCriterionKind.DigitalShare => f.DigitalShare is null
                ? Lang.T("无设备投资，无法计算", "no equipment investment")
                : Lang.T($"数字化投资 {Display.Yuan(f.Digital)} 元 ÷ 设备投资 {Display.Yuan(f.Equipment)} 元 = {f.SharePercent}",
                    $"digital {Display.Yuan(f.Digital)} ÷ equipment {Display.Yuan(f.Equipment)} = {f.SharePercent}"),
            _ => targets ?? "",
        };
    }

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
