using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Budget;
using Renewal.Services.Reports;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Simulation;

/// <summary>A saved simulation as read back: its row and its overrides in the order they were given.</summary>
public sealed record SavedSimulationView(SavedSimulation Row, IReadOnlyList<KeyValuePair<string, string>> Overrides);

/// <summary>
/// Saving and opening simulations. Saving stores the year and overrides only — it re-runs nothing; opening recomputes
/// the what-if on the library as it is then (ADR-009).
/// </summary>
public static class SavedSimulations
{
    public const int MaxName = TextLimits.SimulationName;

    /// <summary>Validates and stores a simulation. Throws <see cref="ParameterException"/> naming the field at fault.</summary>
    public static async Task<SavedSimulation> SaveAsync(LibraryDbContext db, PolicyEngine engine, string? name, int year,
        IReadOnlyList<KeyValuePair<string, string>> overrides, int? userId, string userName, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(overrides);
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) throw new ParameterException("name", "请填写模拟名称");
        if (TextLimits.Check(name, "模拟名称", "name", MaxName) is { } tooLong) throw new ParameterException("name", tooLong);
        if (overrides.Count == 0) throw new ParameterException("overrides", "没有改动任何参数：请至少修改一个参数再保存");
        WhatIf.Validate(engine, year, overrides);
        if (TextLimits.Check(ToJson(overrides), "修改的参数", "overrides", TextLimits.SimulationOverrides) is { } tooMany) throw new ParameterException("overrides", tooMany);
        var row = new SavedSimulation
        {
            Name = name, Year = year, Overrides = ToJson(overrides), CreatedById = userId, CreatedBy = userName,
            // PostgreSQL keeps microseconds: store what reads back the same.
            CreatedAt = now.AddTicks(-(now.Ticks % 10)),
        };
        db.Simulations.Add(row);
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>The saved simulation, or null.</summary>
    public static async Task<SavedSimulationView?> FindAsync(LibraryDbContext db, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.Simulations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return row is null ? null : new SavedSimulationView(row, FromJson(row.Overrides));
    }

    /// <summary>The most recent simulations, newest first.</summary>
    public static IReadOnlyList<SavedSimulation> Recent(LibraryDbContext db, int count = 20)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Simulations.AsNoTracking().OrderByDescending(s => s.Id).Take(count).ToList();
    }

    /// <summary>Overrides as a JSON object (a later duplicate name wins, as in the engine).</summary>
    public static string ToJson(IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (k, v) in overrides)
        {
            if (!map.ContainsKey(k)) order.Add(k);
            map[k] = v;
        }
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            foreach (var k in order) w.WriteString(k, map[k]);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static IReadOnlyList<KeyValuePair<string, string>> FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString() ?? ""))];
    }
}
