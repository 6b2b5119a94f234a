using Renewal.Data.Entities;
using Renewal.Services.Benchmarks;
using Renewal.Web.Features.Enterprise;

namespace Renewal.Web.Features.Benchmarks;

/// <summary>One criterion row of the round form, as typed.</summary>
public sealed class CriterionForm
{
    public BenchmarkCriterionKind Kind { get; set; }
    /// <summary>采用: the criterion is part of the round.</summary>
    public bool Use { get; set; } = true;
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? MaxScore { get; set; }
}

/// <summary>A round as the bureau types it: name, year, deadline, quota, key industries (division codes), the four criteria.</summary>
public sealed class RoundForm
{
    public string? Name { get; set; }
    public string? Year { get; set; }
    public string? Deadline { get; set; }
    public string? Quota { get; set; }
    public List<string> Industries { get; set; } = [];
    public List<CriterionForm> Criteria { get; set; } = [];

    /// <summary>The form for a new round: the four default criteria.</summary>
    public static RoundForm New(int year, DateOnly deadline) => new()
    {
        Year = year.ToString(System.Globalization.CultureInfo.InvariantCulture), Deadline = BenchmarkText.Date(deadline), Quota = "10",
        Criteria = [.. BenchmarkService.DefaultCriteria().Select(c => new CriterionForm { Kind = c.Kind, Name = c.Name, Description = c.Description, MaxScore = c.MaxScore?.ToString(System.Globalization.CultureInfo.InvariantCulture) })],
    };

    public static RoundForm Of(RoundRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var used = r.Criteria.ToDictionary(c => c.Kind);
        return new()
        {
            Name = r.Name, Year = r.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), Deadline = BenchmarkText.Date(r.NominationDeadline),
            Quota = r.Quota.ToString(System.Globalization.CultureInfo.InvariantCulture), Industries = [.. r.KeyIndustries.Select(k => k.Code)],
            Criteria = [.. BenchmarkService.DefaultCriteria().Select(d => used.TryGetValue(d.Kind, out var c)
                ? new CriterionForm { Kind = c.Kind, Name = c.Name, Description = c.Description, MaxScore = c.MaxScore.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                : new CriterionForm { Kind = d.Kind, Use = false, Name = d.Name, Description = d.Description, MaxScore = d.MaxScore?.ToString(System.Globalization.CultureInfo.InvariantCulture) })],
        };
    }

    /// <summary>The input for the service, or null with the errors (each naming its field) when a number or date does not parse.</summary>
    public RoundInput? Input(FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var year = FormText.Whole(errors, "year", "年度（year）", Year);
        var deadline = FormText.Date(errors, "nomination_deadline", "提名截止日（nomination_deadline）", Deadline);
        var quota = FormText.Whole(errors, "quota", "入选名额（quota）", Quota);
        var criteria = Criteria.Where(c => c.Use)
            .Select(c => new CriterionInput(c.Kind, c.Name, c.Description, FormText.Whole(errors, "max_score", $"“{c.Name}”的满分（max_score）", c.MaxScore))).ToList();
        return errors.Any ? null : new RoundInput(Name, year, deadline, quota, Industries, criteria);
    }
}
