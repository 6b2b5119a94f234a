using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Simulation;
using Renewal.Services.Budget;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Reports;

/// <summary>
/// One approved or paid award on the notice. Subject (项目或贷款): the project's name, 贷款 and the loan's code, or
/// 企业年度技改投入 for scheme C. Basis: the articles of the rules that held or computed the amount (细则二（一）2（B-2）).
/// Code: the verification code (核验码) of the decision of record (issue 11), which anyone can check at <c>/verify/{code}</c>;
/// null for an approval from before decision records were kept.
/// </summary>
public sealed record AwardNoticeLine(string Number, Scheme Scheme, string Subject, ApplicationState State, decimal Amount,
    string? ParameterVersion, IReadOnlyList<string> Basis, string? Code = null);

/// <summary>
/// What an award notice (奖补通知书) says: to whom, for which year, which awards, on which date and by whom. VerifyAt: where
/// the reader checks a code — the platform's address (<c>https://host</c>) when the issuer knows it; null prints the
/// path alone (<c>/verify/{code}</c>).
/// </summary>
public sealed record AwardNotice(string Enterprise, string CreditCode, string Area, int Year, DateOnly Date, string IssuedBy,
    IReadOnlyList<AwardNoticeLine> Lines, string? VerifyAt = null)
{
    /// <summary>The address at which <paramref name="code"/> is checked: <see cref="VerifyAt"/> + <c>/verify/</c> + the code.</summary>
    public string VerifyUrl(string code) => (VerifyAt ?? "").TrimEnd('/') + "/verify/" + code;

    /// <summary>The seed names no issuer for award notices; the platform's 市工信局 (where objections go) issues them (ADR-011).</summary>
    public const string DefaultIssuer = "昆山市工业和信息化局";

    public decimal Total => Lines.Sum(l => l.Amount);
}

/// <summary>Reads an award notice from the library: an enterprise's approved and paid applications of one year.</summary>
public static class AwardNotices
{
    /// <summary>The notice, or null when the enterprise has nothing approved or paid that year (or does not exist).</summary>
    public static AwardNotice? Load(LibraryDbContext db, int enterpriseId, int year, DateOnly date, string issuedBy = AwardNotice.DefaultIssuer)
    {
        ArgumentNullException.ThrowIfNull(db);
        var e = db.Enterprises.AsNoTracking().Where(x => x.Id == enterpriseId).Select(x => new { x.Name, x.CreditCode, x.Area }).FirstOrDefault();
        if (e is null) return null;
        var apps = db.Applications.AsNoTracking()
            .Where(a => a.EnterpriseId == enterpriseId && a.Year == year && a.ApprovedAmount != null
                && (a.State == ApplicationState.Approved || a.State == ApplicationState.Paid))
            .OrderBy(a => a.Number)
            .Select(a => new
            {
                a.Id, a.Number, a.Scheme, a.State, a.ApprovedAmount, a.ApprovedParameterVersion, a.Trace,
                Project = a.Project != null ? a.Project.Name : null, Loan = a.Loan != null ? a.Loan.Code : null,
            })
            .ToList();
        if (apps.Count == 0) return null;
        // Each award's decision of record: its latest approval record (an application approved again after a return has several).
        var ids = apps.Select(a => a.Id).ToList();
        var codes = db.Declarations.AsNoTracking().Where(d => ids.Contains(d.ApplicationId) && d.Purpose == DeclarationPurpose.Approval && d.Code != null)
            .Select(d => new { d.Id, d.ApplicationId, d.Code }).ToList()
            .GroupBy(d => d.ApplicationId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Id)!.Code);
        var lines = apps.Select(a => new AwardNoticeLine(a.Number, a.Scheme,
            a.Project ?? (a.Loan is { } l ? "贷款 " + l : "企业年度技改投入"), a.State, a.ApprovedAmount!.Value, a.ApprovedParameterVersion,
            Basis(a.Trace), codes.GetValueOrDefault(a.Id))).ToList();
        return new AwardNotice(e.Name, e.CreditCode, e.Area, year, date, issuedBy, lines);
    }

    /// <summary>The load by credit code, for the command line.</summary>
    public static AwardNotice? Load(LibraryDbContext db, string creditCode, int year, DateOnly date, string issuedBy = AwardNotice.DefaultIssuer)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = db.Enterprises.AsNoTracking().Where(x => x.CreditCode == creditCode).Select(x => (int?)x.Id).FirstOrDefault();
        return id is { } i ? Load(db, i, year, date, issuedBy) : null;
    }

    private sealed record TraceLine(string? Level, List<TraceStep>? Trace);

    private sealed record TraceStep(string Rule, string Article, string Status);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>
    /// The articles of the stored trace whose rules held (conditions) or computed the amount, each once, in trace order:
    /// 细则二（一）1（B-1）. Failed and not-applicable steps are not a basis of an award.
    /// </summary>
    public static IReadOnlyList<string> Basis(string? traceJson)
    {
        if (string.IsNullOrWhiteSpace(traceJson)) return [];
        List<TraceLine>? lines;
        try
        {
            lines = JsonSerializer.Deserialize<List<TraceLine>>(traceJson, Json);
        }
        catch (JsonException)
        {
            return [];
        }
        var byArticle = new List<(string Article, List<string> Rules)>();
        foreach (var step in (lines ?? []).SelectMany(l => l.Trace ?? []))
        {
            if (step.Status is not ("Holds" or "Computed")) continue;
            var article = Citations.Chinese(step.Article);
            var entry = byArticle.FirstOrDefault(x => x.Article == article);
            if (entry.Rules is null) byArticle.Add((article, [step.Rule]));
            else if (!entry.Rules.Contains(step.Rule)) entry.Rules.Add(step.Rule);
        }
        return [.. byArticle.Select(x => $"{x.Article}（{string.Join("、", x.Rules)}）")];
    }

}
