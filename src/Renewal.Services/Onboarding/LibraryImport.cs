using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Exchange.Library;

namespace Renewal.Services.Onboarding;

/// <summary>
/// The library workbook imported as one audited change (issue 12 item 8): <see cref="LibraryImporter"/> reads and checks
/// every cell first, then writes the rows and the audit entry that names the file and what it added and changed in one
/// transaction — a refused workbook, or a failure while saving, leaves the library and the audit log as they were. The
/// web's 导入项目库 page and <c>renewal library import</c> both come here.
/// </summary>
public static class LibraryImport
{
    /// <summary>The audit log's name for an import.</summary>
    public const string Action = "导入项目库";

    /// <summary>
    /// Imports <paramref name="xlsx"/> (named <paramref name="fileName"/> in the audit log) for <paramref name="actor"/>. A dry
    /// run checks and counts only. An import that adds or changes no row writes no audit entry (nothing changed).
    /// </summary>
    /// <exception cref="LibraryImportException">The file cannot be read or some cells are wrong (every one located); nothing was saved.</exception>
    public static ImportReport Save(LibraryDbContext db, Stream xlsx, string fileName, Actor actor, DateTimeOffset now, bool dryRun = false,
        LibraryImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(xlsx);
        ArgumentNullException.ThrowIfNull(actor);
        if (dryRun) return LibraryImporter.Import(db, xlsx, dryRun: true, options);
        using var tx = db.Database.BeginTransaction();
        var report = LibraryImporter.Import(db, xlsx, dryRun: false, options);
        if (report.Added + report.Changed > 0)
        {
            AuditLog.Append(db, actor, Action, "library", Name(fileName), null, Describe(report), now);
            db.SaveChanges();
        }
        tx.Commit();
        return report;
    }

    /// <summary>What the audit log keeps of an import: the unit and, per sheet, the rows added and changed.</summary>
    public static string Describe(ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return System.Text.Json.JsonSerializer.Serialize(new
        {
            added = report.Added, changed = report.Changed, unit = report.Unit,
            sheets = report.Sheets.Where(s => s.Added + s.Changed > 0).Select(s => new { sheet = s.Sheet, added = s.Added, changed = s.Changed }),
        }, AuditLog.SnapshotJson);
    }

    /// <summary>The file's own name, without any folder a browser may send, kept to the audit log's id length.</summary>
    private static string Name(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        if (string.IsNullOrWhiteSpace(name)) name = "library.xlsx";
        return name.Length > 100 ? name[..100] : name;
    }
}
