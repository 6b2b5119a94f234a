using System.Collections.Immutable;

using Renewal.Policy.Model;

namespace Renewal.Policy.Kunshan2024;

/// <summary>
/// The parameter-independent facts of every project of one scenario instance for its award year, as parallel arrays
/// (struct of arrays): what the engine's fast path reads per project, so that a what-if re-running one immutable
/// scenario under other parameters streams these arrays instead of touching each <see cref="Project"/> object and
/// its investment array again. Built with the scenario's <see cref="EnterpriseIndex"/> (in the same pass over the
/// projects) and kept as long as the scenario: 3 × 16 + 1 = 49 bytes a project.
/// </summary>
/// <remarks>
/// The values are the very decimals <see cref="ProjectFacts"/> computes (same additions, same order, so the same
/// scale too). What only a project past A-2 or B-3 needs (digital before the year, prior awards, status, completion)
/// is not kept: such a project goes through the rule methods, which read the project itself.
/// </remarks>
internal sealed class ProjectFactsTable
{
    /// <summary>The bits of a trait byte that hold the project's kind (≤ 6; 7 for a value outside them).</summary>
    public const byte KindBits = 0x07;

    /// <summary>The bit of a trait byte set for a major safety-production renovation (B-2).</summary>
    public const byte SafetyBit = 0x08;

    /// <summary>The bit of a trait byte set when the equipment of the year is not zero (zeros are not added).</summary>
    public const byte EquipmentBit = 0x10;

    /// <summary>The bit of a trait byte set when the digital of the year is not zero.</summary>
    public const byte DigitalBit = 0x20;

    private ProjectFactsTable(int n)
    {
        Equipment = GC.AllocateUninitializedArray<decimal>(n);
        Digital = GC.AllocateUninitializedArray<decimal>(n);
        CumulativeDigital = GC.AllocateUninitializedArray<decimal>(n);
        Traits = GC.AllocateUninitializedArray<byte>(n);
    }

    /// <summary>Equipment investment of the award year (B-3, C-2), per project by position.</summary>
    public decimal[] Equipment { get; }

    /// <summary>Digital investment of the award year (C-4).</summary>
    public decimal[] Digital { get; }

    /// <summary>Σ digital of all years ≤ the award year .</summary>
    public decimal[] CumulativeDigital { get; }

    /// <summary>The project's kind (<see cref="KindBits"/>, for C-2's kinds in force), <see cref="SafetyBit"/>, <see cref="EquipmentBit"/>, <see cref="DigitalBit"/>.</summary>
    public byte[] Traits { get; }

    /// <summary>The bytes the table holds for <paramref name="projects"/> projects (array contents, not headers).</summary>
    public static long BytesFor(int projects) => projects * (3L * sizeof(decimal) + sizeof(byte));

    /// <summary>A table for <paramref name="n"/> projects, filled by <see cref="Set"/>.</summary>
    public static ProjectFactsTable Allocate(int n) => new(n);

    /// <summary>Records project <paramref name="i"/>: its facts of <paramref name="year"/>, its kind and safety flag.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Set(int i, Project project, int year)
    {
        var facts = new ProjectFacts(project, year);
        var equipment = facts.Equipment.Yuan;
        var digital = facts.Digital.Yuan;
        Equipment[i] = equipment;
        Digital[i] = digital;
        CumulativeDigital[i] = facts.CumulativeDigital.Yuan;
        var kind = (uint)project.Kind < KindBits ? (int)project.Kind : KindBits;
        Traits[i] = (byte)(kind | (project.SafetyRenovation ? SafetyBit : 0) | (equipment != 0m ? EquipmentBit : 0) | (digital != 0m ? DigitalBit : 0));
    }

    /// <summary>A table built on its own (tests).</summary>
    public static ProjectFactsTable Of(ImmutableArray<Project> projects, int year)
    {
        var t = new ProjectFactsTable(projects.Length);
        for (var i = 0; i < projects.Length; i++) t.Set(i, projects[i], year);
        return t;
    }
}
