using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Renewal.Web.Infrastructure;

/// <summary>The token a signed-in client sends back in the <see cref="ApiAntiforgery.HeaderName"/> header.</summary>
public sealed record AntiforgeryTokenDto(string Token);

/// <summary>
/// Antiforgery on the JSON API (ADR-015): every state change under /api/v1 (POST, PUT, PATCH, DELETE) made with the
/// sign-in cookie must carry ASP.NET Core's antiforgery header <see cref="HeaderName"/>, whose value a signed-in
/// client gets from GET /api/v1/antiforgery. A missing or wrong token answers 400 with a Chinese problem.
/// Requests authenticated by an API token (<see cref="ApiTokens"/>, ADR-019) — and only those — are not asked for it:
/// a browser never adds an Authorization header by itself, so such a request cannot be forged from another site.
/// </summary>
public static class ApiAntiforgery
{
    public const string HeaderName = "RequestVerificationToken";
    public const string Title = "缺少或无效的防伪令牌";
    public const string Detail = "用登录 Cookie 修改数据时，须在请求头 RequestVerificationToken 中附上 GET /api/v1/antiforgery 取得的令牌。";

    /// <summary>GET /antiforgery, and the check on every state change of the group.</summary>
    public static RouteGroupBuilder MapAntiforgery(this RouteGroupBuilder api)
    {
        api.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(http);
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(new AntiforgeryTokenDto(tokens.RequestToken!));
            })
            .WithName("GetAntiforgeryToken").WithSummary("取得防伪令牌（用登录 Cookie 调用写操作时放在请求头 RequestVerificationToken 中）");
        api.AddEndpointFilter(async (ctx, next) =>
        {
            var http = ctx.HttpContext;
            if (!IsStateChange(http.Request.Method) || !NeedsProof(http)) return await next(ctx);
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return TypedResults.Problem(Detail, statusCode: StatusCodes.Status400BadRequest, title: Title);
            }
            return await next(ctx);
        });
        return api;
    }

    public static bool IsStateChange(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <summary>
    /// Must this signed-in request prove it was not forged? Yes unless an API token authenticated it: the cookie (the
    /// credential a browser sends by itself) and anything else. A request with a cookie and a bad token never gets here
    /// as the cookie's user — the token's scheme refuses it with 401.
    /// </summary>
    private static bool NeedsProof(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
        && http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme != ApiTokens.Scheme;

    /// <summary>The OpenAPI document names the header on every state-changing /api/v1 operation.</summary>
    public static OpenApiOptions AddAntiforgeryHeader(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddOperationTransformer((operation, context, _) =>
        {
            var d = context.Description;
            if (d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true && d.HttpMethod is { } m && IsStateChange(m))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = HeaderName, In = ParameterLocation.Header, Required = false,
                    Description = "防伪令牌：用登录 Cookie 调用时必填，取自 GET /api/v1/antiforgery；缺少或无效时回答 400。用 API 令牌（Authorization: Bearer）调用时不需要",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                operation.Responses ??= [];
                operation.Responses.TryAdd("400", new OpenApiResponse { Description = Title });
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
