using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Parameters;
using Renewal.Services.Workflow;

namespace Renewal.Services.Revisions;

/// <summary>
/// Stored revisions of the rules (issue 11, POLICY.md V-1, V-6): a bureau administrator drafts one — a revision file
/// uploaded or written by the forms — changes or discards the draft, and a <em>different</em> administrator publishes
/// it. Every step is audited; a published revision is never changed (the entity, the context and the database refuse
/// it). Reading a draft against the pack refuses it whole with every problem named (V-1). Authorization is checked
/// here for every call: bureau staff read, bureau administrators write.
/// </summary>
public sealed class RevisionService(LibraryDbContext db, RuleBook rules, TimeProvider clock)
{
    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Who may read the revisions and their impact: the bureau's reviewers and administrators.</summary>
    public static bool MayRead(UserContext user) => user is { IsBureau: true };

    /// <summary>Who may draft, change, discard and publish: bureau administrators (publishing: not the drafter).</summary>
    public static bool MayWrite(UserContext user) => user is { Role: Role.BureauAdmin };

    /// <summary>Every stored revision, newest first.</summary>
    public async Task<Result<IReadOnlyList<RuleRevision>>> ListAsync(UserContext user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!MayRead(user)) return Result<IReadOnlyList<RuleRevision>>.Fail(ResultKind.Forbidden, "只有市局人员可以查看规则修订");
        var rows = await db.Revisions.AsNoTracking().OrderByDescending(r => r.Id).ToListAsync(ct);
        return Result<IReadOnlyList<RuleRevision>>.Success(rows);
    }

    /// <summary>One stored revision.</summary>
    public async Task<Result<RuleRevision>> GetAsync(UserContext user, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!MayRead(user)) return Result<RuleRevision>.Fail(ResultKind.Forbidden, "只有市局人员可以查看规则修订");
        var row = await db.Revisions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return row is null ? Result<RuleRevision>.Fail(ResultKind.NotFound, "修订不存在") : Result<RuleRevision>.Success(row);
    }

    /// <summary>Reads a revision file against the pack: the document, or every problem (V-1), in Chinese.</summary>
    public Result<Revision> Read(string? text, string fileName = "修订")
    {
        if (string.IsNullOrWhiteSpace(text)) return Result<Revision>.Fail(ResultKind.Invalid, "修订内容为空：请上传修订文件或填写修订");
        if (text.Length > RuleRevision.TextLength) return Result<Revision>.Fail(ResultKind.Invalid, $"修订文件过长：最多 {RuleRevision.TextLength:#,##0} 个字符");
        try
        {
            var revision = RevisionReader.Read(text, fileName, rules.Pack.Parameters);
            if (revision.Id.Length > RuleRevision.DocumentIdLength) return Result<Revision>.Fail(ResultKind.Invalid, $"修订编号（id）最多 {RuleRevision.DocumentIdLength} 个字符");
            if (revision.Title.Length > RuleRevision.TitleLength) return Result<Revision>.Fail(ResultKind.Invalid, $"修订标题（title）最多 {RuleRevision.TitleLength} 个字符");
            if (revision.Source.Length > RuleRevision.SourceLength) return Result<Revision>.Fail(ResultKind.Invalid, $"修订依据（source）最多 {RuleRevision.SourceLength} 个字符");
            return Result<Revision>.Success(revision);
        }
        catch (RevisionFormatException e)
        {
            return Result<Revision>.Fail(ResultKind.Invalid, string.Join("\n", e.Errors.Select(x => x.ToString())));
        }
    }

    /// <summary>A bureau administrator drafts a revision from its file's text (uploaded, or written by the forms).</summary>
    public async Task<Result<RuleRevision>> DraftAsync(UserContext user, string? text, string fileName = "修订", CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!MayWrite(user)) return Result<RuleRevision>.Fail(ResultKind.Forbidden, "只有市局管理员可以起草规则修订");
        var read = Read(text, fileName);
        if (!read.Ok) return Result<RuleRevision>.Fail(read.Kind, read.Message!);
        var r = read.Value!;
        if (Clash(r) is { } clash) return Result<RuleRevision>.Fail(ResultKind.Conflict, clash);
        var row = RuleRevision.Draft(r.Id, r.Title, r.Source, r.PublishedOn, text!, user.UserName, Now);
        db.Revisions.Add(row);
        AuditLog.Append(db, user.Actor, "draft", "revision", r.Id, null, Describe(row), Now);
        return await SaveAsync(row, r.Id, ct);
    }

    /// <summary>The drafter (or another administrator) changes a draft; a published revision is never changed.</summary>
    public async Task<Result<RuleRevision>> ReplaceAsync(UserContext user, int id, string? text, long? expectedVersion = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!MayWrite(user)) return Result<RuleRevision>.Fail(ResultKind.Forbidden, "只有市局管理员可以修改规则修订");
        var row = await db.Revisions.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (row is null) return Result<RuleRevision>.Fail(ResultKind.NotFound, "修订不存在");
        if (row.State != RevisionState.Draft) return Result<RuleRevision>.Fail(ResultKind.Conflict, $"修订 {row.DocumentId} 已{Words(row.State)}，不能修改：更正请起草新的修订");
        if (expectedVersion is { } v && v != row.Version) return Result<RuleRevision>.Fail(ResultKind.Conflict, "其他人已修改该草稿，请刷新后重试");
        var read = Read(text, row.DocumentId);
        if (!read.Ok) return Result<RuleRevision>.Fail(read.Kind, read.Message!);
        var r = read.Value!;
        if (Clash(r) is { } clash) return Result<RuleRevision>.Fail(ResultKind.Conflict, clash);
        var before = Describe(row);
        row.Replace(r.Id, r.Title, r.Source, r.PublishedOn, text!);
        AuditLog.Append(db, user.Actor, "update", "revision", r.Id, before, Describe(row), Now);
        return await SaveAsync(row, r.Id, ct);
    }

    /// <summary>A draft given up (kept for the record, its id freed).</summary>
    public async Task<Result<RuleRevision>> DiscardAsync(UserContext user, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!MayWrite(user)) return Result<RuleRevision>.Fail(ResultKind.Forbidden, "只有市局管理员可以作废规则修订草稿");
        var row = await db.Revisions.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (row is null) return Result<RuleRevision>.Fail(ResultKind.NotFound, "修订不存在");
        if (row.State != RevisionState.Draft) return Result<RuleRevision>.Fail(ResultKind.Conflict, $"修订 {row.DocumentId} 已{Words(row.State)}，不能作废");
        var before = Describe(row);
        row.Discard(user.UserName, Now);
        AuditLog.Append(db, user.Actor, "discard", "revision", row.DocumentId, before, Describe(row), Now);
        return await SaveAsync(row, row.DocumentId, ct);
    }

    /// <summary>
    /// A second bureau administrator publishes a draft (V-6): the drafter cannot. From then on the platform applies it as
    /// known from its published_on day (V-4) on every node; decided awards keep the rules they were decided under (V-5).
    /// </summary>
    public async Task<Result<RuleRevision>> PublishAsync(UserContext user, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!MayWrite(user)) return Result<RuleRevision>.Fail(ResultKind.Forbidden, "只有市局管理员可以发布规则修订");
        var row = await db.Revisions.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (row is null) return Result<RuleRevision>.Fail(ResultKind.NotFound, "修订不存在");
        if (row.State != RevisionState.Draft) return Result<RuleRevision>.Fail(ResultKind.Conflict, $"修订 {row.DocumentId} 已{Words(row.State)}，不能再发布");
        if (string.Equals(row.DraftedBy, user.UserName, StringComparison.OrdinalIgnoreCase))
            return Result<RuleRevision>.Fail(ResultKind.Forbidden, $"修订 {row.DocumentId} 由您起草，须由另一位市局管理员发布（双人规则 V-6）");
        // Read again: the pack may have changed since the draft (a new release), and the rule book since (a publication).
        await rules.RefreshAsync(db, ct);
        var read = Read(row.Text, row.DocumentId);
        if (!read.Ok) return Result<RuleRevision>.Fail(read.Kind, "草稿按现行规则包已不能读取：" + read.Message);
        if (Clash(read.Value!) is { } clash) return Result<RuleRevision>.Fail(ResultKind.Conflict, clash);
        var before = Describe(row);
        row.Publish(user.UserName, Now);
        AuditLog.Append(db, user.Actor, "publish", "revision", row.DocumentId, before, Describe(row), Now);
        var saved = await SaveAsync(row, row.DocumentId, ct);
        if (saved.Ok) await rules.RefreshAsync(db, ct);
        return saved;
    }

    /// <summary>A published revision with the same id as <paramref name="r"/>: the id is taken.</summary>
    private string? Clash(Revision r) =>
        rules.Published.Any(p => p.Id == r.Id) ? $"修订编号 {r.Id} 已被已发布的修订使用：更正请用新的编号" : null;

    private async Task<Result<RuleRevision>> SaveAsync(RuleRevision row, string documentId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result<RuleRevision>.Success(row);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e, RuleRevision.UniqueIndex))
        {
            db.ChangeTracker.Clear();
            return Result<RuleRevision>.Fail(ResultKind.Conflict, $"修订编号 {documentId} 已存在（草稿或已发布）：请换一个编号，或修改那份草稿");
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result<RuleRevision>.Fail(ResultKind.Conflict, $"修订 {documentId} 已被其他人同时处理，请刷新后重试");
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The audit chain's previous-hash collided with another write: nothing was saved.
            db.ChangeTracker.Clear();
            return Result<RuleRevision>.Fail(ResultKind.Conflict, "其他人同时处理了规则修订，请重试");
        }
    }

    private static string Words(RevisionState s) => s switch
    {
        RevisionState.Published => "发布",
        RevisionState.Discarded => "作废",
        _ => "起草",
    };

    private static string Describe(RuleRevision r) => JsonSerializer.Serialize(new
    {
        id = r.DocumentId, r.Title, r.Source, published_on = r.PublishedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        state = r.State.ToString(), r.Hash, drafted_by = r.DraftedBy, published_by = r.PublishedBy,
    }, AuditLog.SnapshotJson);

}
