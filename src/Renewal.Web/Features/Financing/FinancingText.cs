using Renewal.Data.Entities;
using Renewal.Services.Financing;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Financing;

/// <summary>The words of 银企对接 on the pages: each status in Chinese (or English) and its tag's colour.</summary>
public static class FinancingText
{
    public static string Status(FinancingStatus s) => Lang.IsEnglish
        ? s switch { FinancingStatus.Interested => "Interested", FinancingStatus.Contacted => "Contacted", FinancingStatus.LoanSigned => "Loan signed", _ => "Declined" }
        : FinancingWords.Label(s);

    public static string Tag(FinancingStatus s) => s switch
    {
        FinancingStatus.LoanSigned => "tag ok",
        FinancingStatus.Declined => "tag no",
        FinancingStatus.Contacted => "tag warn",
        _ => "tag",
    };

    /// <summary>The rate in percent as typed (3.2%).</summary>
    public static string Percent(decimal percent) => percent.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
