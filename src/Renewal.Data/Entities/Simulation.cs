namespace Renewal.Data.Entities;

/// <summary>
/// 政策模拟 — a saved what-if: the award year and the parameter overrides, never the result. Opening it recomputes it on
/// the library as it is then, so a shared link always shows the current cost of the change (ADR-009).
/// </summary>
public sealed class SavedSimulation : IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int Year { get; set; }
    /// <summary>The overrides as a JSON object of dotted parameter name → value text, e.g. {"loan.kunshan.rate":"0.015"}.</summary>
    public required string Overrides { get; set; }
    public int? CreatedById { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long Version { get; set; }
}
