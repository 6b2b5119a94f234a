using System.Globalization;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Model;
using Renewal.Services;
using Renewal.Services.Calls;
using Renewal.Web.Features.Enterprise;

namespace Renewal.Web.Features.Calls;

/// <summary>One material row of the open-a-call form (and of POST /api/v1/calls), as typed.</summary>
public sealed class CallMaterialForm
{
    public string? Name { get; set; }
    public bool Required { get; set; }
    /// <summary>The type codes ticked: pdf, png, jpeg, xlsx.</summary>
    public List<string> Types { get; set; } = [];
}

/// <summary>
/// A call as the bureau types it (the page's form, and the body of POST /api/v1/calls): times in Beijing time as a
/// datetime-local input sends them (<c>2026-03-10T09:00</c>; the API also takes an instant with its offset). Kept as
/// text, so a refused form shows exactly what was typed.
/// </summary>
public sealed class CallForm
{
    /// <summary>Rows the page offers; empty rows are ignored.</summary>
    public const int Rows = 5;

    public string? Scheme { get; set; }
    public string? Year { get; set; }
    public string? Title { get; set; }
    public string? Announcement { get; set; }
    public string? OpensAt { get; set; }
    public string? ClosesAt { get; set; }
    public string? DistrictDeadline { get; set; }
    /// <summary>公示说明 and the contact for objections (issue 12 item 6); also editable later on the call's page.</summary>
    public string? NoticeText { get; set; }
    public string? NoticeContact { get; set; }
    public string? NoticePhone { get; set; }
    public string? NoticeAddress { get; set; }
    public List<CallMaterialForm> Materials { get; set; } = [];

    /// <summary>The notice fields as the service takes them.</summary>
    public CallNoticeInput Notice => new(NoticeText, NoticeContact, NoticePhone, NoticeAddress);

    /// <summary>A fresh form: this year, opening at the next full minute (Beijing time), PDF ticked on every row.</summary>
    public static CallForm Fresh(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.Now();
        var next = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        var year = ProgrammeYears.Contains(now.Year) ? now.Year : ProgrammeYears.All[0];
        return new CallForm
        {
            Year = year.ToString(CultureInfo.InvariantCulture),
            OpensAt = next.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            Materials = [.. Enumerable.Range(0, Rows).Select(_ => new CallMaterialForm { Types = ["pdf"] })],
        };
    }

    /// <summary>The rows to show again: what was typed, padded with empty rows.</summary>
    public IReadOnlyList<CallMaterialForm> RowsToShow() =>
        [.. Materials, .. Enumerable.Range(0, Math.Max(0, Rows - Materials.Count)).Select(_ => new CallMaterialForm())];

    /// <summary>The form as the service's input; null with the reasons in <paramref name="errors"/> when a field cannot be read.</summary>
    public CallInput? ToInput(FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var scheme = FormText.Enum<Scheme>(errors, "scheme", "政策", Scheme);
        if (scheme is null && !errors.Has("scheme")) errors.Add("scheme", "请选择政策（scheme）");
        var year = FormText.Whole(errors, "year", "年度", Year);
        if (year is null && !errors.Has("year")) errors.Add("year", "请选择年度（year）");
        var opens = Instant(errors, "opensAt", "开始时间", OpensAt);
        var closes = Instant(errors, "closesAt", "截止时间", ClosesAt);
        var deadline = FormText.Date(errors, "districtDeadline", "区镇初审截止日", DistrictDeadline);
        if (errors.Any) return null;
        return new CallInput(scheme!.Value, year!.Value, Title, Announcement, opens!.Value, closes!.Value, deadline,
            [.. Materials.Select(m => new CallMaterialInput(m.Name, m.Required, m.Types))], Notice);
    }

    /// <summary>
    /// A time as Beijing time: <c>2026-03-10T09:00</c> (what datetime-local sends), with seconds, or with a space; an
    /// instant with an offset or Z (from an API client) is converted to Beijing time.
    /// </summary>
    public static DateTime? Instant(FieldErrors errors, string field, string label, string? text)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            errors.Add(field, $"请填写{label}（{field}）");
            return null;
        }
        if (DateTime.TryParseExact(t, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return local;
        if (DateTimeOffset.TryParseExact(t, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return BeijingTime.At(instant).DateTime;
        errors.Unreadable(field, $"{label}（{field}）应为北京时间，如 2026-03-10 09:00，“{text}”无法识别");
        return null;
    }

    private static readonly string[] LocalFormats =
        ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm"];

    private static readonly string[] OffsetFormats =
        ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
}
