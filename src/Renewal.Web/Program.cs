using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Web.Infrastructure;
using Scalar.AspNetCore;
using Renewal.Services.Workflow;
using Renewal.Data.Entities;
using Renewal.Services;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;

var dbOptions = new LibraryDatabaseOptions(
    config["Database:Provider"] ?? "sqlite",
    config.GetConnectionString("Library") is { Length: > 0 } cs ? cs : config["Database:ConnectionString"],
    Path.IsPathRooted(config["Database:Path"] ?? "") ? config["Database:Path"] : Path.Combine(builder.Environment.ContentRootPath, config["Database:Path"] ?? "data/renewal.db"));
builder.Services.AddSingleton(dbOptions);
builder.Services.AddDbContext<LibraryDbContext>(o => LibraryDatabase.Configure(o, dbOptions));
builder.Services.AddSingleton(TimeProvider.System);
// The rules (V-2, V-4): the pack and the revisions published in the platform, kept per node and re-read when another node
// publishes one (RuleBookRefresher polls the list of published revisions); each request evaluates under the rules as
// known today, Beijing time.
builder.Services.AddSingleton(_ => new Renewal.Services.Revisions.RuleBook(PolicyEngine.Default));
builder.Services.AddScoped(sp => sp.GetRequiredService<Renewal.Services.Revisions.RuleBook>().On(sp.GetRequiredService<TimeProvider>().Today()));
builder.Services.AddScoped<Renewal.Services.Revisions.RevisionService>();
builder.Services.AddHostedService<Renewal.Web.Infrastructure.RuleBookRefresher>();
// The library as the engine's input, kept per award year and rebuilt when the library changes (what-if, budget; ADR-009).
builder.Services.AddSingleton(sp => new Renewal.Services.Simulation.LibrarySnapshots(sp.GetRequiredService<TimeProvider>()));
// The library list's 符合政策 filter: the projects the engine finds eligible, kept per year over those snapshots.
builder.Services.AddSingleton(sp => new Renewal.Services.Simulation.EligibleProjects(sp.GetRequiredService<Renewal.Services.Simulation.LibrarySnapshots>()));
if (config.GetValue("Simulation:WarmOnStart", true)) builder.Services.AddHostedService<Renewal.Web.Features.Simulation.SnapshotWarmup>();
var noticeDays = config.GetValue("Workflow:NoticeWorkingDays", 5);
// 0 is the demo setting (appsettings.Demo.json): approval right after the bureau's review, so the whole path can be walked in one sitting.
if (noticeDays is < 0 or > 60) throw new InvalidOperationException($"Workflow:NoticeWorkingDays 应为 0–60 个工作日，实为 {noticeDays}");
// Applications are made and submitted only in an open call (申报批次; ADR-021).
builder.Services.AddSingleton(new WorkflowOptions(noticeDays, config.GetValue("Workflow:RequireCall", true)));
builder.Services.AddScoped<Renewal.Services.Calls.CallService>();
// 银企对接 (issue 12 item 7).
builder.Services.AddScoped<Renewal.Services.Financing.FinancingService>();
builder.Services.AddScoped<Renewal.Services.Visits.VisitService>();
builder.Services.AddScoped<Renewal.Services.Benchmarks.BenchmarkService>(); // 标杆企业 (issue 14 item 3, ADR-030)
builder.Services.AddScoped<Renewal.Services.Checks.ChecksService>();
builder.Services.AddScoped<Renewal.Services.Upward.UpwardService>();
// In-app messages, to-do lists and e-mail through SMTP when Smtp:Host is set (issue 12 item 4).
builder.Services.AddScoped<Renewal.Services.Notifications.Inbox>();
var smtp = new Renewal.Services.Notifications.SmtpOptions(config["Smtp:Host"], config.GetValue("Smtp:Port", 25), config["Smtp:From"] ?? "noreply@renewal.kunshan.gov.cn",
    config["Smtp:UserName"], config["Smtp:Password"], config.GetValue("Smtp:StartTls", false));
builder.Services.AddSingleton(smtp);
builder.Services.AddSingleton<Renewal.Services.Notifications.IMailSender>(new Renewal.Services.Notifications.SmtpMailSender(smtp));
if (config.GetValue("Notifications:Worker", true)) builder.Services.AddHostedService<Renewal.Web.Infrastructure.NotificationWorker>();
builder.Services.AddScoped<Renewal.Services.Calls.MaterialService>();
// Uploaded materials, content-addressed on disk (Materials:Path, default data/materials beside the database);
// a deployment may register another IMaterialStore (e.g. an S3-compatible one).
builder.Services.AddSingleton<Renewal.Services.Materials.IMaterialStore>(_ => new Renewal.Services.Materials.FileSystemMaterialStore(
    Path.IsPathRooted(config["Materials:Path"] ?? "") ? config["Materials:Path"]! : Path.Combine(builder.Environment.ContentRootPath, config["Materials:Path"] ?? "data/materials"),
    config.GetValue("Materials:MaxBytes", Renewal.Services.Materials.FileSystemMaterialStore.DefaultMaxBytes)));
builder.Services.AddScoped<ApplicationService>();
builder.Services.AddScoped<PublicObjections>();
builder.Services.AddSingleton<Passwords>();
// 企业账号邀请 (issue 12 item 8): codes good for Invitations:Days (30); the claim page's rate limit (Claim:AddressPermits per Claim:AddressWindow).
builder.Services.AddSingleton(new Renewal.Services.Onboarding.InvitationOptions(config.GetValue("Invitations:Days", Renewal.Services.Onboarding.InvitationOptions.DefaultDays)));
builder.Services.AddScoped<Renewal.Services.Onboarding.InvitationService>();
builder.Services.AddClaimThrottling(config);

// The sign-in cookie, and for machine clients under /api/v1 a bearer API token; a policy scheme picks one per request (ADR-019).
builder.Services.AddCookieOrApiToken(o =>
    {
        o.LoginPath = "/account/signin";
        o.AccessDeniedPath = "/account/denied";
        o.Cookie.Name = "renewal.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        // The JSON API answers 401/403 instead of redirecting to the sign-in page.
        // A deactivated account loses its session at the next request, not when its cookie expires. A lock does not:
        // it holds back password guesses, and a stranger's guesses must not sign the owner out (ADR-015).
        o.Events.OnValidatePrincipal = async ctx =>
        {
            var id = ctx.Principal is { } p ? CurrentUser.Of(p).Id : 0;
            var db = ctx.HttpContext.RequestServices.GetRequiredService<LibraryDbContext>();
            var user = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Active }).FirstOrDefaultAsync();
            var ok = user is { Active: true };
            if (!ok)
            {
                ctx.RejectPrincipal();
                await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
        };
        o.Events.OnRedirectToLogin = ctx => Redirect(ctx, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = ctx => Redirect(ctx, StatusCodes.Status403Forbidden);
    });
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Policies.Government, p => p.RequireRole("DistrictReviewer", "BureauReviewer", "BureauAdmin", "Finance"))
    .AddPolicy(Policies.Bureau, p => p.RequireRole("BureauReviewer", "BureauAdmin"))
    .AddPolicy(Policies.Admin, p => p.RequireRole("BureauAdmin"))
    .AddPolicy(Policies.Enterprise, p => p.RequireRole("Enterprise"))
    .AddPolicy(Policies.Payments, p => p.RequireRole("Finance", "BureauReviewer", "BureauAdmin"));

builder.Services.AddRazorPages(o => o.RootDirectory = "/Features");
// Chinese stays Chinese in the HTML (not &#x…; entities); enums travel as names in the JSON API.
builder.Services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
    o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
});
// Sign-in throttling and the JSON API's antiforgery header (ADR-015).
builder.Services.AddSignInThrottling(config);
builder.Services.AddObjectionThrottling(config); // the public objection form on /notice (issue 12 item 6)
builder.Services.AddAntiforgery(o => o.HeaderName = ApiAntiforgery.HeaderName);
builder.Services.AddOpenApi(o => o.AddAntiforgeryHeader().AddBearerScheme());
builder.Services.AddProblemDetails();

builder.AddWebEdge(); // Secure cookies and HSTS outside Development and Demo (ADR-014)

var app = builder.Build();

app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture("zh-CN"),
    SupportedCultures = [new CultureInfo("zh-CN"), new CultureInfo("en")],
    SupportedUICultures = [new CultureInfo("zh-CN"), new CultureInfo("en")],
    RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = "lang" }],
});
app.UseWebEdge(); // security headers, HSTS, errors answered in place (ADR-014)
app.UseStaticFiles();
app.UseRouting();
app.UseSignInThrottling();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapGet("/health", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
app.MapLanguageSwitch();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference(o => o.WithTitle("昆山市工业设备更新管理平台 API")).AllowAnonymous();
app.MapRazorPages();
app.MapApi();

await DemoData.EnsureAsync(app.Services, config, app.Logger);
await app.RunAsync();

static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
{
    if (ctx.Request.Path.StartsWithSegments("/api"))
    {
        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    }
    ctx.Response.Redirect(ctx.RedirectUri);
    return Task.CompletedTask;
}

/// <summary>For WebApplicationFactory.</summary>
public partial class Program;
