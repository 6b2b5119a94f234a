using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Renewal.Policy.Model;

namespace Renewal.Data.Configurations;

/// <summary>
/// Enums of the policy model are stored as their published codes (<see cref="Codes"/>), never as numbers, so a stored
/// row reads the same as the spec and survives a reordering of the enum.
/// </summary>
internal static class CodeConverters
{
    public static ValueConverter<ProjectKind, string> KindCode() => new(v => Codes.Of(v), v => ParseKind(v));

    public static ValueConverter<ProjectStatus, string> StatusCode() => new(v => Codes.Of(v), v => ParseStatus(v));

    public static ValueConverter<LoanCategory, string> CategoryCode() => new(v => Codes.Of(v), v => ParseCategory(v));

    public static ValueConverter<Scheme, string> SchemeCode() => new(v => Codes.Of(v), v => ParseScheme(v));

    public static ValueConverter<Level?, string?> OptionalLevelCode() => new(v => v == null ? null : Codes.Of(v.Value), v => v == null ? null : ParseLevel(v));

    /// <summary>A list of levels as comma-separated codes; null stays null (not recorded), empty stays empty.</summary>
    public static readonly ValueConverter<List<Level>?, string?> LevelList = new(
        v => v == null ? null : string.Join(',', v.Select(Codes.Of)),
        v => v == null ? null : v.Length == 0 ? new List<Level>() : v.Split(',', StringSplitOptions.None).Select(ParseLevel).ToList());

    public static readonly ValueComparer<List<Level>?> LevelListComparer = new(
        (a, c) => a == null ? c == null : c != null && a.SequenceEqual(c), v => v == null ? 0 : v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v == null ? null : v.ToList());

    private static ProjectKind ParseKind(string v) => Codes.TryParse(v, out ProjectKind k) ? k : throw new InvalidOperationException($"bad kind {v}");
    private static ProjectStatus ParseStatus(string v) => Codes.TryParse(v, out ProjectStatus k) ? k : throw new InvalidOperationException($"bad status {v}");
    private static LoanCategory ParseCategory(string v) => Codes.TryParse(v, out LoanCategory k) ? k : throw new InvalidOperationException($"bad category {v}");
    private static Scheme ParseScheme(string v) => Codes.TryParse(v, out Scheme k) ? k : throw new InvalidOperationException($"bad scheme {v}");
    private static Level ParseLevel(string v) => Codes.TryParse(v, out Level k) ? k : throw new InvalidOperationException($"bad level {v}");
}
