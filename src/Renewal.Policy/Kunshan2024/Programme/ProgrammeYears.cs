using System.Globalization;

namespace Renewal.Policy.Kunshan2024.Programme;

/// <summary>
/// The award years of the programme (plan title: 2024—2027年), read from <c>first_year</c> and <c>last_year</c> of
/// <c>Programme/programme-targets.yaml</c>: the one place that says which years exist. Budget, what-if, the declaration
/// forms, the application year check, the seed and the commands ask here instead of writing 2024 and 2027.
/// </summary>
/// <remarks>
/// Scheme D's subsidy window (<c>loan.window_start</c>, <c>loan.window_end</c>, I-12) is a dated parameter of its own,
/// because a rule revision may move it; in the pack as shipped it equals <see cref="Window"/> (a test checks this).
/// </remarks>
public static class ProgrammeYears
{
    /// <summary>The first award year (2024).</summary>
    public static int First => ProgrammeTargets.Default.FirstYear;

    /// <summary>The last award year (2027), included.</summary>
    public static int Last => ProgrammeTargets.Default.LastYear;

    /// <summary>Every award year in order.</summary>
    public static IReadOnlyList<int> All { get; } = [.. ProgrammeTargets.Default.Years];

    /// <summary>The programme's days: 1 January of <see cref="First"/> included to 1 January after <see cref="Last"/> excluded.</summary>
    public static Period Window => new(new DateOnly(First, 1, 1), new DateOnly(Last + 1, 1, 1));

    /// <summary>True when <paramref name="year"/> is an award year of the programme.</summary>
    public static bool Contains(int year) => year >= First && year <= Last;

    /// <summary><paramref name="year"/> moved into the programme: the first year before it, the last after it (e.g. today's year as a default).</summary>
    public static int Clamp(int year) => Math.Clamp(year, First, Last);

    /// <summary>"2024–2027", as the pages and commands write the range.</summary>
    public static string Text => string.Create(CultureInfo.InvariantCulture, $"{First}–{Last}");
}
