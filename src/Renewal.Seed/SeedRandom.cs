using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Seed;

/// <summary>
/// The seeder's random numbers: SplitMix64, integers only — the same seed gives the same sequence on every
/// platform and .NET version (no <see cref="Random"/>, no floating point). One stream per enterprise, so an
/// enterprise's data does not depend on how the others consumed numbers.
/// </summary>
internal sealed class SeedRandom
{
    private ulong _state;

    private SeedRandom(ulong state) => _state = state;

    /// <summary>The stream of item <paramref name="index"/> of kind <paramref name="stream"/> under <paramref name="seed"/>.</summary>
    public static SeedRandom For(int seed, int stream, long index) =>
        new(Mix(Mix(Mix((ulong)(uint)seed) ^ (ulong)(uint)stream) + (ulong)index));

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>0 ≤ result &lt; <paramref name="maxExclusive"/>.</summary>
    public long NextLong(long maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (long)(ulong)(((UInt128)NextUInt64() * (ulong)maxExclusive) >> 64);
    }

    /// <summary>0 ≤ result &lt; <paramref name="maxExclusive"/>.</summary>
    public int Next(int maxExclusive) => (int)NextLong(maxExclusive);

    /// <summary><paramref name="min"/> ≤ result ≤ <paramref name="maxInclusive"/>.</summary>
    public int Between(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    /// <summary><paramref name="min"/> ≤ result ≤ <paramref name="maxInclusive"/>.</summary>
    public long Between(long min, long maxInclusive) => min + NextLong(maxInclusive - min + 1);

    /// <summary>True with probability <paramref name="percent"/>/100.</summary>
    public bool Percent(int percent) => Next(100) < percent;

    /// <summary>True with probability <paramref name="permille"/>/1000.</summary>
    public bool Permille(int permille) => Next(1000) < permille;

    /// <summary>An index drawn with the given integer weights.</summary>
    public int Weighted(ReadOnlySpan<int> weights)
    {
        var total = 0;
        foreach (var w in weights) total += w;
        var r = Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            if (r < weights[i]) return i;
            r -= weights[i];
        }
        return weights.Length - 1;
    }

    /// <summary>One of <paramref name="items"/>, uniformly.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>A day between <paramref name="from"/> and <paramref name="to"/> inclusive.</summary>
    public DateOnly Day(DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(Next(to.DayNumber - from.DayNumber + 1));
}
