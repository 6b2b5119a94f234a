using Renewal.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renewal.Policy.Model;

namespace Renewal.Seed.Tests;

/// <summary>
/// A canonical text dump of the library tables the seeder fills, one line per row in key order, every field
/// written invariantly (decimals without trailing zeros, so SQLite TEXT and PostgreSQL numeric agree).
/// </summary>
internal static class LibraryDump
{
    public static List<string> Lines(LibraryDbContext db)
    {
        var lines = new List<string>();
        void Add(string table, params object?[] fields) => lines.Add(table + "|" + string.Join("|", fields.Select(Text)));

        foreach (var e in db.Enterprises.AsNoTracking().OrderBy(e => e.Id))
            Add("enterprise", e.Id, e.CreditCode, e.Name, e.Area, e.IndustryCode, e.AboveScale, e.ContactName, e.ContactPhone, e.Version);
        foreach (var p in db.Projects.AsNoTracking().OrderBy(p => p.Id))
        {
            Add("project", p.Id, p.EnterpriseId, p.Code, p.Name, Codes.Of(p.Kind), Codes.Of(p.Status), p.StartedOn, p.CompletedOn,
                string.Join(",", p.Tasks), string.Join(",", p.Clusters), string.Join(",", p.DigitalScopes), p.SafetyRenovation, p.FinancingNeed, p.Version);
        }
        foreach (var i in db.Investments.AsNoTracking().OrderBy(i => i.ProjectId).ThenBy(i => i.Year))
            Add("investment", i.ProjectId, i.Year, i.Equipment, i.Digital, i.Version);
        foreach (var l in db.Loans.AsNoTracking().OrderBy(l => l.Id))
        {
            Add("loan", l.Id, l.Code, l.EnterpriseId, l.ProjectId, l.Bank, Codes.Of(l.Category), l.Principal, l.Rate, l.IssuedOn, l.MaturesOn,
                l.EquipmentAmount, l.ViaSuzhouPlatform, l.Approvals is null ? null : string.Join(",", l.Approvals.Select(Codes.Of)), l.Version);
        }
        foreach (var r in db.Repayments.AsNoTracking().OrderBy(r => r.Id))
            Add("repayment", r.Id, r.LoanId, r.Date, r.Amount, r.Version);
        foreach (var q in db.Equipment.AsNoTracking().OrderBy(q => q.Id))
        {
            Add("equipment", q.Id, q.EnterpriseId, q.Code, q.Type, q.Name, q.Quantity, q.CommissioningYear, q.EfficiencyGrade, q.DesignLifeYears,
                q.HazardousCatalogueItem, q.Version);
        }
        foreach (var r in db.ProgressReports.AsNoTracking().OrderBy(r => r.Id))
        {
            Add("report", r.Id, r.ProjectId, r.Year, r.Quarter, r.ReportedOn, Codes.Of(r.Status), r.CumulativeEquipment, r.CumulativeDigital, r.Note);
        }
        return lines;
    }

    private static string Text(object? value) => value switch
    {
        null => "∅",
        decimal d => d.ToString("0.############", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Asserts two dumps are equal, naming the first line that differs.</summary>
    public static void AssertSame(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            if (expected[i] != actual[i]) Assert.Fail($"line {i + 1} differs:\n  {expected[i]}\n  {actual[i]}");
        }
        Assert.Equal(expected.Count, actual.Count);
    }
}
