using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;
using Renewal.Web.Features.Shared.Charts;
using Renewal.Web.Infrastructure;
using Renewal.Services.Simulation;
using Renewal.Services;
using Renewal.Policy.Kunshan2024.Programme;

namespace Renewal.Web.Features.Simulation;

/// <summary>
/// 政策模拟: the parameters in force for a year, any of which the user changes; the run re-evaluates the whole library
/// (GET with <c>set=name=value</c>, so a result has its own address and its charts their xlsx); saving keeps the year and
/// the changes under a name for others to open at /simulate/{id}.
/// </summary>
[Authorize(Roles = SimulationAccess.Roles)]
public sealed class IndexModel(LibraryDbContext db, PolicyEngine engine, LibrarySnapshots snapshots, TimeProvider clock) : PageModel
{
    /// <summary>The examples, one click each.</summary>
    public static IReadOnlyList<(string Zh, string En, string Set)> Presets { get; } =
    [
        ("昆山市级贴息提高到 1.5 个百分点", "Kunshan loan rate 1.5 points", "loan.kunshan.rate=0.015"),
        ("有效投入奖补比例调整为 10%", "B rate 10%", "effective_investment.rate=0.10"),
        ("技改综合奖补基础比例设为 8%（原文未载明，现按 5% 假设）", "C base rate 8% (assumed 5% now)", "tech_renovation.base_rate=0.08"),
    ];

    public int Year { get; private set; }
    public IReadOnlyList<ParameterInForce> Parameters { get; private set; } = [];
    /// <summary>The canonical text of each parameter's simulated value: the changed value, or the one in force.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);
    /// <summary>Each parameter's input (Features/Shared/_ParameterEditor): the simulated value, or what was typed when refused.</summary>
    public Dictionary<string, ParameterEditor> Editors { get; } = new(StringComparer.Ordinal);
    /// <summary>The simulations saved so far, newest first, each with its changes.</summary>
    public IReadOnlyList<SavedSimulationView> SavedList { get; private set; } = [];
    /// <summary>31 December of the year: the day the values in force are read (POLICY.md "Parameters").</summary>
    public DateOnly Date => new(Year, 12, 31);
    public ParameterDefinition? Definition(string name) => engine.Parameters.Find(name);
    public IReadOnlyList<KeyValuePair<string, string>> Overrides { get; private set; } = [];
    public WhatIfResult? Result { get; private set; }
    public IReadOnlyList<ChartData> Charts { get; private set; } = [];
    public string? Error { get; private set; }
    public string? SaveName { get; private set; }

    private int DefaultYear => Math.Clamp(clock.Year(), WhatIf.FirstYear, WhatIf.LastYear);

    public void OnGet(int? year, string[]? set, bool run = false)
    {
        Prepare(year ?? DefaultYear);
        try
        {
            Overrides = SimulationInput.FromPairs(set ?? []);
            foreach (var (k, v) in Overrides) Show(k, v);
            if (run || Overrides.Count > 0) Run();
        }
        catch (ParameterException e)
        {
            Error = e.Message;
        }
    }

    /// <summary>The form: the values that differ from those in force become the run's overrides.</summary>
    public IActionResult OnPost(int year)
    {
        try
        {
            var overrides = SimulationInput.FromForm(engine, year, f => Request.Form[f]);
            WhatIf.Validate(engine, year, overrides);
            return Redirect("/simulate" + SimulationInput.Query(year, overrides) + "&run=true");
        }
        catch (ParameterException e)
        {
            try { Prepare(year); } catch (ParameterException) { /* the year's own error is e */ }
            // What was typed stays in the form, as typed.
            foreach (var name in Editors.Keys.ToList()) Editors[name] = Editors[name] with { Posted = f => Request.Form[f] };
            Error = e.Message;
            return Page();
        }
    }

    /// <summary>Saves the year and the changes under a name; re-runs nothing.</summary>
    public async Task<IActionResult> OnPostSaveAsync(int year, string? name, string[]? set, CancellationToken ct)
    {
        try
        {
            var overrides = SimulationInput.FromPairs(set ?? []);
            var saved = await SaveSimulation.HandleAsync(db, engine, HttpContext, name, year, overrides, clock, ct);
            TempData["Message"] = Lang.T($"已保存模拟“{saved.Name}”。此链接可分享给其他有权使用政策模拟的政府用户。",
                $"Saved “{saved.Name}”. Share this link with other government users who may simulate.");
            return Redirect($"/simulate/{saved.Id}");
        }
        catch (ParameterException e)
        {
            OnGet(ProgrammeYears.Contains(year) ? year : DefaultYear, set);
            SaveName = name;
            Error = e.Message;
            return Page();
        }
    }

    /// <summary>A chart of the result as xlsx (the query holds the year and the changes).</summary>
    public IActionResult OnGetXlsx(string chart, int? year, string[]? set)
    {
        try
        {
            Prepare(year ?? DefaultYear);
            Overrides = SimulationInput.FromPairs(set ?? []);
            Run();
        }
        catch (ParameterException e)
        {
            return BadRequest(e.Message);
        }
        return Charts.FirstOrDefault(c => c.Id == chart) is { } data ? ChartWorkbook.File(data) : NotFound();
    }

    private void Prepare(int year)
    {
        var valid = ProgrammeYears.Contains(year);
        Year = valid ? year : DefaultYear;
        Parameters = ParameterText.InForce(engine.Parameters, Year);
        foreach (var p in Parameters) Values[p.Name] = p.Value;
        foreach (var d in engine.Parameters.Definitions)
        {
            Editors[d.Name] = new ParameterEditor(d, SimulationInput.Field(d.Name)) { Value = d.At(Date)?.Value, Id = FieldId(d.Name) };
        }
        SavedList = [.. SavedSimulations.Recent(db).Select(r => new SavedSimulationView(r, SavedSimulations.FromJson(r.Overrides)))];
        if (!valid) throw new ParameterException("year", $"模拟年度应为 {WhatIf.FirstYear}–{WhatIf.LastYear}，实为 {year}");
    }

    /// <summary>The id of a parameter's input, for the label naming it.</summary>
    public static string FieldId(string parameter) => "p-" + parameter.Replace('.', '-');

    // A change from the query: its editor shows the value, or the text as given when it is not one (the error says why).
    private void Show(string name, string canonical)
    {
        Values[name] = canonical;
        if (!Editors.TryGetValue(name, out var editor)) return;
        try
        {
            Editors[name] = editor with { Value = editor.Definition.ParseValue(canonical) };
        }
        catch (ParameterException)
        {
            Editors[name] = editor with { Posted = f => f == editor.Field ? new Microsoft.Extensions.Primitives.StringValues(canonical) : default };
        }
    }

    private void Run()
    {
        Result = WhatIf.Run(snapshots, db, engine, Year, Overrides);
        Charts = SimulationCharts.Of(Result);
    }
}
