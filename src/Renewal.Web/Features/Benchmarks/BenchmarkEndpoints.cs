using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Data.Entities;
using Renewal.Services.Benchmarks;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Benchmarks;

/// <summary>A round as the bureau sends it (criteria left out: the four defaults on create, unchanged on edit).</summary>
public sealed record RoundRequest(string? Name, int? Year, DateOnly? NominationDeadline, int? Quota, IReadOnlyList<string>? KeyIndustries,
    IReadOnlyList<CriterionInput>? Criteria, long? Version);

/// <summary>A move of a round: the version read, and the reason (撤销).</summary>
public sealed record RoundMoveRequest(long? Version, string? Reason);

/// <summary>A district's nomination: the enterprise, the reason, the enterprise's targets, the projects to feature.</summary>
public sealed record NominationRequest(int? EnterpriseId, string? Reason, string? Targets, IReadOnlyList<int>? Projects);

/// <summary>A score of one criterion (0..满分) with its reason; the version of the score when changing one.</summary>
public sealed record ScoreRequest(int? CriterionId, int? Score, string? Reason, long? Version);

/// <summary>入选 / 取消入选: the round's version read, and the reason.</summary>
public sealed record SelectionRequest(long? Version, string? Reason);

/// <summary>The enterprise's consent: the nomination's version and what may be published.</summary>
public sealed record ConsentRequest(long? Version, bool Projects, bool Equipment, bool Digital, bool Award, bool Targets);

/// <summary>
/// 标杆企业 under /api/v1/benchmarks (the same as the pages): the public list and pages for anyone; rounds, nominations,
/// scores and selection for the government (each use case checks the role and the district's area); the consent for the
/// selected enterprise. Refusals are problems with the service's Chinese message.
/// </summary>
public static class BenchmarkEndpoints
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["name"] = "批次名称", ["year"] = "年度", ["nominationDeadline"] = "提名截止日", ["quota"] = "入选名额", ["keyIndustries"] = "重点行业",
        ["criteria"] = "遴选标准", ["version"] = "版本号", ["reason"] = "理由", ["enterpriseId"] = "企业", ["targets"] = "企业改造目标",
        ["projects"] = "展示项目", ["criterionId"] = "遴选标准", ["score"] = "得分", ["kind"] = "考察内容", ["maxScore"] = "满分", ["description"] = "说明",
    };

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/benchmarks").WithTags("benchmarks");

        g.MapGet("/", async Task<Ok<IReadOnlyList<PublicEntry>>> (BenchmarkService service, CancellationToken ct) => TypedResults.Ok(await service.PublicListAsync(ct)))
            .AllowAnonymous().WithName("ListBenchmarkEnterprises").WithSummary("已公布的标杆企业（公开），按行业大类");

        g.MapGet("/{id:int}", async Task<Results<Ok<PublicPage>, NotFound>> (int id, BenchmarkService service, CancellationToken ct) =>
            await service.PublicPageAsync(id, ct) is { } page ? TypedResults.Ok(page) : TypedResults.NotFound())
            .AllowAnonymous().WithName("GetBenchmarkEnterprise").WithSummary("一家标杆企业的公开页面：只含企业同意公开的数据与入选理由（公开）");

        g.MapGet("/rounds", async Task<Results<Ok<IReadOnlyList<RoundRow>>, ProblemHttpResult>> (HttpContext http, BenchmarkService service, CancellationToken ct) =>
            http.User().IsGovernment ? TypedResults.Ok(await service.RoundsAsync(http.User(), ct)) : ApiResults.Forbidden("遴选批次只对政府用户开放"))
            .WithName("ListBenchmarkRounds").WithSummary("遴选批次（市局含草拟，其他政府用户不含草拟）").Forbids();

        g.MapGet("/rounds/{id:int}", async Task<Results<Ok<RoundRow>, NotFound>> (int id, HttpContext http, BenchmarkService service, CancellationToken ct) =>
            await service.RoundAsync(http.User(), id, ct) is { } row ? TypedResults.Ok(row) : TypedResults.NotFound())
            .WithName("GetBenchmarkRound").WithSummary("一个遴选批次及其遴选标准");

        g.MapPost("/rounds", async Task<Results<Created<RoundRow>, ValidationProblem, ProblemHttpResult>> (HttpContext http, BenchmarkService service, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<RoundRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            var r = await service.CreateAsync(http.User(), Input(body), ct);
            return r.Ok ? TypedResults.Created($"/api/v1/benchmarks/rounds/{r.Value!.Id}", (await service.RoundAsync(http.User(), r.Value.Id, ct))!) : ApiResults.Refused(r.Kind, r.Message);
        }).Accepts<RoundRequest>("application/json").WithName("CreateBenchmarkRound").WithSummary("市局新建遴选批次（草拟）；不给 criteria 时为四项默认标准").Forbids();

        g.MapPut("/rounds/{id:int}", async Task<Results<Ok<RoundRow>, ValidationProblem, ProblemHttpResult>> (int id, HttpContext http, BenchmarkService service, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<RoundRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            if (body.Version is not { } version) return TypedResults.Problem("缺少版本号（version）", statusCode: StatusCodes.Status400BadRequest);
            var r = await service.EditAsync(http.User(), id, version, Input(body), ct);
            return r.Ok ? TypedResults.Ok((await service.RoundAsync(http.User(), id, ct))!) : ApiResults.Refused(r.Kind, r.Message);
        }).Accepts<RoundRequest>("application/json").WithName("EditBenchmarkRound").WithSummary("修改草拟中的遴选批次与遴选标准（须带 version）").Forbids();

        foreach (var (path, name, summary) in new[]
        {
            ("open", "OpenBenchmarkRound", "公布标准，开始提名（草拟 → 提名中）"),
            ("close", "CloseBenchmarkRound", "截止提名，进入评审（提名中 → 评审中）"),
            ("publish", "PublishBenchmarkRound", "公布遴选结果（评审中 → 已公布），评分与入选名单冻结"),
            ("withdraw", "WithdrawBenchmarkRound", "撤销批次（公布前，须填写 reason）"),
        })
        {
            g.MapPost($"/rounds/{{id:int}}/{path}", async Task<Results<Ok<RoundRow>, ValidationProblem, ProblemHttpResult>> (int id, HttpContext http, BenchmarkService service, CancellationToken ct) =>
            {
                var (body, errors) = await JsonBody.ReadAsync<RoundMoveRequest>(http, Labels);
                if (body is null) return ApiResults.Invalid(errors!);
                if (body.Version is not { } version) return TypedResults.Problem("缺少版本号（version）", statusCode: StatusCodes.Status400BadRequest);
                var user = http.User();
                var r = path switch
                {
                    "open" => await service.OpenAsync(user, id, version, ct),
                    "close" => await service.CloseAsync(user, id, version, ct),
                    "publish" => await service.PublishAsync(user, id, version, ct),
                    _ => await service.WithdrawAsync(user, id, version, body.Reason, ct),
                };
                return r.Ok ? TypedResults.Ok((await service.RoundAsync(user, id, ct))!) : ApiResults.Refused(r.Kind, r.Message);
            }).Accepts<RoundMoveRequest>("application/json").WithName(name).WithSummary(summary + "（须带 version）").Forbids();
        }

        g.MapGet("/rounds/{id:int}/nominations", async Task<Results<Ok<IReadOnlyList<NominationRow>>, NotFound>> (int id, HttpContext http, BenchmarkService service, CancellationToken ct) =>
            await service.RoundAsync(http.User(), id, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await service.NominationsAsync(http.User(), id, ct)))
            .WithName("ListBenchmarkNominations").WithSummary("批次的提名（区镇只见本区镇的），含项目库数据、各项评分、总分与排名");

        g.MapPost("/rounds/{id:int}/nominations", async Task<Results<Created<NominationRow>, ValidationProblem, ProblemHttpResult>> (int id, HttpContext http, BenchmarkService service, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<NominationRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            if (body.EnterpriseId is not { } enterprise) return TypedResults.Problem("请指定企业（enterpriseId）", statusCode: StatusCodes.Status400BadRequest);
            var r = await service.NominateAsync(http.User(), id, enterprise, body.Reason, body.Targets, body.Projects?.ToList(), ct);
            return r.Ok ? TypedResults.Created($"/api/v1/benchmarks/nominations/{r.Value!.Id}", (await service.NominationAsync(http.User(), r.Value.Id, ct))!) : ApiResults.Refused(r.Kind, r.Message);
        }).Accepts<NominationRequest>("application/json").WithName("NominateBenchmarkEnterprise").WithSummary("区镇在提名截止日（北京时间，含当日）前提名本区镇企业（每批次每家企业一次）").Forbids();

        g.MapGet("/nominations/{id:int}", async Task<Results<Ok<NominationRow>, NotFound>> (int id, HttpContext http, BenchmarkService service, CancellationToken ct) =>
            await service.NominationAsync(http.User(), id, ct) is { } row && http.User().IsGovernment ? TypedResults.Ok(row) : TypedResults.NotFound())
            .WithName("GetBenchmarkNomination").WithSummary("一条提名（区镇只见本区镇的）");

        g.MapPost("/nominations/{id:int}/scores", async Task<Results<Ok<NominationRow>, ValidationProblem, ProblemHttpResult>> (int id, HttpContext http, BenchmarkService service, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<ScoreRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            if (body.CriterionId is not { } criterion) return TypedResults.Problem("请指定遴选标准（criterionId）", statusCode: StatusCodes.Status400BadRequest);
            var r = await service.ScoreAsync(http.User(), id, criterion, body.Score, body.Reason, body.Version, ct);
            return r.Ok ? TypedResults.Ok((await service.NominationAsync(http.User(), id, ct))!) : ApiResults.Refused(r.Kind, r.Message);
        }).Accepts<ScoreRequest>("application/json").WithName("ScoreBenchmarkNomination").WithSummary("市局逐项评分：score 为 0—满分的整数，reason 必填（评审中）").Forbids();

        g.MapPost("/nominations/{id:int}/select", (int id, HttpContext http, BenchmarkService service, CancellationToken ct) =>
            SelectionAsync(http, service, id, true, ct))
            .Accepts<SelectionRequest>("application/json").WithName("SelectBenchmarkEnterprise").WithSummary("市局选定为标杆企业（须带批次 version 与 reason；不超过名额）").Forbids();

        g.MapPost("/nominations/{id:int}/unselect", (int id, HttpContext http, BenchmarkService service, CancellationToken ct) =>
            SelectionAsync(http, service, id, false, ct))
            .Accepts<SelectionRequest>("application/json").WithName("UnselectBenchmarkEnterprise").WithSummary("市局取消入选（公布前；须带批次 version）").Forbids();

        g.MapGet("/consent", async Task<Results<Ok<IReadOnlyList<ConsentView>>, ProblemHttpResult>> (HttpContext http, BenchmarkService service, CancellationToken ct) =>
            http.User().Role == Role.Enterprise ? TypedResults.Ok(await service.ConsentsAsync(http.User(), ct)) : ApiResults.Forbidden("公开内容由入选企业自己确认"))
            .WithName("ListBenchmarkConsents").WithSummary("企业：本企业入选记录与拟公开内容").Forbids();

        g.MapPost("/nominations/{id:int}/consent", async Task<Results<Ok<IReadOnlyList<ConsentView>>, ValidationProblem, ProblemHttpResult>> (int id, HttpContext http, BenchmarkService service, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<ConsentRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            if (body.Version is not { } version) return TypedResults.Problem("缺少版本号（version）", statusCode: StatusCodes.Status400BadRequest);
            var r = await service.ConsentAsync(http.User(), id, version, new ConsentInput(body.Projects, body.Equipment, body.Digital, body.Award, body.Targets), ct);
            return r.Ok ? TypedResults.Ok(await service.ConsentsAsync(http.User(), ct)) : ApiResults.Refused(r.Kind, r.Message);
        }).Accepts<ConsentRequest>("application/json").WithName("ConsentBenchmarkPublication").WithSummary("企业确认同意公开的内容（须带 version）").Forbids();
    }

    private static RoundInput Input(RoundRequest b) => new(b.Name, b.Year, b.NominationDeadline, b.Quota, b.KeyIndustries, b.Criteria);

    private static async Task<Results<Ok<NominationRow>, ValidationProblem, ProblemHttpResult>> SelectionAsync(HttpContext http, BenchmarkService service, int id, bool select, CancellationToken ct)
    {
        var (body, errors) = await JsonBody.ReadAsync<SelectionRequest>(http, Labels);
        if (body is null) return ApiResults.Invalid(errors!);
        if (body.Version is not { } version) return TypedResults.Problem("缺少批次版本号（version）", statusCode: StatusCodes.Status400BadRequest);
        var user = http.User();
        Result<BenchmarkNomination> r = select ? await service.SelectAsync(user, id, version, body.Reason, ct) : await service.UnselectAsync(user, id, version, ct);
        return r.Ok ? TypedResults.Ok((await service.NominationAsync(user, id, ct))!) : ApiResults.Refused(r.Kind, r.Message);
    }
}
