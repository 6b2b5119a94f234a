using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Web.Infrastructure;
using Renewal.Services;
using Renewal.Policy.Kunshan2024.Programme;

namespace Renewal.Web.Features.Enterprise;

/// <summary>One year's row of the project form, as typed.</summary>
public sealed class YearForm
{
    public string? Equipment { get; set; }
    public string? Digital { get; set; }
}

/// <summary>
/// The project form as typed (text, so that anything the user enters comes back with a Chinese message rather than
/// a binding error). <see cref="Years"/> is keyed by year (<c>Form.Years[2025].Equipment</c>, so a row missing from a
/// post cannot shift the others); a blank row means no investment that year.
/// </summary>
public sealed class ProjectForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? Status { get; set; }
    public string? StartedOn { get; set; }
    public string? CompletedOn { get; set; }
    public List<string> Tasks { get; set; } = [];
    public List<string> Clusters { get; set; } = [];
    public List<string> DigitalScopes { get; set; } = [];
    public bool SafetyRenovation { get; set; }
    public string? FinancingNeed { get; set; }
    public Dictionary<int, YearForm> Years { get; set; } = [];
    public string? Version { get; set; }

    public static ProjectForm Blank() => new()
    {
        Kind = nameof(ProjectKind.Renovation),
        Status = nameof(ProjectStatus.Planned),
    };

    public static ProjectForm Of(ProjectDto p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new ProjectForm
        {
            Code = p.Code, Name = p.Name, Kind = p.Kind.ToString(), Status = p.Status.ToString(),
            StartedOn = FormText.Of(p.StartedOn), CompletedOn = FormText.Of(p.CompletedOn),
            Tasks = [.. p.Tasks.Select(t => t.ToString(CultureInfo.InvariantCulture))],
            Clusters = [.. p.Clusters], DigitalScopes = [.. p.DigitalScopes], SafetyRenovation = p.SafetyRenovation,
            FinancingNeed = FormText.Of(p.FinancingNeed),
            Years = p.Investments.Where(i => ProgrammeYears.Contains(i.Year))
                .ToDictionary(i => i.Year, i => new YearForm { Equipment = FormText.Of(i.Equipment), Digital = FormText.Of(i.Digital) }),
            Version = p.Version.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// The typed request; text that is not a number or date gets a message in <paramref name="errors"/> under the
    /// request's field path. <paramref name="rowOfYear"/> maps each year to its index in <see cref="ProjectRequest.Investments"/>.
    /// </summary>
    public ProjectRequest ToRequest(FieldErrors errors, out Dictionary<int, int> rowOfYear)
    {
        ArgumentNullException.ThrowIfNull(errors);
        rowOfYear = [];
        var rows = new List<InvestmentInput>();
        foreach (var (year, f) in Years.OrderBy(k => k.Key))
        {
            if (f is null || string.IsNullOrWhiteSpace(f.Equipment) && string.IsNullOrWhiteSpace(f.Digital)) continue;
            var at = $"investments[{rows.Count}]";
            rowOfYear[year] = rows.Count;
            rows.Add(new InvestmentInput
            {
                Year = year,
                Equipment = FormText.Number(errors, $"{at}.equipment", $"{year} 年设备投资额", f.Equipment),
                Digital = FormText.Number(errors, $"{at}.digital", $"{year} 年智能化数字化投入", f.Digital),
            });
        }
        var tasks = new List<int>();
        foreach (var t in Tasks.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            if (FormText.Whole(errors, "tasks", "重点任务", t) is { } n) tasks.Add(n);
        }
        return new ProjectRequest
        {
            Code = Code, Name = Name,
            Kind = FormText.Enum<ProjectKind>(errors, "kind", "项目类型", Kind),
            Status = FormText.Enum<ProjectStatus>(errors, "status", "项目状态", Status),
            StartedOn = FormText.Date(errors, "startedOn", "开工日期", StartedOn),
            CompletedOn = FormText.Date(errors, "completedOn", "竣工日期", CompletedOn),
            Tasks = tasks, Clusters = Clusters, DigitalScopes = DigitalScopes, SafetyRenovation = SafetyRenovation,
            FinancingNeed = FormText.Number(errors, "financingNeed", "融资需求", FinancingNeed),
            Investments = rows,
            Version = long.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null,
        };
    }
}

/// <summary>What the new and edit pages share: the form, its messages, the choices, and the save.</summary>
public abstract class ProjectFormPage(LibraryDbContext db, PolicyEngine engine, TimeProvider clock) : PageModel
{
    [BindProperty] public ProjectForm Form { get; set; } = ProjectForm.Blank();
    public FieldErrors Errors { get; private set; } = new();
    /// <summary>A refusal that is not about one field (someone else saved first).</summary>
    public string? Problem { get; private set; }
    public Dictionary<int, int> RowOfYear { get; private set; } = [];
    public IReadOnlyList<Choice> ClusterChoices => PolicyLists.Clusters(engine);
    public IReadOnlyList<Choice> ScopeChoices => PolicyLists.Scopes(engine);
    public abstract bool IsNew { get; }
    public int? ProjectId { get; protected set; }

    /// <summary>The message key of a year's field, e.g. <c>investments[1].equipment</c>.</summary>
    public string YearKey(int year, string field) => RowOfYear.TryGetValue(year, out var i) ? $"investments[{i}].{field}" : $"year{year}.{field}";

    protected LibraryDbContext Db => db;

    protected async Task<IActionResult> SaveAsync(int? id, CancellationToken ct)
    {
        var formErrors = new FieldErrors();
        var request = Form.ToRequest(formErrors, out var rows);
        RowOfYear = rows;
        var result = await SaveProject.HandleAsync(db, engine, HttpContext.User(), id, request, clock, formErrors, ct);
        switch (result.Status)
        {
            case CommandStatus.Ok:
                TempData["Message"] = Lang.T($"项目“{result.Value!.Name}”已保存", $"Project {result.Value!.Code} saved");
                return Redirect($"/library/projects/{result.Value.Id}");
            case CommandStatus.Invalid:
                Errors = result.Errors!;
                return Page();
            case CommandStatus.Conflict:
                Problem = result.Message;
                return Page();
            case CommandStatus.NotFound:
                return NotFound();
            default:
                return Forbid();
        }
    }
}

[Authorize(Policy = Policies.Enterprise)]
public sealed class NewProjectModel(LibraryDbContext db, PolicyEngine engine, TimeProvider clock) : ProjectFormPage(db, engine, clock)
{
    public override bool IsNew => true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await MyEnterprise.FindAsync(Db, HttpContext.User(), ct) is null ? Forbid() : Page();

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(null, ct);
}

[Authorize(Policy = Policies.Enterprise)]
public sealed class EditProjectModel(LibraryDbContext db, PolicyEngine engine, TimeProvider clock) : ProjectFormPage(db, engine, clock)
{
    public override bool IsNew => false;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var found = await SaveProject.LoadAsync(Db, HttpContext.User(), id, ct);
        if (!found.Ok) return found.Status == CommandStatus.NotFound ? NotFound() : Forbid();
        ProjectId = id;
        Form = ProjectForm.Of(found.Value!);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        ProjectId = id;
        return SaveAsync(id, ct);
    }
}
