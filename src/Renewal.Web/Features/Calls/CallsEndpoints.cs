using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services;
using Renewal.Services.Calls;

namespace Renewal.Web.Features.Calls;

/// <summary>
/// 申报批次 under /api/v1/calls (the same as /calls): everyone signed in reads the calls; the bureau opens one and closes
/// one early. Refusals are problems with the Chinese message of <see cref="CallService"/>.
/// </summary>
public static class CallsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var calls = api.MapGroup("/calls").WithTags("calls");
        ListCalls.Map(calls);
        OpenCall.Map(calls);
        CloseCall.Map(calls);
        EditCallNotice.Map(calls);
    }
}

/// <summary>A call's public notice: 公示说明 and the contact for objections (联系人, 联系电话, 电子邮箱或通讯地址), all public on /notice.</summary>
public sealed record CallNoticeDto(string Text, string? Contact, string? Phone, string? Address);

/// <summary>One material a call asks for: its name, whether it is required, the file types it takes (pdf, png, jpeg, xlsx).</summary>
public sealed record CallMaterialDto(int Id, int Order, string Name, bool Required, IReadOnlyList<string> Types);

/// <summary>
/// A call as the API gives it: times in Beijing time (+08:00); <see cref="EndsAt"/> is when it stops taking
/// applications (its close, or the bureau's early close); <see cref="State"/> at the moment of the answer.
/// </summary>
public sealed record CallDto(int Id, Scheme Scheme, int Year, string Title, string Announcement, DateTimeOffset OpensAt, DateTimeOffset ClosesAt,
    DateTimeOffset EndsAt, DateTimeOffset? ClosedEarlyAt, DateOnly? DistrictDeadline, CallState State, IReadOnlyList<CallMaterialDto> Materials,
    CallNoticeDto? Notice = null)
{
    public static CallDto Of(ProgrammeCall c, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.Scheme, c.Year, c.Title, c.Announcement, BeijingTime.At(c.OpensAt), BeijingTime.At(c.ClosesAt), BeijingTime.At(c.EndsAt),
            c.ClosedEarlyAt is { } early ? BeijingTime.At(early) : null, c.DistrictDeadline, CallWords.StateAt(c, now),
            [.. c.Materials.OrderBy(m => m.Order).Select(m => new CallMaterialDto(m.Id, m.Order, m.Name, m.Required,
                [.. m.Types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]))],
            new CallNoticeDto(c.NoticeText, c.NoticeContact, c.NoticePhone, c.NoticeAddress));
    }
}
