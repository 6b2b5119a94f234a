using System.Collections.Concurrent;
using Renewal.Data;
using Renewal.Seed;

namespace Renewal.Testing;

/// <summary>One seeded library per provider (N = 300), shared by the tests that only read it.</summary>
public sealed class SeededLibraries
{
    public const int Enterprises = 300;
    public const int Seed = 2024;
    public static readonly DateOnly Today = new(2026, 11, 29);
    public static SeedOptions Options => new(Enterprises, Seed, Today);

    private readonly ConcurrentDictionary<string, Lazy<(LibraryDatabaseOptions Options, SeedSummary Summary)>> _libraries = new();

    public (LibraryDatabaseOptions Options, SeedSummary Summary) Get(string provider) => _libraries.GetOrAdd(provider, p => new(() =>
    {
        using var db = Databases.Open(p, out var options);
        var summary = LibrarySeeder.Seed(db, Options);
        return (options, summary);
    })).Value;
}
