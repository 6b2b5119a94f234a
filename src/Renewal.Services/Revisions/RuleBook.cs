using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;

namespace Renewal.Services.Revisions;

/// <summary>A published revision the platform could not read against the pack (e.g. a later release removed a parameter): not applied, shown to the bureau.</summary>
public sealed record RuleBookProblem(string DocumentId, string Message);

/// <summary>
/// The rules as the platform knows them (V-2, V-4): the pack and every revision published in the platform, read once per
/// change and shared by all requests of a node. <see cref="On"/> gives the engine as known on a day (the platform uses
/// today, Beijing time); <see cref="Reproduce"/> the engine a stored decision was made with (its revision ids and K).
/// Each node keeps its own copy and <see cref="RefreshAsync"/> reads the database's list of published revisions — a few
/// ids — to see a publication made on another node (the web app polls it every few seconds).
/// </summary>
public sealed class RuleBook
{
    private readonly ConcurrentDictionary<DateOnly, PolicyEngine> _byDay = new();
    private readonly ConcurrentDictionary<string, PolicyEngine> _reproduced = new(StringComparer.Ordinal);
    private volatile Loaded _loaded;

    public RuleBook(PolicyEngine pack)
    {
        Pack = pack ?? throw new ArgumentNullException(nameof(pack));
        _loaded = new Loaded("", [], [], []);
    }

    /// <summary>The engine of the pack alone (no stored revision).</summary>
    public PolicyEngine Pack { get; }

    /// <summary>The published revisions, in the order they were published (the V-2 order for those of one day).</summary>
    public ImmutableArray<Revision> Published => _loaded.Revisions;

    /// <summary>The stored rows of <see cref="Published"/> by document id (who drafted and published it, when).</summary>
    public ImmutableArray<PublishedRevision> Records => _loaded.Records;

    /// <summary>Published revisions that could not be read against the pack, with why.</summary>
    public ImmutableArray<RuleBookProblem> Problems => _loaded.Problems;

    /// <summary>Changes whenever the set of published revisions changes (their ids, in order).</summary>
    public string Stamp => _loaded.Stamp;

    /// <summary>When this node last read the list (UTC); null before the first read.</summary>
    public DateTimeOffset? CheckedAt { get; private set; }

    /// <summary>The engine of the rules as known on <paramref name="knownOn"/>: the pack and the published revisions whose published_on is on or before it.</summary>
    public PolicyEngine On(DateOnly knownOn)
    {
        // Even with no revision published the engine carries K: a decision stores the day its rules were known on (V-4).
        var loaded = _loaded;
        var engine = _byDay.GetOrAdd(knownOn, k => new PolicyEngine(Pack.Parameters.WithRevisions(loaded.Revisions, k), Pack.Lpr));
        // A refresh between the read of _loaded and the cache: the next call builds again from the new list.
        return ReferenceEquals(loaded, _loaded) ? engine : On(knownOn);
    }

    /// <summary>The engine as known on <paramref name="knownOn"/> with <paramref name="draft"/> layered after every published revision (a preview; V-5).</summary>
    /// <exception cref="ParameterException">The draft's id is that of a published revision with other content.</exception>
    public PolicyEngine WithDraft(Revision draft, DateOnly knownOn)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new PolicyEngine(Pack.Parameters.WithRevisions([.. _loaded.Revisions, draft], knownOn), Pack.Lpr);
    }

    /// <summary>
    /// The engine a decision was made with: exactly the revisions it names (in its order), as known on its K; null K and no
    /// revision = the pack. A revision it names that this platform does not hold (never published) is an error.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A named revision is not published here.</exception>
    public PolicyEngine Reproduce(IReadOnlyList<string> revisionIds, DateOnly? knownOn)
    {
        ArgumentNullException.ThrowIfNull(revisionIds);
        if (revisionIds.Count == 0 && knownOn is null) return Pack;
        var loaded = _loaded;
        var key = string.Join(",", revisionIds) + "@" + (knownOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return _reproduced.GetOrAdd(key, _ =>
        {
            var revisions = revisionIds.Select(id => loaded.Revisions.FirstOrDefault(r => r.Id == id)
                ?? throw new KeyNotFoundException($"修订 {id} 不是本平台已发布的修订")).ToList();
            return new PolicyEngine(Pack.Parameters.WithRevisions(revisions, knownOn), Pack.Lpr);
        });
    }

    /// <summary>Reads the list of published revisions; when it changed, loads and reads them. True when the rules changed.</summary>
    public async Task<bool> RefreshAsync(LibraryDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Published rows are few; they are ordered here (SQLite cannot order by a DateTimeOffset).
        var ids = (await db.Revisions.AsNoTracking().Where(r => r.State == RevisionState.Published)
            .Select(r => new { r.Id, r.PublishedAt }).ToListAsync(ct)).OrderBy(r => r.PublishedAt).ThenBy(r => r.Id).Select(r => r.Id).ToList();
        CheckedAt = DateTimeOffset.UtcNow;
        var stamp = string.Join(",", ids);
        if (stamp == _loaded.Stamp) return false;
        // Two refreshes at once load the same rows twice and agree; published rows never change, so either result is right.
        var rows = (await db.Revisions.AsNoTracking().Where(r => r.State == RevisionState.Published).ToListAsync(ct))
            .OrderBy(r => r.PublishedAt).ThenBy(r => r.Id).ToList();
        Load(rows);
        return true;
    }

    /// <summary>Reads the published revisions synchronously (the CLI).</summary>
    public void Refresh(LibraryDbContext db) => RefreshAsync(db).GetAwaiter().GetResult();

    private void Load(IReadOnlyList<RuleRevision> rows)
    {
        var revisions = ImmutableArray.CreateBuilder<Revision>();
        var records = ImmutableArray.CreateBuilder<PublishedRevision>();
        var problems = ImmutableArray.CreateBuilder<RuleBookProblem>();
        foreach (var row in rows)
        {
            try
            {
                if (!row.IsIntact) throw new RevisionFormatException("修订文本与其校验值不符（内容被改动）");
                var revision = RevisionReader.Read(row.Text, row.DocumentId, Pack.Parameters);
                revisions.Add(revision);
                records.Add(new PublishedRevision(row.Id, revision, row.Hash, row.DraftedBy, row.DraftedAt, row.PublishedBy!, row.PublishedAt!.Value));
            }
            catch (Exception e) when (e is RevisionFormatException or ParameterException)
            {
                problems.Add(new RuleBookProblem(row.DocumentId, e.Message));
            }
        }
        _loaded = new Loaded(string.Join(",", rows.Select(r => r.Id)), revisions.ToImmutable(), records.ToImmutable(), problems.ToImmutable());
        _byDay.Clear();
        _reproduced.Clear();
    }

    private sealed record Loaded(string Stamp, ImmutableArray<Revision> Revisions, ImmutableArray<PublishedRevision> Records, ImmutableArray<RuleBookProblem> Problems);
}

/// <summary>A published revision as the platform stored it: the document, its text's hash, the two people and when.</summary>
public sealed record PublishedRevision(int RowId, Revision Revision, string Hash, string DraftedBy, DateTimeOffset DraftedAt, string PublishedBy, DateTimeOffset PublishedAt);
