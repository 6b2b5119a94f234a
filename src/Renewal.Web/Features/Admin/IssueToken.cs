using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Admin;

/// <summary>A new API token: what it is for (用途) and the last day it works (有效期至, Beijing time, at most a year ahead).</summary>
public sealed class TokenRequest
{
    public string? Name { get; set; }
    public DateOnly? ExpiresOn { get; set; }
}

/// <summary>A token just issued: the only answer that carries the secret.</summary>
public sealed record IssuedTokenDto(ApiTokenDto Token, string Secret, string Hint);

/// <summary>
/// The bureau administrator issues an API token for an account (any role; typically a bank's system): POST
/// /api/v1/admin/accounts/{id}/tokens, and the tokens page. The secret is answered once and stored only as its SHA-256.
/// Audited (without the secret or its hash).
/// </summary>
public static class IssueToken
{
    public const string Hint = "令牌只显示这一次，请立即复制并妥善保存；遗失后只能撤销并重新签发。调用 API 时放在请求头 Authorization: Bearer <令牌> 中。";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "令牌用途", ["expiresOn"] = "有效期至",
    };

    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapPost("/{id:int}/tokens", async Task<Results<Created<IssuedTokenDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            int id, HttpContext http, LibraryDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<TokenRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            http.Response.Headers.CacheControl = "no-store";
            return ApiResults.From(await HandleAsync(db, http.User(), id, body, clock, ct: ct), t => TypedResults.Created($"/api/v1/admin/accounts/{id}/tokens", t));
        }).Accepts<TokenRequest>("application/json").WithName("IssueApiToken")
            .WithSummary("为账号签发 API 令牌（如银行系统；令牌只在此回答中出现一次，有效期最长一年）").Forbids();

    public static Task<CommandResult<IssuedTokenDto>> HandleAsync(LibraryDbContext db, UserContext user, int id, TokenRequest r, TimeProvider clock,
        FieldErrors? formErrors = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(clock);
        return Retry.OnWriteRaceAsync(db, async () =>
        {
            var now = clock.GetUtcNow();
            var target = await ListAccounts.TargetAsync(db, user, id, ct);
            if (!target.Ok) return CommandResult<IssuedTokenDto>.Fail(target.Status, target.Message!);
            var account = target.Value!;
            var errors = formErrors?.Copy() ?? new FieldErrors();
            var name = Check.Text(errors, "name", "令牌用途", r.Name, TextLimits.ApiTokenName);
            var expiresAt = ExpiresAt(errors, r.ExpiresOn, clock.Today());
            if (!account.Active) errors.Add("id", $"账号 {account.UserName} 已停用，不能签发令牌");
            if (errors.Any) return CommandResult<IssuedTokenDto>.Invalid(errors);

            var (secret, prefix, hash) = ApiTokens.New();
            var token = new ApiToken
            {
                UserId = account.Id, Name = name!, Prefix = prefix, SecretHash = hash,
                CreatedAt = Trim(now), CreatedById = user.Id, CreatedBy = user.UserName, ExpiresAt = expiresAt!.Value,
            };
            db.ApiTokens.Add(token);
            AuditLog.Append(db, user.Actor, "签发API令牌", "api_token", prefix, null, ListTokens.Describe(token, account.UserName), now);
            await db.SaveChangesAsync(ct);
            return CommandResult<IssuedTokenDto>.Success(new IssuedTokenDto(ListTokens.Dto(token, now), secret, Hint));
        });
    }

    /// <summary>
    /// The moment a token given "有效期至 <paramref name="on"/>" stops working: the end of that day in Beijing. The day
    /// is today at the earliest and one year from today at the latest.
    /// </summary>
    public static DateTimeOffset? ExpiresAt(FieldErrors errors, DateOnly? on, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Has("expiresOn")) return null;
        if (on is not { } day) { errors.Add("expiresOn", "有效期至（expiresOn）不能为空"); return null; }
        if (day < today) { errors.Add("expiresOn", $"有效期至（expiresOn）不能早于今天（{today:yyyy-MM-dd}）"); return null; }
        var latest = today.AddYears(1);
        if (day > latest) { errors.Add("expiresOn", $"有效期至（expiresOn）最长一年，不能晚于 {latest:yyyy-MM-dd}"); return null; }
        return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), BeijingTime.Offset).ToUniversalTime(); // PostgreSQL stores UTC only
    }

    /// <summary>PostgreSQL keeps microseconds: keep what it gives back, so the row reads as it was written.</summary>
    internal static DateTimeOffset Trim(DateTimeOffset at) => at.AddTicks(-(at.Ticks % 10));
}
