using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;
using Renewal.Web.Features.Shared.Charts;
using Renewal.Services.Simulation;
using Renewal.Services;

namespace Renewal.Web.Features.Simulation;

/// <summary>A saved simulation, opened by anyone who may simulate: recomputed on the library as it is now.</summary>
[Authorize(Roles = SimulationAccess.Roles)]
public sealed class SavedModel(LibraryDbContext db, PolicyEngine engine, LibrarySnapshots snapshots) : PageModel
{
    public SavedSimulationView Saved { get; private set; } = null!;
    public WhatIfResult? Result { get; private set; }
    public IReadOnlyList<ChartData> Charts { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(int id, string chart, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return Charts.FirstOrDefault(c => c.Id == chart) is { } data ? ChartWorkbook.File(data) : NotFound();
    }

    /// <summary>The link that opens the simulation form with these changes, to adjust them.</summary>
    public string EditLink => "/simulate" + SimulationInput.Query(Saved.Row.Year, Saved.Overrides);

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await SavedSimulations.FindAsync(db, id, ct) is not { } saved) return false;
        Saved = saved;
        try
        {
            Result = WhatIf.Run(snapshots, db, engine, saved.Row.Year, saved.Overrides);
            Charts = SimulationCharts.Of(Result);
        }
        catch (ParameterException e)
        {
            // A parameter renamed in a later policy pack: say which, rather than fail.
            Error = e.Message;
        }
        return true;
    }
}
