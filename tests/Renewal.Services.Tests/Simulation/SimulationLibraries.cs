using Renewal.Data;
using Renewal.Testing;
using System.Collections.Concurrent;
using Renewal.Seed;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Tests.Simulation;

/// <summary>One seeded library per provider (120 enterprises), shared by the simulation and budget tests that only read it.</summary>
public sealed class SimulationLibraries
{
    public static SeedOptions Options => new(120, 606, new DateOnly(2026, 6, 30));

    private readonly ConcurrentDictionary<string, Lazy<LibraryDatabaseOptions>> _libraries = new();

    public LibraryDbContext Open(string provider) => LibraryStore.Create(_libraries.GetOrAdd(provider, p => new(() =>
    {
        using var db = Databases.Open(p, out var options);
        LibrarySeeder.Seed(db, Options);
        return options;
    })).Value);

    /// <summary>A library of its own, for a test that changes it.</summary>
    public static LibraryDbContext Fresh(string provider, int enterprises = 40)
    {
        var db = Databases.Open(provider, out _);
        LibrarySeeder.Seed(db, Options with { Enterprises = enterprises });
        db.ChangeTracker.Clear();
        return db;
    }
}
