using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Renewal.Web.Infrastructure;

/// <summary>
/// What every response of the platform carries and how it fails (ADR-014): security headers (CSP without inline
/// script, nosniff, no framing, referrer policy), HSTS and <c>Secure</c> cookies outside Development and Demo, an
/// exception handler that answers in place — a page for the browser, ProblemDetails for /api — and never re-runs the
/// request (a re-executed POST fails antiforgery and used to answer an empty 400), and the language switch that
/// redirects only to a local address.
/// </summary>
public static class WebEdge
{
    /// <summary>The policy of every page: scripts and styles from the app only, nothing may frame it.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference (Scalar, a third-party page) starts itself with an inline module script whose text carries its
    /// configuration; it alone may run inline script. It shows documentation and sends requests only to this origin.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// <c>Always</c> outside Development and Demo (the platform runs behind HTTPS there), <c>SameAsRequest</c> in them, so
    /// that <c>dotnet run</c> on http://localhost keeps its session. <c>WebEdge:SecureCookies</c> overrides it, e.g. for
    /// a benchmark on plain-http loopback.
    /// </summary>
    public static CookieSecurePolicy CookiePolicy(IWebHostEnvironment env, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(config);
        if (config["WebEdge:SecureCookies"] is { Length: > 0 } set)
            return Enum.TryParse<CookieSecurePolicy>(set, ignoreCase: true, out var p) && Enum.IsDefined(p)
                ? p
                : throw new InvalidOperationException($"WebEdge:SecureCookies 应为 Always、SameAsRequest 或 None，实为 {set}");
        return env.IsDevelopment() || env.IsEnvironment("Demo") ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    }

    /// <summary>Cookie security of the sign-in and antiforgery cookies, and HSTS settings.</summary>
    public static WebApplicationBuilder AddWebEdge(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var policy = CookiePolicy(builder.Environment, builder.Configuration);
        builder.Services.AddSingleton(new WebEdgeOptions(policy));
        builder.Services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o => o.Cookie.SecurePolicy = policy);
        builder.Services.PostConfigure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = policy);
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false; // the platform cannot speak for the other hosts of its domain
        });
        return builder;
    }

    /// <summary>Headers, HSTS and the error handling; call first in the pipeline, before anything that can answer.</summary>
    public static WebApplication UseWebEdge(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(static (http, next) =>
        {
            http.Response.OnStarting(static state =>
            {
                var h = ((HttpContext)state).Response.Headers;
                var api = ((HttpContext)state).Request.Path.StartsWithSegments("/scalar");
                h.ContentSecurityPolicy = api ? ApiReferencePolicy : ContentSecurityPolicy;
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "strict-origin-when-cross-origin";
                return Task.CompletedTask;
            }, http);
            return next(http);
        });
        if (!app.Environment.IsDevelopment())
        {
            // HSTS only on HTTPS answers to hosts other than localhost (the middleware's own rule), so Demo on http is unaffected.
            app.UseHsts();
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteErrorAsync, AllowStatusCode404Response = false });
        }
        // An empty error answer (a refused antiforgery token, a missing page, a 401 of the API) gets a body: a page for the
        // browser, ProblemDetails for /api. Nothing is re-executed.
        app.UseStatusCodePages(new StatusCodePagesOptions { HandleAsync = ctx => WriteStatusAsync(ctx.HttpContext) });
        return app;
    }

    /// <summary>GET /lang/{code}?returnUrl=…: sets the language cookie and goes back; an address off this site is a 400.</summary>
    public static void MapLanguageSwitch(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/lang/{code}", (string code, string? returnUrl, HttpContext http, TimeProvider clock, WebEdgeOptions edge) =>
        {
            var target = string.IsNullOrEmpty(returnUrl) ? "/" : returnUrl;
            if (!IsLocalUrl(target))
                return Results.Problem(title: "返回地址无效", detail: "returnUrl 只能是本站地址（以 / 开头的路径）", statusCode: StatusCodes.Status400BadRequest);
            http.Response.Cookies.Append("lang", CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(code == "en" ? "en" : "zh-CN")),
                new CookieOptions
                {
                    Expires = clock.GetUtcNow().AddYears(1), SameSite = SameSiteMode.Lax, HttpOnly = true,
                    Secure = edge.CookieSecurePolicy == CookieSecurePolicy.Always || edge.CookieSecurePolicy == CookieSecurePolicy.SameAsRequest && http.Request.IsHttps,
                });
            return Results.LocalRedirect(target);
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>
    /// A path of this site: "/" followed by anything but a second "/" or "\" (which browsers read as another host),
    /// and no control characters. The same rule as <c>LocalRedirect</c>'s, checked first so that misuse is a 400, not a 500.
    /// </summary>
    public static bool IsLocalUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/') return false;
        if (url.Length > 1 && url[1] is '/' or '\\') return false;
        return !url.Any(char.IsControl);
    }

    private static async Task WriteErrorAsync(HttpContext http)
    {
        // The request has failed; its handler is not run again (a form POST re-run against /error would fail antiforgery).
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await WriteAsync(http, StatusCodes.Status500InternalServerError);
    }

    private static Task WriteStatusAsync(HttpContext http) => WriteAsync(http, http.Response.StatusCode);

    private static async Task WriteAsync(HttpContext http, int status)
    {
        var (title, detail) = Describe(status);
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
            });
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(Page(title, detail), http.RequestAborted);
    }

    private static (string Title, string Detail) Describe(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ("请求无效", "提交的内容无法处理（页面可能已过期）。请返回、刷新页面后重试。"),
        StatusCodes.Status401Unauthorized => ("未登录", "请先登录。"),
        StatusCodes.Status403Forbidden => ("无权访问", "当前账号无权进行此操作。"),
        StatusCodes.Status404NotFound => ("页面不存在", "所请求的内容不存在或已被删除。"),
        StatusCodes.Status405MethodNotAllowed => ("不支持的请求方式", "该地址不支持此请求方式。"),
        StatusCodes.Status429TooManyRequests => ("请求过于频繁", "请稍后再试。"),
        >= 500 => ("服务器内部错误", "系统处理请求时出错，已记录。请返回重试；如反复出现，请联系市工信局。"),
        _ => ("请求未能完成", $"请求未能完成（状态 {status}）。"),
    };

    /// <summary>A page of its own (no layout, no script), so that writing it cannot fail the way the request did.</summary>
    private static string Page(string title, string detail) => $"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>{WebUtility.HtmlEncode(title)} · 昆山市工业设备更新管理平台</title><link rel="stylesheet" href="/css/site.css" /></head>
        <body><main><div class="card"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(detail)}</p><p><a href="/">返回首页</a></p></div></main></body>
        </html>
        """;
}

/// <summary>The cookie policy chosen at start (<see cref="WebEdge.CookiePolicy"/>), for cookies the app sets itself.</summary>
public sealed record WebEdgeOptions(CookieSecurePolicy CookieSecurePolicy);
