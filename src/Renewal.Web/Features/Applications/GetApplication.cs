using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Applications;

public sealed record ApplicationDto(int Id, string Number, Scheme Scheme, int Year, int EnterpriseId, int? ProjectId, int? LoanId,
    ApplicationState State, decimal? SubmittedAmount, string? SubmittedParameterVersion, decimal? ApprovedAmount,
    string? ApprovedParameterVersion, string? ApprovedByLevel, DateOnly? NoticeStartsOn, DateOnly? NoticeEndsOn, string? PaymentReference,
    long Version, IReadOnlyList<WorkflowAction> AvailableActions, int? DeclarationVersion = null, DateTimeOffset? ReturnRequestedAt = null,
    string? ReturnRequestReason = null)
{
    /// <summary>The application as <paramref name="role"/> sees it, with the moves that role may make now.</summary>
    public static ApplicationDto Of(AwardApplication a, Role role)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.Number, a.Scheme, a.Year, a.EnterpriseId, a.ProjectId, a.LoanId,
            a.State, a.SubmittedAmount, a.SubmittedParameterVersion, a.ApprovedAmount, a.ApprovedParameterVersion, a.ApprovedByLevel,
            a.NoticeStartsOn, a.NoticeEndsOn, a.PaymentReference, a.Version, [.. Transitions.Available(a.State, role)], a.DeclarationVersion,
            a.ReturnRequestedAt, a.ReturnRequestReason);
    }
}

/// <summary>One application and the moves the user may make (GET /api/v1/applications/{id}; the page is /applications/{id}).</summary>
public static class GetApplication
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/applications/{id:int}", async Task<Results<Ok<ApplicationDto>, NotFound, ForbidHttpResult>> (int id, HttpContext http, LibraryDbContext db,
            CancellationToken ct) =>
        {
            var user = http.User();
            var app = await db.Applications.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(a => a.Id == id, ct);
            if (app is null) return await db.Applications.AnyAsync(a => a.Id == id, ct) ? TypedResults.Forbid() : TypedResults.NotFound();
            return TypedResults.Ok(ApplicationDto.Of(app, user.Role));
        }).WithSummary("一个申报及当前用户可办理的事项");
}

/// <summary>One record of the declaration of record, as the API gives it: which, when, by whom, its hash and award, what changed since the previous version.</summary>
public sealed record DeclarationDto(int Id, DeclarationPurpose Purpose, int Version, DateTimeOffset CreatedAt, string CreatedBy, string Hash, decimal Amount,
    string? ByLevel, string ParameterVersion, decimal? PreviousAmount, IReadOnlyList<DeclarationChange> Changes, string Scenario);

/// <summary>The declarations of an application (GET /api/v1/applications/{id}/declarations): every submission and the approval's record.</summary>
public static class GetDeclarations
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/applications/{id:int}/declarations", async Task<Results<Ok<List<DeclarationDto>>, NotFound, ForbidHttpResult>> (int id, HttpContext http,
            LibraryDbContext db, Renewal.Policy.Kunshan2024.PolicyEngine engine, CancellationToken ct) =>
        {
            var user = http.User();
            var app = await db.Applications.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(a => a.Id == id, ct);
            if (app is null) return await db.Applications.AnyAsync(a => a.Id == id, ct) ? TypedResults.Forbid() : TypedResults.NotFound();
            var history = await DeclarationHistory.LoadAsync(db, engine, app, ct);
            return TypedResults.Ok(history.Versions.Select(v => new DeclarationDto(v.Record.Id, v.Record.Purpose, v.Record.Version, v.Record.CreatedAt,
                v.Record.CreatedBy, v.Record.Hash, v.Record.Amount, v.Record.ByLevel, v.Record.ParameterVersion, v.Previous?.Amount, v.Changes,
                v.Record.Scenario)).ToList());
        }).WithSummary("申报快照：每次提交的版本（含与上一版的差异、前后测算金额）和批准依据");
}
