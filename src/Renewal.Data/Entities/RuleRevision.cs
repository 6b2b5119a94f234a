using System.Security.Cryptography;
using System.Text;

namespace Renewal.Data.Entities;

/// <summary>Where a stored revision of the rules stands (POLICY.md V-6).</summary>
public enum RevisionState
{
    /// <summary>草稿 — drafted by one bureau administrator; may still be changed or discarded; applies to nothing.</summary>
    Draft,
    /// <summary>已发布 — published by a second administrator; the platform applies it from its published_on day; never edited.</summary>
    Published,
    /// <summary>已作废 — a draft given up before publication; kept for the record, applies to nothing.</summary>
    Discarded,
}

/// <summary>
/// 规则修订 — a revision of the rules (POLICY.md V-1) kept by the platform, as the revision file's text (SCENARIOS.md
/// "Revision files") with its SHA-256. Drafted by one bureau administrator, published by another (V-6); once published
/// the row is never changed or deleted — the database refuses it (triggers on both providers, a check constraint for the
/// two people) and so does the entity. The document's id, title, source and published_on day are copied out of the text
/// for listing and for the unique index; the text is what the engine reads.
/// </summary>
public sealed class RuleRevision : IVersioned
{
    private RuleRevision() { }

    /// <summary>The unique index over the document ids of drafts and published revisions (a discarded draft frees its id).</summary>
    public const string UniqueIndex = "ux_rule_revisions_document";

    /// <summary>The unique index's filter, the same text on SQLite and PostgreSQL (the state is stored by name).</summary>
    public const string LiveFilterSql = "\"State\" <> 'Discarded'";

    /// <summary>The check constraint of V-6: whoever published a revision did not draft it.</summary>
    public const string TwoPeopleCheck = "ck_rule_revisions_two_people";

    /// <summary>The check's SQL, the same on both providers.</summary>
    public const string TwoPeopleSql = "\"PublishedBy\" IS NULL OR \"PublishedBy\" <> \"DraftedBy\"";

    public const int DocumentIdLength = 64;
    public const int TitleLength = 200;
    public const int SourceLength = 200;
    /// <summary>A revision file is short; 200,000 characters leaves room for a long caps table and refuses an upload by mistake.</summary>
    public const int TextLength = 200_000;

    /// <summary>A new draft of the revision file <paramref name="text"/> whose header the caller has read (id, title, source, day).</summary>
    public static RuleRevision Draft(string documentId, string title, string source, DateOnly publishedOn, string text, string by, DateTimeOffset at)
    {
        var r = new RuleRevision { State = RevisionState.Draft, DraftedBy = by, DraftedAt = at };
        r.Set(documentId, title, source, publishedOn, text);
        return r;
    }

    /// <summary>The SHA-256 of a revision file's text (UTF-8), lower-case hex.</summary>
    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public int Id { get; private set; }
    /// <summary>The revision's own id (<c>revision.id</c> of the file), e.g. JS-2024-08.</summary>
    public string DocumentId { get; private set; } = "";
    public string Title { get; private set; } = "";
    /// <summary>The issuing document (文号) or where it was published.</summary>
    public string Source { get; private set; } = "";
    /// <summary>V-1 <c>published_on</c>: the day the rule became known; the platform applies it as known on that day and after (V-4).</summary>
    public DateOnly PublishedOn { get; private set; }
    /// <summary>The revision file (YAML) as drafted; what the engine reads.</summary>
    public string Text { get; private set; } = "";
    /// <summary>SHA-256 of <see cref="Text"/>.</summary>
    public string Hash { get; private set; } = "";
    public RevisionState State { get; private set; }
    public string DraftedBy { get; private set; } = "";
    public DateTimeOffset DraftedAt { get; private set; }
    /// <summary>The second administrator who published it (never <see cref="DraftedBy"/>).</summary>
    public string? PublishedBy { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? DiscardedBy { get; private set; }
    public DateTimeOffset? DiscardedAt { get; private set; }
    public long Version { get; set; }

    /// <summary>Whether <see cref="Hash"/> is still the hash of <see cref="Text"/>.</summary>
    public bool IsIntact => string.Equals(Hash, HashOf(Text), StringComparison.Ordinal);

    /// <summary>The draft's new text (the drafter edits it before publication).</summary>
    /// <exception cref="InvalidOperationException">The revision is no longer a draft.</exception>
    public void Replace(string documentId, string title, string source, DateOnly publishedOn, string text)
    {
        if (State != RevisionState.Draft) throw new InvalidOperationException($"修订 {DocumentId} 已{(State == RevisionState.Published ? "发布" : "作废")}，不能修改：更正请起草新的修订");
        Set(documentId, title, source, publishedOn, text);
    }

    /// <summary>Publication by <paramref name="by"/>, who must not be the drafter (V-6).</summary>
    /// <exception cref="InvalidOperationException">Not a draft, or the drafter publishing their own draft.</exception>
    public void Publish(string by, DateTimeOffset at)
    {
        if (State != RevisionState.Draft) throw new InvalidOperationException($"修订 {DocumentId} 不是草稿，不能发布");
        if (string.Equals(by, DraftedBy, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"修订 {DocumentId} 由 {DraftedBy} 起草，须由另一位管理员发布（双人规则 V-6）");
        State = RevisionState.Published;
        PublishedBy = by;
        PublishedAt = at;
    }

    /// <summary>The draft given up; it frees its id for a new draft.</summary>
    /// <exception cref="InvalidOperationException">Not a draft.</exception>
    public void Discard(string by, DateTimeOffset at)
    {
        if (State != RevisionState.Draft) throw new InvalidOperationException($"修订 {DocumentId} 不是草稿，不能作废");
        State = RevisionState.Discarded;
        DiscardedBy = by;
        DiscardedAt = at;
    }

    private void Set(string documentId, string title, string source, DateOnly publishedOn, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        ArgumentException.ThrowIfNullOrEmpty(text);
        DocumentId = documentId;
        Title = title;
        Source = source;
        PublishedOn = publishedOn;
        Text = text;
        Hash = HashOf(text);
    }
}
