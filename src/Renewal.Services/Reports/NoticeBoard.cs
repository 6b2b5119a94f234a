using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Services.Workflow;

namespace Renewal.Services.Reports;

/// <summary>One application on the notice board: its line of the public notice, and whether and until when objections are taken.</summary>
/// <param name="Row">The line of <see cref="PublicNotice"/>.</param>
/// <param name="Refusal">Why no objection is taken today; null while its notice runs.</param>
/// <param name="DaysLeft">While its notice runs: whole days after today to its last day (0 = today is the last).</param>
public sealed record NoticeBoardEntry(PublicNoticeRow Row, string? Refusal, int? DaysLeft)
{
    public bool TakesObjections => Refusal is null;
}

/// <summary>The applications of one call on notice, under the call's notice text and contact; <see cref="Call"/> null for those of no call.</summary>
public sealed record NoticeBoardSection(ProgrammeCall? Call, IReadOnlyList<NoticeBoardEntry> Entries)
{
    /// <summary>True while at least one of its applications takes objections.</summary>
    public bool Running => Entries.Any(e => e.TakesObjections);
}

/// <summary>What the board can be filtered by: the years and the calls that have anything on it.</summary>
public sealed record NoticeBoard(IReadOnlyList<NoticeBoardSection> Sections, IReadOnlyList<int> Years, IReadOnlyList<ProgrammeCall> Calls)
{
    /// <summary>
    /// The public notice (公示, issue 12 item 6) grouped by call: every application on <see cref="PublicNotice"/> for
    /// <paramref name="year"/> and <paramref name="callId"/> (all when null), each with its notice period and whether it
    /// takes objections on <paramref name="today"/> (Kunshan's calendar). Sections whose notice still runs come first,
    /// then the newest. Past notices stay on it (approved, paid).
    /// </summary>
    public static async Task<NoticeBoard> LoadAsync(LibraryDbContext db, int? year, int? callId, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = PublicNotice.Query(db, null);
        var ids = all.Select(r => r.Id).ToList();
        var callOf = (await db.Applications.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.CallId }).ToListAsync(ct))
            .ToDictionary(a => a.Id, a => a.CallId);
        var callIds = callOf.Values.OfType<int>().Distinct().ToList();
        var calls = (await db.Calls.AsNoTracking().Where(c => callIds.Contains(c.Id)).ToListAsync(ct)).ToDictionary(c => c.Id);

        var rows = all.Where(r => (year is null || r.Year == year) && (callId is null || callOf[r.Id] == callId));
        var sections = rows.GroupBy(r => callOf[r.Id])
            .Select(g => new NoticeBoardSection(g.Key is { } k ? calls[k] : null, [.. g.Select(r => Entry(r, today))
                .OrderByDescending(e => e.TakesObjections).ThenByDescending(e => e.Row.From).ThenBy(e => e.Row.Number, StringComparer.Ordinal)]))
            .OrderByDescending(s => s.Running).ThenByDescending(s => s.Call?.Year ?? 0).ThenByDescending(s => s.Entries.Max(e => e.Row.From))
            .ToList();
        var years = all.Select(r => r.Year).Distinct().OrderDescending().ToList();
        var listed = calls.Values.Where(c => year is null || c.Year == year).OrderByDescending(c => c.Year).ThenBy(c => c.Scheme).ThenBy(c => c.Id).ToList();
        return new NoticeBoard(sections, years, listed);
    }

    private static NoticeBoardEntry Entry(PublicNoticeRow r, DateOnly today)
    {
        var refusal = r.From is { } from && r.To is { } to ? PublicObjections.RefusalOn(r.State, from, to, today) : "公示期未设定";
        return new NoticeBoardEntry(r, refusal, refusal is null ? r.To!.Value.DayNumber - today.DayNumber : null);
    }
}
