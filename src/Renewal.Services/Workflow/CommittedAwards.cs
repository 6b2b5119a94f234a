using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy;
using Renewal.Policy.Model;

namespace Renewal.Services.Workflow;

/// <summary>
/// What is committed (ADR-016): an award is committed from the moment it is approved (批准), paid or not. Every cap
/// counts committed awards — the <see cref="CapLedger"/> books at approval, and the engine's <c>prior_awards</c>
/// (B-4's lifetime cap, A-3's "no second demonstration award") are the committed awards of earlier years — so the
/// order of approvals and payments never changes an amount: payment only records money that was already reserved.
/// </summary>
/// <remarks>
/// An award in public notice (公示) is <b>not</b> committed and reserves nothing: it is not a decision yet — the
/// amount is computed again at approval (a cap may have filled, a revision may apply), and an objection can still
/// end in rejection (a rejected application never books). Reserving it would either have to be released again
/// (the later year's award, approved meanwhile with the room held back, could never be raised: V-5) or would
/// under-award for good. The ledger and the prior awards must agree on one definition, and approval is the one
/// moment both already share: the ledger has always booked at approval. See ADR-016.
/// </remarks>
public static class CommittedAwards
{
    /// <summary>The application states whose award is committed: approved and paid (an approved award is never withdrawn).</summary>
    public static IReadOnlyList<ApplicationState> States { get; } = [ApplicationState.Approved, ApplicationState.Paid];

    /// <summary>
    /// An approved application's award as the lines its payment records: D per level (from
    /// <see cref="AwardApplication.ApprovedByLevel"/>), any other scheme one line without a level.
    /// </summary>
    public static IReadOnlyList<(Level? Level, decimal Amount)> Lines(AwardApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return Lines(app.Scheme, app.ApprovedAmount, app.ApprovedByLevel);
    }

    private static IReadOnlyList<(Level? Level, decimal Amount)> Lines(Scheme scheme, decimal? approvedAmount, string? approvedByLevel)
    {
        if (scheme != Scheme.LoanInterest) return [(null, approvedAmount ?? 0)];
        return [.. (approvedByLevel ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('='))
            .Select(p => (Codes.TryParse(p[0], out Level l) ? l : (Level?)null, decimal.Parse(p[1], CultureInfo.InvariantCulture)))];
    }

    /// <summary>
    /// The committed awards of years before <paramref name="year"/> by project id (the engine's <c>prior_awards</c>):
    /// paid award decisions, and approved applications not paid yet, each in the form its payment will record — so an
    /// award reads the same before and after its payment.
    /// </summary>
    /// <param name="db">The library.</param>
    /// <param name="year">The award year evaluated; only earlier years count (B-4, I-3: prior awards are earlier years').</param>
    /// <param name="enterpriseId">Only this enterprise's projects.</param>
    public static ILookup<int, PriorAward> EarlierThan(LibraryDbContext db, int year, int? enterpriseId = null) =>
        EarlierThan(db, year, enterpriseId is { } id ? [id] : null);

    /// <summary>The same for the projects of <paramref name="enterprises"/> (stored ids; null = all).</summary>
    public static ILookup<int, PriorAward> EarlierThan(LibraryDbContext db, int year, IReadOnlyCollection<int>? enterprises)
    {
        ArgumentNullException.ThrowIfNull(db);
        var some = enterprises is not null;
        var ids = enterprises?.ToArray() ?? [];
        // Paid decisions first, then approved applications: a payment commits both (decision added, state to paid) in
        // one transaction, so if one lands between the two reads it is missed, never counted twice. Missing it only
        // makes the amount larger than the serial one, and then the ledger, which booked it at approval, refuses
        // (ADR-016); counting it twice would lower an award silently.
        var paid = db.AwardDecisions.AsNoTracking()
            .Where(a => a.Status == AwardStatus.Paid && a.Year < year && a.ProjectId != null && (!some || ids.Contains(a.EnterpriseId)))
            .Select(a => new { ProjectId = a.ProjectId!.Value, a.Scheme, a.Year, a.Amount })
            .ToList();
        var approved = db.Applications.AsNoTracking()
            .Where(a => a.State == ApplicationState.Approved && a.Year < year && a.ProjectId != null && (!some || ids.Contains(a.EnterpriseId)))
            .Select(a => new { ProjectId = a.ProjectId!.Value, a.Scheme, a.Year, a.ApprovedAmount, a.ApprovedByLevel })
            .ToList();
        return paid.Select(a => (a.ProjectId, Award: new PriorAward(a.Scheme, a.Year, new Money(a.Amount))))
            .Concat(approved.SelectMany(a => Lines(a.Scheme, a.ApprovedAmount, a.ApprovedByLevel)
                .Select(l => (a.ProjectId, Award: new PriorAward(a.Scheme, a.Year, new Money(l.Amount))))))
            // One order whatever the order of payments was (a scenario written from the library reads the same).
            .OrderBy(x => x.Award.Year).ThenBy(x => x.Award.Scheme).ThenBy(x => x.Award.Amount.Yuan)
            .ToLookup(x => x.ProjectId, x => x.Award);
    }
}
