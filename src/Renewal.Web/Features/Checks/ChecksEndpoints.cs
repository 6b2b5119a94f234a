using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024.Safeguards;
using Renewal.Services.Checks;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Checks;

/// <summary>移出: the day the entry was lifted and the version read.</summary>
public sealed record LiftRequest(long? Version, DateOnly? LiftedOn);

/// <summary>核准放行: which rule, which entry (its key as the checks report it), why.</summary>
public sealed record OverrideRequest(string? Rule, string? EntryKey, string? Reason);

/// <summary>An equipment invoice of an application.</summary>
public sealed record InvoiceRequest(string? Number, decimal? Amount, string? Equipment);

/// <summary>One trace line of the checks.</summary>
public sealed record CheckLineDto(string Rule, string Title, string Status, string Text);

/// <summary>A failure and its override, if any.</summary>
public sealed record CheckFindingDto(string Rule, string Title, string EntryKey, string Text, string Source, bool BlocksSubmit, bool BlocksApproval,
    OverrideDto? Override);

public sealed record OverrideDto(int Id, string Rule, string EntryKey, string Entry, string Reason, string By, DateTimeOffset At)
{
    public static OverrideDto Of(CheckOverride o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.Rule, o.EntryKey, o.Entry, o.Reason, o.By, o.At);
    }
}

/// <summary>The checks of an application as of today.</summary>
public sealed record CheckReportDto(DateOnly Day, bool Passed, string? SubmitRefusal, string? ApprovalRefusal, IReadOnlyList<CheckFindingDto> Findings, IReadOnlyList<CheckLineDto> Trace)
{
    public static CheckReportDto Of(CheckReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Day, r.Findings.All(f => f.Overridden), r.Refusal(WorkflowAction.Submit), r.Refusal(WorkflowAction.Approve),
            [.. r.Findings.Select(f => new CheckFindingDto(f.Rule, f.Title, f.EntryKey, f.Text, f.Source,
                CheckReport.BlockingRules(WorkflowAction.Submit).Contains(f.Rule), true, f.Override is { } o ? OverrideDto.Of(o) : null))],
            [.. r.Trace.Select(t => new CheckLineDto(t.Rule, SafeguardChecks.Title(t.Rule), t.Status.ToString(), t.Text))]);
    }
}

public sealed record InvoiceDto(int Id, string Number, decimal Amount, string? Equipment, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static InvoiceDto Of(ApplicationInvoice i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.Id, i.Number, i.Amount, i.Equipment, i.CreatedBy, i.CreatedAt);
    }
}

/// <summary>
/// 拨付前核查 under /api/v1/checks (the same as /checks: the bureau writes, finance reads) and an application's checks,
/// overrides and invoices under /api/v1/applications/{id}. Refusals are problems with the service's Chinese message.
/// </summary>
public static class ChecksEndpoints
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["creditCode"] = "统一社会信用代码", ["enterpriseName"] = "企业名称", ["kind"] = "类别", ["on"] = "列入或发生日期", ["liftedOn"] = "移出日期", ["source"] = "来源",
        ["note"] = "备注", ["programme"] = "资金名称", ["year"] = "年度", ["projectName"] = "项目名称", ["invoices"] = "发票号", ["amount"] = "金额", ["version"] = "版本号",
        ["rule"] = "核查规则", ["entryKey"] = "记录", ["reason"] = "理由", ["number"] = "发票号", ["equipment"] = "设备名称",
    };

    /// <summary>As the other application endpoints: an application that exists but is not the user's to see is 403, a missing one 404.</summary>
    private static async Task<ProblemHttpResult> RefusedAsync(HttpContext http, int id, Renewal.Services.Workflow.ResultKind kind, string? message)
    {
        if (kind == Renewal.Services.Workflow.ResultKind.NotFound && message == "申报不存在或无权查看"
            && await http.RequestServices.GetRequiredService<Renewal.Data.LibraryDbContext>().Applications.AnyAsync(a => a.Id == id, http.RequestAborted))
            return TypedResults.Problem("无权查看该申报", statusCode: StatusCodes.Status403Forbidden);
        return ApiResults.Refused(kind, message);
    }

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/checks").WithTags("checks").RequireAuthorization(Policies.Payments);

        g.MapGet("/register", async Task<Results<Ok<IReadOnlyList<CreditRow>>, ProblemHttpResult>> (HttpContext http, ChecksService service, string? creditCode, CancellationToken ct) =>
        {
            var r = await service.RegisterAsync(http.User(), creditCode, ct);
            return r.Ok ? TypedResults.Ok(r.Value!) : ApiResults.Refused(r.Kind, r.Message);
        }).WithName("ListCheckRegister").WithSummary("信用与事故记录（失信名单、重大安全/环境/质量事故），可按统一社会信用代码查询；市局与财政可读").Forbids();

        g.MapPost("/register", async Task<Results<Created<CreditRow>, ValidationProblem, ProblemHttpResult>> (HttpContext http, ChecksService service, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<CreditInput>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            var r = await service.AddCreditAsync(http.User(), body, ct);
            return r.Ok ? TypedResults.Created($"/api/v1/checks/register/{r.Value!.Id}", r.Value) : ApiResults.Refused(r.Kind, r.Message);
        }).Accepts<CreditInput>("application/json").WithName("AddCheckRegisterEntry")
            .WithSummary("市局登记一条信用与事故记录（kind：Blacklist 失信名单、SafetyIncident 重大安全事故、EnvironmentIncident 重大环境事故、QualityIncident 重大质量事故；source 必填）").Forbids();

        g.MapPost("/register/{id:int}/lift", async Task<Results<Ok<CreditRow>, ValidationProblem, ProblemHttpResult>> (int id, HttpContext http, ChecksService service, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<LiftRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            if (body.Version is not { } version) return TypedResults.Problem("缺少版本号（version）", statusCode: StatusCodes.Status400BadRequest);
            var r = await service.LiftAsync(http.User(), id, version, body.LiftedOn, ct);
            return r.Ok ? TypedResults.Ok(r.Value!) : ApiResults.Refused(r.Kind, r.Message);
        }).Accepts<LiftRequest>("application/json").WithName("LiftCheckRegisterEntry").WithSummary("市局登记失信名单记录的移出日期（当天起不再列入；须带 version）").Forbids();

        g.MapGet("/funding", async Task<Results<Ok<IReadOnlyList<FundingRow>>, ProblemHttpResult>> (HttpContext http, ChecksService service, string? creditCode, CancellationToken ct) =>
        {
            var r = await service.FundingAsync(http.User(), creditCode, ct);
            return r.Ok ? TypedResults.Ok(r.Value!) : ApiResults.Refused(r.Kind, r.Message);
        }).WithName("ListOtherFunding").WithSummary("已获其他资金支持（资金名称、年度、企业、项目、发票号、金额（元）、来源）；市局与财政可读").Forbids();

        g.MapPost("/funding", async Task<Results<Created<FundingRow>, ValidationProblem, ProblemHttpResult>> (HttpContext http, ChecksService service, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<FundingInput>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            var r = await service.AddFundingAsync(http.User(), body, ct);
            return r.Ok ? TypedResults.Created($"/api/v1/checks/funding/{r.Value!.Id}", r.Value) : ApiResults.Refused(r.Kind, r.Message);
        }).Accepts<FundingInput>("application/json").WithName("AddOtherFunding").WithSummary("市局登记一条已获其他资金支持记录（invoices：发票号，顿号或逗号分隔）").Forbids();

        g.MapPost("/import", async Task<Results<Ok<ImportSummary>, ProblemHttpResult>> (HttpContext http, ChecksService service, string? kind, string? source, CancellationToken ct) =>
        {
            if (!http.User().IsBureau) return ApiResults.Refused(Renewal.Services.Workflow.ResultKind.Forbidden, "核查名单由市局导入");
            if (!http.Request.HasFormContentType) return TypedResults.Problem("请以 multipart/form-data 上传 xlsx 文件（字段 file）", statusCode: StatusCodes.Status400BadRequest);
            var form = await http.Request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            if (file is null || file.Length == 0) return TypedResults.Problem("请上传 xlsx 文件（字段 file）", statusCode: StatusCodes.Status400BadRequest);
            if (file.Length > ChecksService.MaxFileBytes) return TypedResults.Problem($"文件超过 {ChecksService.MaxFileBytes / 1024 / 1024} MB", statusCode: StatusCodes.Status400BadRequest);
            using var content = new MemoryStream();
            await using (var upload = file.OpenReadStream()) await upload.CopyToAsync(content, ct);
            source ??= form["source"].FirstOrDefault();
            var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
            var r = kind switch
            {
                "funding" => await service.ImportFundingAsync(http.User(), content.ToArray(), name, source, ct),
                "register" or null => await service.ImportCreditAsync(http.User(), content.ToArray(), name, source, ct),
                _ => Renewal.Services.Workflow.Result<ImportSummary>.Fail(Renewal.Services.Workflow.ResultKind.Invalid, "kind 应为 register（信用与事故记录）或 funding（已获其他资金支持）"),
            };
            return r.Ok ? TypedResults.Ok(r.Value!) : ApiResults.Refused(r.Kind, r.Message);
        }).WithName("ImportCheckRegister")
            .WithSummary("市局从 xlsx 导入核查名单（kind=register 或 funding；multipart 字段 file，可选 source 作为文件来源）：全部导入或一行不导入，错误写明行和列").Forbids();

        g.MapGet("/templates/{kind}", Results<FileContentHttpResult, NotFound> (string kind) => kind switch
        {
            "register" => TypedResults.File(ChecksWorkbooks.CreditTemplate(), IndexModel.XlsxType, "信用与事故记录导入模板.xlsx"),
            "funding" => TypedResults.File(ChecksWorkbooks.FundingTemplate(), IndexModel.XlsxType, "已获其他资金支持导入模板.xlsx"),
            _ => TypedResults.NotFound(),
        }).WithName("CheckRegisterTemplate").WithSummary("导入模板（register 或 funding）");

        var a = api.MapGroup("/applications/{id:int}").WithTags("checks");

        a.MapGet("/checks", async Task<Results<Ok<CheckReportDto>, ProblemHttpResult>> (int id, HttpContext http, ChecksService service, CancellationToken ct) =>
        {
            var r = await service.ReportAsync(http.User(), id, ct);
            return r.Ok ? TypedResults.Ok(CheckReportDto.Of(r.Value!)) : await RefusedAsync(http, id, r.Kind, r.Message);
        }).WithName("GetApplicationChecks").WithSummary("申报的拨付前核查（按今天）：S-1 失信名单、S-2 近三年重大事故、S-3 重复支持，各未通过项及其来源、核准放行记录与逐条依据");

        a.MapPost("/checks/overrides", async Task<Results<Created<OverrideDto>, ValidationProblem, ProblemHttpResult>> (int id, HttpContext http, ChecksService service, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<OverrideRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            var r = await service.OverrideAsync(http.User(), id, body.Rule, body.EntryKey, body.Reason, ct);
            return r.Ok ? TypedResults.Created($"/api/v1/applications/{id}/checks", OverrideDto.Of(r.Value!)) : await RefusedAsync(http, id, r.Kind, r.Message);
        }).Accepts<OverrideRequest>("application/json").WithName("OverrideApplicationCheck")
            .WithSummary("市局对一个申报未通过的一项核查（rule、entryKey）填写理由核准放行；区镇与企业不能").Forbids();

        a.MapGet("/invoices", async Task<Results<Ok<List<InvoiceDto>>, ProblemHttpResult>> (int id, HttpContext http, ChecksService service, CancellationToken ct) =>
        {
            var r = await service.InvoicesAsync(http.User(), id, ct);
            return r.Ok ? TypedResults.Ok(r.Value!.Select(InvoiceDto.Of).ToList()) : await RefusedAsync(http, id, r.Kind, r.Message);
        }).WithName("ListApplicationInvoices").WithSummary("申报所列设备发票（发票号、金额（元）、设备名称）");

        a.MapPost("/invoices", async Task<Results<Created<InvoiceDto>, ValidationProblem, ProblemHttpResult>> (int id, HttpContext http, ChecksService service, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<InvoiceRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            var r = await service.AddInvoiceAsync(http.User(), id, body.Number, body.Amount, body.Equipment, ct);
            return r.Ok ? TypedResults.Created($"/api/v1/applications/{id}/invoices", InvoiceDto.Of(r.Value!)) : await RefusedAsync(http, id, r.Kind, r.Message);
        }).Accepts<InvoiceRequest>("application/json").WithName("AddApplicationInvoice").WithSummary("企业为草稿、已退回或已撤回的申报填写一张设备发票").Forbids();

        a.MapDelete("/invoices/{invoiceId:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, int invoiceId, HttpContext http, ChecksService service, CancellationToken ct) =>
        {
            var r = await service.RemoveInvoiceAsync(http.User(), id, invoiceId, ct);
            return r.Ok ? TypedResults.NoContent() : await RefusedAsync(http, id, r.Kind, r.Message);
        }).WithName("RemoveApplicationInvoice").WithSummary("企业删除申报的一张设备发票（可修改申报时）").Forbids();
    }
}
