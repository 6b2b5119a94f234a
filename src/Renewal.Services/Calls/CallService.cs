using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Configurations;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Model;
using Renewal.Services.Materials;
using Renewal.Services.Workflow;

namespace Renewal.Services.Calls;

/// <summary>One material a call asks for, as the bureau enters it.</summary>
public sealed record CallMaterialInput(string? Name, bool Required, IReadOnlyList<string>? Types);

/// <summary>A call as the bureau enters it; times are Beijing time (what the form shows). <see cref="Notice"/>: its public notice's words and contact.</summary>
public sealed record CallInput(Scheme Scheme, int Year, string? Title, string? Announcement, DateTime OpensAt, DateTime ClosesAt, DateOnly? DistrictDeadline,
    IReadOnlyList<CallMaterialInput>? Materials, CallNoticeInput? Notice = null);

/// <summary>
/// The public notice of a call as the bureau enters it (issue 12 item 6): 公示说明 and who takes objections — 联系人,
/// 联系电话, 电子邮箱或通讯地址. All optional; all public on /notice.
/// </summary>
public sealed record CallNoticeInput(string? Text, string? Contact, string? Phone, string? Address);

/// <summary>
/// 申报批次 (issue 12 item 1): the bureau opens a call per scheme and year with a window (Beijing time), the districts'
/// deadline, the required materials and the announcement; it closes by itself at the end of its window, or earlier when
/// the bureau closes it. Everyone signed in reads the calls; only the bureau writes. Every step is audited.
/// </summary>
public sealed class CallService(LibraryDbContext db, TimeProvider clock)
{
    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The file-type codes a material may take.</summary>
    public static readonly IReadOnlyDictionary<string, MaterialType> TypeCodes = new Dictionary<string, MaterialType>(StringComparer.OrdinalIgnoreCase)
    {
        ["pdf"] = MaterialType.Pdf, ["png"] = MaterialType.Png, ["jpeg"] = MaterialType.Jpeg, ["xlsx"] = MaterialType.Xlsx,
    };

    /// <summary>The types of a material as stored (<c>pdf,png</c>).</summary>
    public static IReadOnlyList<MaterialType> TypesOf(CallMaterial m) =>
        [.. (m?.Types ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => TypeCodes[t])];

    /// <summary>Every call, the open ones first, then by year and scheme.</summary>
    public async Task<IReadOnlyList<ProgrammeCall>> ListAsync(CancellationToken ct = default)
    {
        var calls = await db.Calls.AsNoTracking().Include(c => c.Materials).ToListAsync(ct);
        var now = Now;
        return [.. calls.OrderByDescending(c => c.IsOpenAt(now)).ThenByDescending(c => c.Year).ThenBy(c => c.Scheme).ThenByDescending(c => c.OpensAt)];
    }

    /// <summary>The calls open now for <paramref name="scheme"/> (any year when null).</summary>
    public async Task<IReadOnlyList<ProgrammeCall>> OpenAsync(Scheme? scheme = null, CancellationToken ct = default)
    {
        var calls = await db.Calls.AsNoTracking().Include(c => c.Materials).Where(c => scheme == null || c.Scheme == scheme).ToListAsync(ct);
        var now = Now;
        return [.. calls.Where(c => c.IsOpenAt(now)).OrderBy(c => c.EndsAt)];
    }

    /// <summary>
    /// Why no application can be made at <paramref name="now"/> for <paramref name="scheme"/> and <paramref name="year"/>, given
    /// that scheme and year's <paramref name="calls"/>: when the next call opens, or when the last one closed (what
    /// <see cref="ApplicationService.CreateAsync"/> answers, and what the new-application page says before anything is typed).
    /// </summary>
    public static string WhyClosed(Scheme scheme, int year, IReadOnlyList<ProgrammeCall> calls, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var what = $"{Codes.Label(scheme)} {year} 年度";
        if (calls.Where(c => c.OpensAt > now).MinBy(c => c.OpensAt) is { } next)
            return $"{what}的申报批次“{next.Title}”尚未开放：{BeijingTime.At(next.OpensAt):yyyy-MM-dd HH:mm} 起可以申报";
        if (calls.MaxBy(c => c.EndsAt) is { } last)
            return $"{what}的申报批次“{last.Title}”已于 {BeijingTime.At(last.EndsAt):yyyy-MM-dd HH:mm} 截止，目前不能申报";
        return $"{what}尚未开放申报批次，目前不能申报";
    }

    /// <summary>The bureau opens a call. Refused, naming the field, when the window is empty, overlaps another call of the same scheme and year, or a material is malformed.</summary>
    public async Task<Result<ProgrammeCall>> CreateAsync(UserContext user, CallInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.IsBureau) return Result<ProgrammeCall>.Fail(ResultKind.Forbidden, "申报批次由市局开设");
        if (!ProgrammeYears.Contains(input.Year)) return Result<ProgrammeCall>.Fail(ResultKind.Invalid, $"年度（year）应在 {ProgrammeYears.Text} 之间");
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title)) return Result<ProgrammeCall>.Fail(ResultKind.Invalid, "请填写批次名称（title）");
        if (TextLimits.Check(title, "批次名称", "title", ProgrammeCall.TitleLength) is { } t1) return Result<ProgrammeCall>.Fail(ResultKind.Invalid, t1);
        var announcement = input.Announcement?.Trim() ?? "";
        if (TextLimits.Check(announcement, "申报通知", "announcement", ProgrammeCall.AnnouncementLength) is { } t2) return Result<ProgrammeCall>.Fail(ResultKind.Invalid, t2);
        var (notice, noticeRefusal) = NoticeOf(input.Notice);
        if (noticeRefusal is not null) return Result<ProgrammeCall>.Fail(ResultKind.Invalid, noticeRefusal);
        var opens = new DateTimeOffset(DateTime.SpecifyKind(input.OpensAt, DateTimeKind.Unspecified), BeijingTime.Offset);
        var closes = new DateTimeOffset(DateTime.SpecifyKind(input.ClosesAt, DateTimeKind.Unspecified), BeijingTime.Offset);
        if (closes <= opens) return Result<ProgrammeCall>.Fail(ResultKind.Invalid, "截止时间（closes_at）应晚于开始时间（opens_at）");
        if (input.DistrictDeadline is { } dd && dd < DateOnly.FromDateTime(closes.DateTime))
            return Result<ProgrammeCall>.Fail(ResultKind.Invalid, "区镇初审截止日（district_deadline）不能早于申报截止日");

        var materials = new List<CallMaterial>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var m in input.Materials ?? [])
        {
            n++;
            var name = m.Name?.Trim();
            if (string.IsNullOrEmpty(name)) continue; // an empty row of the form
            if (name.Length > CallMaterial.NameLength) return Result<ProgrammeCall>.Fail(ResultKind.Invalid, $"材料第 {n} 行的名称（materials[{n}].name）最多 {CallMaterial.NameLength} 个字");
            if (!names.Add(name)) return Result<ProgrammeCall>.Fail(ResultKind.Invalid, $"材料“{name}”重复（materials[{n}].name）");
            var types = (m.Types ?? []).Select(x => x.Trim().ToLowerInvariant()).Where(x => x.Length > 0).Distinct().ToList();
            if (types.Count == 0) return Result<ProgrammeCall>.Fail(ResultKind.Invalid, $"材料“{name}”须选择至少一种文件类型（materials[{n}].types）");
            if (types.FirstOrDefault(x => !TypeCodes.ContainsKey(x)) is { } bad)
                return Result<ProgrammeCall>.Fail(ResultKind.Invalid, $"材料“{name}”的文件类型“{bad}”不受支持（可选 PDF、PNG、JPEG、xlsx）");
            materials.Add(new CallMaterial { Order = materials.Count + 1, Name = name, Required = m.Required, Types = string.Join(",", types) });
        }

        await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
        var same = await db.Calls.AsNoTracking().Where(c => c.Scheme == input.Scheme && c.Year == input.Year).ToListAsync(ct);
        if (same.FirstOrDefault(c => c.OpensAt < closes && opens < c.EndsAt) is { } overlap)
            return Result<ProgrammeCall>.Fail(ResultKind.Conflict,
                $"与批次“{overlap.Title}”（{BeijingTime.At(overlap.OpensAt):yyyy-MM-dd HH:mm} 至 {BeijingTime.At(overlap.EndsAt):yyyy-MM-dd HH:mm}）时间重叠：同一政策同一年度同时只开一个批次");
        var call = new ProgrammeCall
        {
            Scheme = input.Scheme, Year = input.Year, Title = title, Announcement = announcement, OpensAt = opens.ToUniversalTime(), ClosesAt = closes.ToUniversalTime(),
            DistrictDeadline = input.DistrictDeadline, CreatedBy = user.UserName, CreatedAt = Now, Materials = materials,
        };
        notice.ApplyTo(call);
        db.Calls.Add(call);
        AuditLog.Append(db, user.Actor, "open", "call", title, null, Describe(call), Now);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return Result<ProgrammeCall>.Fail(ResultKind.Conflict, "其他人同时开设了批次，请刷新后重试");
        }
        catch (System.Data.Common.DbException)
        {
            // PostgreSQL's serializable check at commit: another call of the same scheme and year was opened meanwhile.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return Result<ProgrammeCall>.Fail(ResultKind.Conflict, "其他人同时开设了批次，请刷新后重试");
        }
        return Result<ProgrammeCall>.Success(call);
    }

    /// <summary>The bureau closes an open call before its window ends (提前截止).</summary>
    public async Task<Result<ProgrammeCall>> CloseAsync(UserContext user, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsBureau) return Result<ProgrammeCall>.Fail(ResultKind.Forbidden, "申报批次由市局管理");
        var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (call is null) return Result<ProgrammeCall>.Fail(ResultKind.NotFound, "申报批次不存在");
        if (call.EndsAt <= Now) return Result<ProgrammeCall>.Fail(ResultKind.Invalid, $"批次“{call.Title}”已截止");
        var before = Describe(call);
        call.ClosedEarlyAt = Now < call.OpensAt ? call.OpensAt : Now;
        AuditLog.Append(db, user.Actor, "close", "call", call.Title, before, Describe(call), Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result<ProgrammeCall>.Fail(ResultKind.Conflict, "其他人同时修改了该批次，请刷新后重试");
        }
        return Result<ProgrammeCall>.Success(call);
    }

    /// <summary>
    /// The bureau changes a call's public notice — 公示说明 and the contact for objections — at any time, also after the
    /// call closed (the notice of its applications comes later). Audited with the words before and after.
    /// </summary>
    public async Task<Result<ProgrammeCall>> UpdateNoticeAsync(UserContext user, int id, CallNoticeInput input, long? expectedVersion = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.IsBureau) return Result<ProgrammeCall>.Fail(ResultKind.Forbidden, "公示说明由市局填写");
        var call = await db.Calls.Include(c => c.Materials).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (call is null) return Result<ProgrammeCall>.Fail(ResultKind.NotFound, "申报批次不存在");
        if (expectedVersion is { } v && v != call.Version) return Result<ProgrammeCall>.Fail(ResultKind.Conflict, "其他人同时修改了该批次，请刷新后重试");
        var (notice, refusal) = NoticeOf(input);
        if (refusal is not null) return Result<ProgrammeCall>.Fail(ResultKind.Invalid, refusal);
        var before = DescribeNotice(call);
        notice.ApplyTo(call);
        var after = DescribeNotice(call);
        if (before == after) return Result<ProgrammeCall>.Success(call);
        AuditLog.Append(db, user.Actor, "修改公示说明", "call", call.Title, before, after, Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result<ProgrammeCall>.Fail(ResultKind.Conflict, "其他人同时修改了该批次，请刷新后重试");
        }
        return Result<ProgrammeCall>.Success(call);
    }

    /// <summary>The notice as typed, trimmed (empty contact fields are none), or the refusal naming the field that is too long.</summary>
    private static (Notice Notice, string? Refusal) NoticeOf(CallNoticeInput? input)
    {
        var text = input?.Text?.Trim() ?? "";
        static string? Field(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var notice = new Notice(text, Field(input?.Contact), Field(input?.Phone), Field(input?.Address));
        var refusal = TextLimits.Check(notice.Text, "公示说明", "notice_text", ProgrammeCall.NoticeTextLength)
            ?? TextLimits.Check(notice.Contact, "异议联系人", "notice_contact", ProgrammeCall.NoticeContactLength)
            ?? TextLimits.Check(notice.Phone, "联系电话", "notice_phone", ProgrammeCall.NoticeContactLength)
            ?? TextLimits.Check(notice.Address, "电子邮箱或通讯地址", "notice_address", ProgrammeCall.NoticeContactLength);
        return (notice, refusal);
    }

    private sealed record Notice(string Text, string? Contact, string? Phone, string? Address)
    {
        public void ApplyTo(ProgrammeCall c)
        {
            c.NoticeText = Text;
            c.NoticeContact = Contact;
            c.NoticePhone = Phone;
            c.NoticeAddress = Address;
        }
    }

    private static string DescribeNotice(ProgrammeCall c) => JsonSerializer.Serialize(new
    {
        notice_text = c.NoticeText, notice_contact = c.NoticeContact, notice_phone = c.NoticePhone, notice_address = c.NoticeAddress,
    }, AuditLog.SnapshotJson);

    private static string Describe(ProgrammeCall c) => JsonSerializer.Serialize(new
    {
        scheme = Codes.Of(c.Scheme), c.Year, c.Title,
        opens_at = BeijingTime.At(c.OpensAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        closes_at = BeijingTime.At(c.EndsAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        district_deadline = c.DistrictDeadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        materials = c.Materials.OrderBy(m => m.Order).Select(m => $"{m.Name}{(m.Required ? "（必需）" : "")}：{m.Types}"),
        notice_text = c.NoticeText, notice_contact = c.NoticeContact, notice_phone = c.NoticePhone, notice_address = c.NoticeAddress,
    }, AuditLog.SnapshotJson);

}
