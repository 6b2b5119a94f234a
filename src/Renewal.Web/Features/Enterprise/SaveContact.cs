using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Enterprise;

/// <summary>The enterprise's contact for banks (银企对接) as it enters it (PUT /api/v1/enterprise/contact, and the form on /enterprise).</summary>
public sealed class ContactRequest
{
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    /// <summary>The version of the enterprise the user read.</summary>
    public long? Version { get; set; }
}

public sealed record ContactDto(string? ContactName, string? ContactPhone, long Version);

/// <summary>
/// The enterprise keeps its own contact person and phone, which banks that may see its financing needs read (issue 12
/// item 7). Both may be left empty; checked, audited, saved against the version read.
/// </summary>
public static class SaveContact
{
    /// <summary>The lengths of the enterprises' columns.</summary>
    public const int NameLength = 50;
    public const int PhoneLength = 50;

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["contactName"] = "联系人", ["contactPhone"] = "联系电话", ["version"] = "版本号",
    };

    public static void Map(RouteGroupBuilder enterprise) =>
        enterprise.MapPut("/contact", async Task<Results<Ok<ContactDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            HttpContext http, LibraryDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<ContactRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            return ApiResults.From(await HandleAsync(db, http.User(), body, clock, ct), TypedResults.Ok);
        }).Accepts<ContactRequest>("application/json").WithName("SaveContact").WithSummary("修改本企业的联系人与联系电话（银行在银企对接中可见；须带 version）").Forbids();

    public static async Task<CommandResult<ContactDto>> HandleAsync(LibraryDbContext db, UserContext user, ContactRequest r, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(clock);
        var mine = await MyEnterprise.FindAsync(db, user, ct);
        if (mine is null) return CommandResult<ContactDto>.Fail(CommandStatus.Forbidden, MyEnterprise.NotBound);
        var errors = new FieldErrors();
        var name = Check.Text(errors, "contactName", "联系人", r.ContactName, NameLength, required: false);
        var phone = Check.Text(errors, "contactPhone", "联系电话", r.ContactPhone, PhoneLength, required: false);
        if (phone is not null && !errors.Has("contactPhone") && !phone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ' or '转'))
            errors.Add("contactPhone", "联系电话只能包含数字、“-”、“+”和空格（如 0512-57001234 或 13800000000）");
        if (r.Version is null) errors.Add("version", "缺少版本号（请从“我的企业”页面提交）");
        if (errors.Any) return CommandResult<ContactDto>.Invalid(errors);

        var e = await db.Enterprises.FirstAsync(x => x.Id == mine.Id, ct);
        if (e.Version != r.Version) return CommandResult<ContactDto>.Fail(CommandStatus.Conflict, "企业信息已被他人修改，本次未保存。请刷新页面后重试。");
        var before = Check.Json(new { e.ContactName, e.ContactPhone, e.Version });
        e.ContactName = name;
        e.ContactPhone = phone;
        db.Entry(e).Property(x => x.Version).OriginalValue = r.Version.Value;
        AuditLog.Append(db, user.Actor, "修改联系人", "enterprise", e.CreditCode, before, Check.Json(new { e.ContactName, e.ContactPhone, Version = r.Version.Value + 1 }), clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult<ContactDto>.Fail(CommandStatus.Conflict, "企业信息已被他人修改，本次未保存。请刷新页面后重试。");
        }
        return CommandResult<ContactDto>.Success(new ContactDto(e.ContactName, e.ContactPhone, e.Version));
    }
}
