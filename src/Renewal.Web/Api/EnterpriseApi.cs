using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;
using Renewal.Services;

namespace Renewal.Web.Api;

/// <summary>
/// Enterprise self-service under /api/v1/enterprise: the same use cases as the /enterprise pages, for the enterprise
/// user's own enterprise only. 400 carries a problem-details body whose <c>errors</c> name each field in Chinese;
/// 403 when the row is another enterprise's, 404 when there is no such row, 409 when someone else saved first.
/// </summary>
public static class EnterpriseApi
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/enterprise").RequireAuthorization(Policies.Enterprise).WithTags("enterprise");

        g.MapGet("", Results<Ok<EnterpriseOverview>, ProblemHttpResult> (HttpContext http, LibraryDbContext db, PolicyEngine engine) =>
        {
            var r = Overview.Query(db, engine, http.User());
            return r.Ok ? TypedResults.Ok(r.Value!) : ApiResults.Forbidden(r.Message);
        }).WithName("EnterpriseOverview").WithSummary("本企业概况：企业信息、项目、贷款、最新进展，以及 2024–2027 年可享受的政策与差距").Forbids();

        g.MapGet("/projects/{id:int}", (int id, HttpContext http, LibraryDbContext db) =>
            ApiResults.From(SaveProject.Load(db, http.User(), id), TypedResults.Ok))
            .WithName("GetOwnProject").WithSummary("读取本企业的一个项目（含年度投资与版本号，供修改）").Forbids();

        g.MapPost("/projects", async Task<Results<Created<ProjectDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            HttpContext http, LibraryDbContext db, PolicyEngine engine, TimeProvider clock) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<ProjectRequest>(http, SaveProject.Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            return ApiResults.From(SaveProject.Handle(db, engine, http.User(), null, body, clock),
                p => TypedResults.Created($"/api/v1/enterprise/projects/{p.Id}", p));
        }).Accepts<ProjectRequest>("application/json").WithName("DeclareProject").WithSummary("申报新项目（含 2024–2027 年度投资）").Forbids();

        g.MapPut("/projects/{id:int}", async Task<Results<Ok<ProjectDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            int id, HttpContext http, LibraryDbContext db, PolicyEngine engine, TimeProvider clock) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<ProjectRequest>(http, SaveProject.Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            return ApiResults.From(SaveProject.Handle(db, engine, http.User(), id, body, clock), TypedResults.Ok);
        }).Accepts<ProjectRequest>("application/json").WithName("EditProject").WithSummary("修改本企业的项目（须带读取时的 version；过期则 409）").Forbids();

        g.MapGet("/loans/{id:int}", (int id, HttpContext http, LibraryDbContext db) =>
            ApiResults.From(SaveLoan.Load(db, http.User(), id), TypedResults.Ok))
            .WithName("GetOwnLoan").WithSummary("读取本企业的一笔贷款（含还款与版本号）").Forbids();

        g.MapPost("/loans", async Task<Results<Created<LoanDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            HttpContext http, LibraryDbContext db, TimeProvider clock) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<LoanRequest>(http, SaveLoan.Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            return ApiResults.From(SaveLoan.Handle(db, http.User(), null, body, clock), l => TypedResults.Created($"/api/v1/enterprise/loans/{l.Id}", l));
        }).Accepts<LoanRequest>("application/json").WithName("RegisterLoan").WithSummary("登记贷款（利率按百分数 ratePercent，含还款）").Forbids();

        g.MapPut("/loans/{id:int}", async Task<Results<Ok<LoanDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            int id, HttpContext http, LibraryDbContext db, TimeProvider clock) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<LoanRequest>(http, SaveLoan.Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            return ApiResults.From(SaveLoan.Handle(db, http.User(), id, body, clock), TypedResults.Ok);
        }).Accepts<LoanRequest>("application/json").WithName("EditLoan").WithSummary("修改本企业的贷款（须带 version）").Forbids();

        g.MapGet("/projects/{id:int}/reports", (int id, HttpContext http, LibraryDbContext db) =>
            ApiResults.From(FileReport.History(db, http.User(), id), h => TypedResults.Ok(h.History)))
            .WithName("ProgressHistory").WithSummary("项目的季度进展历史（全部记录，更正的标为 corrected）").Forbids();

        g.MapPost("/projects/{id:int}/reports", async Task<Results<Created<ReportDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            int id, HttpContext http, LibraryDbContext db, TimeProvider clock) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<ReportRequest>(http, FileReport.Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            return ApiResults.From(FileReport.Handle(db, http.User(), id, body, clock), r => TypedResults.Created($"/api/v1/enterprise/projects/{id}/reports", r));
        }).Accepts<ReportRequest>("application/json").WithName("FileProgressReport").WithSummary("填报季度进展（只追加；同一季度再次填报为更正）").Forbids();
    }
}

/// <summary>Maps a use case's result to typed results (shared by the enterprise and administrator APIs).</summary>
internal static class ApiResults
{
    public static Results<TOk, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>> From<T, TOk>(
        CommandResult<T> r, Func<T, TOk> ok) where TOk : IResult => r.Status switch
        {
            CommandStatus.Ok => ok(r.Value!),
            CommandStatus.Invalid => Invalid(r.Errors!),
            CommandStatus.NotFound => TypedResults.NotFound(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "不存在", Detail = r.Message }),
            CommandStatus.Forbidden => Forbidden(r.Message),
            _ => TypedResults.Conflict(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "数据已被他人修改", Detail = r.Message }),
        };

    public static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), detail: string.Join("；", errors.All), title: "提交的数据有误");

    public static ProblemHttpResult Forbidden(string? message) =>
        TypedResults.Problem(detail: message, statusCode: StatusCodes.Status403Forbidden, title: "无权办理");

    /// <summary>Declares the 403 problem response in the OpenAPI document (ProblemHttpResult carries no status of its own).</summary>
    public static RouteHandlerBuilder Forbids(this RouteHandlerBuilder b) => b.ProducesProblem(StatusCodes.Status403Forbidden);
}

/// <summary>
/// Reads a JSON request body with the API's JSON options; a body that cannot be read becomes a field message in
/// Chinese (which field, by its JSON path) instead of the framework's English 400.
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, FieldErrors? Errors)> ReadAsync<T>(HttpContext http, IReadOnlyDictionary<string, string> labels) where T : class
    {
        var errors = new FieldErrors();
        if (!http.Request.HasJsonContentType())
        {
            errors.Add("body", "请求体应为 JSON（Content-Type: application/json）");
            return (null, errors);
        }
        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, options, http.RequestAborted);
            if (value is not null) return (value, null);
            errors.Add("body", "请求体不能为空");
        }
        catch (JsonException e)
        {
            var key = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            if (key.Length == 0) errors.Add("body", "请求体不是有效的 JSON");
            else
            {
                var name = key[(key.LastIndexOf('.') + 1)..];
                var bracket = name.IndexOf('[', StringComparison.Ordinal);
                if (bracket >= 0) name = name[..bracket];
                errors.Add(key, $"{labels.GetValueOrDefault(name) ?? name}（{key}）的格式不正确");
            }
        }
        return (null, errors);
    }
}
