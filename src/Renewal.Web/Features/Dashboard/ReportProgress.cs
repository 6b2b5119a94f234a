using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Web.Infrastructure;
using Renewal.Services.Programme;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Services;

namespace Renewal.Web.Features.Dashboard;

/// <summary>The programme's progress against T-1..T-5 (the dashboard's figures, GET /api/v1/programme/progress), for the government roles.</summary>
public static class ReportProgress
{
    /// <summary>A target with the library's figure against it.</summary>
    public sealed record TargetDto(string Id, string Name, decimal Target, string Unit, string Direction, decimal Actual, bool Reached, string Source);

    /// <summary>All amounts in yuan, exact; quantities are counts of items (台/套).</summary>
    public sealed record ProgressDto(
        string? Area, DateOnly Today, IReadOnlyList<TargetDto> Targets, decimal CumulativeEquipment,
        IReadOnlyList<YearFigure> EquipmentByYear, IReadOnlyList<DemonstrationProject> Demonstrations, KeyEnergyFigures KeyEnergy,
        long HazardousRemaining, IReadOnlyList<AreaFigure> ByArea, IReadOnlyList<DivisionFigure> ByDivision, IReadOnlyList<TaskFigure> ByTask,
        IReadOnlyList<SchemeFigure> ByScheme, IReadOnlyList<MonthFigure> Trend);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/programme/progress", (HttpContext http, LibraryDbContext db, LibraryDatabaseOptions options, PolicyEngine engine, TimeProvider clock) =>
        {
            var r = ProgrammeDashboard.Report(db, options, engine, clock, http.User());
            var t = r.Targets;
            var thisYear = Math.Clamp(r.Today.Year, t.FirstYear, t.LastYear);
            var actual = new Dictionary<string, decimal>(StringComparer.Ordinal)
            {
                ["T-1"] = r.CumulativeEquipment,
                ["T-2"] = r.EquipmentByYear.First(y => y.Year == thisYear).Equipment,
                ["T-3"] = r.Demonstrations.Count,
                ["T-4"] = r.KeyEnergy.Share,
                ["T-5"] = r.HazardousRemaining,
            };
            var targets = t.Targets.Select(x => new TargetDto(x.Id, x.Name, x.Value, x.Unit,
                x.Direction == TargetDirection.AtLeast ? "at_least" : "at_most", actual.GetValueOrDefault(x.Id), x.Reached(actual.GetValueOrDefault(x.Id)), x.Source)).ToList();
            return TypedResults.Ok(new ProgressDto(r.Area, r.Today, targets, r.CumulativeEquipment, r.EquipmentByYear, r.Demonstrations, r.KeyEnergy,
                r.HazardousRemaining, r.ByArea, r.ByDivision, r.ByTask, r.ByScheme, r.Trend));
        }).RequireAuthorization(Policies.Government).WithName("ProgrammeProgress")
          .WithSummary("行动计划目标 T-1～T-5 进度与分项（区镇审核员仅本区镇；T-2 的 actual 为当年）");
    }
}
