using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;
using Renewal.Web.Features.Shared.Charts;
using Renewal.Services.Simulation;
using Renewal.Services;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Simulation;

/// <summary>A saved simulation, opened by anyone who may simulate: recomputed on the library as it is now.</summary>
[Authorize(Roles = SimulationAccess.Roles)]
public sealed class SavedModel(LibraryDbContext db, PolicyEngine engine, LibrarySnapshots snapshots, Renewal.Services.Revisions.RevisionService revisions, TimeProvider clock) : PageModel
{
    /// <summary>Whether the viewer may turn the simulation into a draft revision (a bureau administrator, V-6).</summary>
    public bool MayDraft => Renewal.Services.Revisions.RevisionService.MayWrite(HttpContext.User());

    /// <summary>
    /// 转为规则修订草稿 (issue 11 item 4): the simulation's changes become a draft revision, from 1 January of its year;
    /// the drafter corrects it on the draft's page and another administrator publishes it.
    /// </summary>
    public async Task<IActionResult> OnPostDraftAsync(int id, CancellationToken ct)
    {
        if (!MayDraft) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        try
        {
            var today = clock.Today();
            var docId = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SIM-{id}-{today:yyyyMMdd}");
            var text = Renewal.Services.Revisions.SimulationDraft.ToRevisionText(engine, Saved.Row.Year, Saved.Overrides, docId, $"据政策模拟“{Saved.Row.Name}”拟定的修订", today);
            var drafted = await revisions.DraftAsync(HttpContext.User(), text, docId, ct);
            if (drafted.Ok) return Redirect($"/rules/drafts/{drafted.Value!.Id}");
            Error = drafted.Message;
        }
        catch (ParameterException e)
        {
            Error = e.Message;
        }
        return Page();
    }

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
