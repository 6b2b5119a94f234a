using Renewal.Policy.Model;

namespace Renewal.Data.Entities;

/// <summary>
/// 申报批次 — a call for applications to one scheme and award year (issue 12): a window (opens, closes; stored as
/// instants, shown in Beijing time), the districts' deadline for first review, the materials every application must or
/// may carry, and the announcement. Applications belong to a call and can be created and submitted only while it is
/// open; it closes by itself when its window ends (nothing needs to run: <see cref="IsOpenAt"/> is the rule), or
/// earlier when the bureau closes it. Past calls stay readable.
/// </summary>
public sealed class ProgrammeCall : IVersioned
{
    public const int TitleLength = 200;
    public const int AnnouncementLength = 8000;
    public const int NoticeTextLength = 4000;
    /// <summary>The longest 异议联系人, 联系电话 and 邮箱或通讯地址 of the notice (each).</summary>
    public const int NoticeContactLength = 200;

    public int Id { get; set; }
    public Scheme Scheme { get; set; }
    public int Year { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The announcement text (申报通知), shown to enterprises.</summary>
    public string Announcement { get; set; } = "";
    /// <summary>
    /// 公示说明 — what the public notice of this call's applications says above its list (issue 12 item 6): what is
    /// on notice and how to object. Shown to everyone on /notice; empty = the platform's general words.
    /// </summary>
    public string NoticeText { get; set; } = "";
    /// <summary>异议联系人 — who takes objections for this call (public on /notice).</summary>
    public string? NoticeContact { get; set; }
    /// <summary>联系电话 for objections (public on /notice).</summary>
    public string? NoticePhone { get; set; }
    /// <summary>电子邮箱或通讯地址 for objections in writing (public on /notice).</summary>
    public string? NoticeAddress { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    /// <summary>The day by which districts finish their first review (区镇初审截止日), Beijing time.</summary>
    public DateOnly? DistrictDeadline { get; set; }
    /// <summary>When the bureau closed the call before its window ended; null = it closes at <see cref="ClosesAt"/>.</summary>
    public DateTimeOffset? ClosedEarlyAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public long Version { get; set; }
    public List<CallMaterial> Materials { get; set; } = [];

    /// <summary>When the call stops taking applications: its window's end, or the bureau's early close.</summary>
    public DateTimeOffset EndsAt => ClosedEarlyAt is { } early && early < ClosesAt ? early : ClosesAt;

    /// <summary>True while applications can be created and submitted: from <see cref="OpensAt"/> (included) to <see cref="EndsAt"/> (excluded).</summary>
    public bool IsOpenAt(DateTimeOffset now) => OpensAt <= now && now < EndsAt;
}

/// <summary>One material a call asks for (申报材料清单): its name, whether it is required, the file types it takes.</summary>
public sealed class CallMaterial
{
    public const int NameLength = 100;

    public int Id { get; set; }
    public int CallId { get; set; }
    /// <summary>Its place in the call's list (1, 2, …).</summary>
    public int Order { get; set; }
    public string Name { get; set; } = "";
    public bool Required { get; set; }
    /// <summary>The file types it takes, comma-separated codes: pdf, png, jpeg, xlsx.</summary>
    public string Types { get; set; } = "pdf";
}

/// <summary>
/// 申报材料 — one uploaded file of an application, for one material of its call: stored content-addressed (its SHA-256
/// is the address), never overwritten — a new upload is the next version. The submission's declaration of record lists
/// the versions it was submitted with.
/// </summary>
public sealed class ApplicationMaterial
{
    public const int FileNameLength = 200;
    public const string UniqueIndex = "ux_application_materials_version";

    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public int CallMaterialId { get; set; }
    /// <summary>1 for the first upload of this material to this application, then 2, …</summary>
    public int Version { get; set; }
    public string Sha256 { get; set; } = "";
    public long Length { get; set; }
    /// <summary>The type read from the content: pdf, png, jpeg, xlsx.</summary>
    public string Type { get; set; } = "";
    /// <summary>The name the file had on the uploader's machine (shown, never used as a path).</summary>
    public string FileName { get; set; } = "";
    public string UploadedBy { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
}
