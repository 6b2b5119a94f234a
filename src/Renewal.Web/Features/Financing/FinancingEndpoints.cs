using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Financing;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Financing;

/// <summary>A bank records its interest in a project's financing need.</summary>
public sealed record InterestRequest(int? ProjectId, string? Note);

/// <summary>A move of a record: the version read, and the note (已联系) or the reason (未达成).</summary>
public sealed record MoveRequest(long? Version, string? Note, string? Reason);

/// <summary>已签约: the version read and the loan's terms (rate in percent: 3.45 is 3.45%; code and equipment amount optional).</summary>
public sealed record SignRequest(long? Version, decimal? Principal, decimal? RatePercent, DateOnly? IssuedOn, DateOnly? MaturesOn, LoanCategory? Category,
    string? Code, decimal? EquipmentAmount);

/// <summary>
/// 银企对接 under /api/v1/financing (the same as /financing): a bank reads the needs and its records, records its interest
/// and the outcome; the others read the records of their scope. Refusals are problems with the service's Chinese message.
/// </summary>
public static class FinancingEndpoints
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["projectId"] = "项目", ["note"] = "说明", ["reason"] = "未达成原因", ["version"] = "版本号", ["principal"] = "贷款金额", ["ratePercent"] = "合同年利率",
        ["issuedOn"] = "放款日", ["maturesOn"] = "到期日", ["category"] = "贷款类别", ["code"] = "贷款编号", ["equipmentAmount"] = "用于设备投资的金额",
    };

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/financing").WithTags("financing");

        g.MapGet("/needs", async Task<Results<Ok<NeedPage>, ProblemHttpResult>> (HttpContext http, FinancingService service, string? area, decimal? min, decimal? max, int? page,
            CancellationToken ct) =>
        {
            var r = await service.NeedsAsync(http.User(), new NeedFilter(area, min, max, page ?? 1), ct);
            return r.Ok ? TypedResults.Ok(r.Value!) : ApiResults.Refused(r.Kind, r.Message);
        }).WithName("ListFinancingNeeds").WithSummary("银行：可见项目的融资需求（企业、区镇、项目、需求与设备投资金额（元）、企业联系人、本行对接状态），按区镇与金额（元）筛选，分页").Forbids();

        g.MapGet("/matches", async Task<Ok<IReadOnlyList<MatchRow>>> (HttpContext http, FinancingService service, CancellationToken ct) =>
            TypedResults.Ok(await service.ListAsync(http.User(), ct: ct)))
            .WithName("ListFinancingMatches").WithSummary("银企对接记录：银行只见本行的，企业见本企业项目的，区镇见本区镇的，市局与财政见全部；贷款条件只对贷款银行、企业和政府可见");

        g.MapGet("/matches/{id:int}", async Task<Results<Ok<MatchRow>, NotFound>> (int id, HttpContext http, FinancingService service, CancellationToken ct) =>
            await service.FindAsync(http.User(), id, ct) is { } row ? TypedResults.Ok(row) : TypedResults.NotFound())
            .WithName("GetFinancingMatch").WithSummary("一条银企对接记录（他行的记录对银行而言不存在：404）");

        g.MapPost("/matches", async Task<Results<Created<MatchRow>, ValidationProblem, ProblemHttpResult>> (HttpContext http, FinancingService service, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<InterestRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            if (body.ProjectId is not { } projectId) return TypedResults.Problem("请指定项目（projectId）", statusCode: StatusCodes.Status400BadRequest);
            var r = await service.InterestAsync(http.User(), projectId, body.Note, ct);
            return r.Ok ? TypedResults.Created($"/api/v1/financing/matches/{r.Value!.Id}", (await service.FindAsync(http.User(), r.Value.Id, ct))!) : ApiResults.Refused(r.Kind, r.Message);
        }).Accepts<InterestRequest>("application/json").WithName("RecordFinancingInterest").WithSummary("银行登记对项目融资需求的意向（每家银行对每个项目一条记录）").Forbids();

        g.MapPost("/matches/{id:int}/contact", (int id, HttpContext http, FinancingService service, CancellationToken ct) =>
            MoveAsync<MoveRequest>(http, service, id, (b, user) => service.ContactAsync(user, id, b.Version ?? -1, b.Note, ct), b => b.Version))
            .Accepts<MoveRequest>("application/json").WithName("RecordFinancingContact").WithSummary("已联系（note：联系情况；须带 version）").Forbids();

        g.MapPost("/matches/{id:int}/decline", (int id, HttpContext http, FinancingService service, CancellationToken ct) =>
            MoveAsync<MoveRequest>(http, service, id, (b, user) => service.DeclineAsync(user, id, b.Version ?? -1, b.Reason, ct), b => b.Version))
            .Accepts<MoveRequest>("application/json").WithName("RecordFinancingDeclined").WithSummary("未达成（reason：原因；须带 version）").Forbids();

        g.MapPost("/matches/{id:int}/sign", (int id, HttpContext http, FinancingService service, CancellationToken ct) =>
            MoveAsync<SignRequest>(http, service, id, (b, user) => service.SignAsync(user, id, b.Version ?? -1,
                new LoanTerms(b.Principal, b.RatePercent, b.IssuedOn, b.MaturesOn, b.Category, b.Code, b.EquipmentAmount), ct), b => b.Version))
            .Accepts<SignRequest>("application/json").WithName("RecordFinancingLoan")
            .WithSummary("已签约：贷款金额、合同年利率（百分数）、放款日、到期日、贷款类别；贷款登记到企业名下，贷款银行为本行（须带 version）").Forbids();
    }

    private static async Task<Results<Ok<MatchRow>, ValidationProblem, ProblemHttpResult>> MoveAsync<T>(HttpContext http, FinancingService service, int id,
        Func<T, Renewal.Services.Workflow.UserContext, Task<Renewal.Services.Workflow.Result<FinancingMatch>>> move, Func<T, long?> version) where T : class
    {
        var (body, errors) = await JsonBody.ReadAsync<T>(http, Labels);
        if (body is null) return ApiResults.Invalid(errors!);
        if (version(body) is null) return TypedResults.Problem("缺少版本号（version）", statusCode: StatusCodes.Status400BadRequest);
        var user = http.User();
        var r = await move(body, user);
        return r.Ok ? TypedResults.Ok((await service.FindAsync(user, id, http.RequestAborted))!) : ApiResults.Refused(r.Kind, r.Message);
    }
}
