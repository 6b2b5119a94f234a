using Renewal.Web.Features.Admin;
using Renewal.Web.Features.Applications;
using Renewal.Web.Features.Audit;
using Renewal.Web.Features.Benchmarks;
using Renewal.Web.Features.Budget;
using Renewal.Web.Features.Calls;
using Renewal.Web.Features.Candidates;
using Renewal.Web.Features.Checks;
using Renewal.Web.Features.Dashboard;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Features.Financing;
using Renewal.Web.Features.Library;
using Renewal.Web.Features.Notice;
using Renewal.Web.Features.Payments;
using Renewal.Web.Features.Rules;
using Renewal.Web.Features.Simulation;
using Renewal.Web.Features.Upward;
using Renewal.Web.Features.Verify;
using Renewal.Web.Features.Visits;

namespace Renewal.Web.Infrastructure;

/// <summary>
/// The JSON API under /api/v1: the same operations as the pages, the same authorization. Each endpoint is mapped by
/// its use case's file in the feature folder; this is the one place that calls them (in the order of the OpenAPI document).
/// </summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization().WithTags("api").MapAntiforgery();
        ListProjects.Map(api);
        EvaluateProject.Map(api);
        EnterpriseEndpoints.Map(api);
        AdminEndpoints.Map(api);
        ApplicationsEndpoints.Map(api);
        CallsEndpoints.Map(api);
        PaymentsEndpoints.Map(api);
        FinancingEndpoints.Map(api);
        VisitEndpoints.Map(api);
        BenchmarkEndpoints.Map(api);
        ChecksEndpoints.Map(api);
        UpwardEndpoints.Map(api);
        ListNotice.Map(api);
        VerifyDecision.Map(api);
        VerifyAudit.Map(api);
        CandidateQuery.Map(api);
        SimulationEndpoints.Map(api);
        GetBudget.Map(api);
        ReportProgress.Map(api);
        RulesEndpoints.Map(api);
        return app;
    }
}
