using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;
using Renewal.Services.Onboarding;
using Renewal.Testing;

namespace Renewal.Services.Tests.Onboarding;

/// <summary>
/// The library import as one audited change (issue 12 item 8), on both databases: a workbook with a wrong cell is refused
/// with the cell located and nothing saved — not a row, not an audit entry —; a good one saves its rows and the audit
/// entry that names the file and the counts together.
/// </summary>
public sealed class LibraryImportTests
{
    private const string Credit = "913205837AY4CL12TY";

    internal static byte[] Workbook(string area, string industry = "C3421")
    {
        using var ms = new MemoryStream();
        using (var x = new XlsxWriter(ms))
        {
            using (var notes = x.AddSheet(LibraryWorkbook.NotesSheet)) notes.Row(LibraryWorkbook.UnitLabel, LibraryWorkbook.Yuan);
            foreach (var sheet in LibraryWorkbook.DataSheets)
            {
                using var s = x.AddSheet(sheet);
                s.Row([.. LibraryWorkbook.HeadersOf(sheet).Select(h => XValue.Text(h))]);
                if (sheet == LibraryWorkbook.Enterprises) s.Row(Credit, "昆山导入测试有限公司", area, industry, "是", "", "");
            }
            x.Finish();
        }
        return ms.ToArray();
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void AWrongCell_IsLocated_AndNothingIsSaved_AGoodWorkbookIsSavedWithItsAuditEntry(string provider)
    {
        using var db = Databases.Open(provider, out _);
        var now = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
        var actor = new Actor(null, "shiju");

        var e = Assert.Throws<LibraryImportException>(() => LibraryImport.Save(db, new MemoryStream(Workbook("火星镇")), "企业.xlsx", actor, now));
        var error = Assert.Single(e.Errors);
        Assert.Equal((LibraryWorkbook.Enterprises, 2, "所属区镇"), (error.Sheet, error.Row, error.Column));
        Assert.Equal("C2", error.Cell);
        Assert.Contains("不在配置的区镇中", error.Message, StringComparison.Ordinal);
        Assert.Empty(db.Enterprises);
        Assert.Empty(db.Audit);

        var dry = LibraryImport.Save(db, new MemoryStream(Workbook("周市镇")), "企业.xlsx", actor, now, dryRun: true);
        Assert.Equal(1, dry.For(LibraryWorkbook.Enterprises).Added);
        Assert.Empty(db.Enterprises);
        Assert.Empty(db.Audit);

        var report = LibraryImport.Save(db, new MemoryStream(Workbook("周市镇")), "C:\\fakepath\\企业.xlsx", actor, now);
        Assert.Equal(1, report.Added);
        Assert.Equal("周市镇", db.Enterprises.AsNoTracking().Single().Area);
        var entry = db.Audit.AsNoTracking().Single();
        Assert.Equal((LibraryImport.Action, "library", "企业.xlsx", "shiju"), (entry.Action, entry.Entity, entry.EntityId, entry.UserName));
        Assert.Contains("\"added\":1", entry.After, StringComparison.Ordinal);
        Assert.Contains("企业", entry.After, StringComparison.Ordinal);

        // The same workbook again changes nothing and writes no entry; a changed cell is one change.
        Assert.Equal(1, LibraryImport.Save(db, new MemoryStream(Workbook("周市镇")), "企业.xlsx", actor, now).Unchanged);
        Assert.Equal(1, LibraryImport.Save(db, new MemoryStream(Workbook("周市镇", "C3971")), "企业.xlsx", actor, now).Changed);
        Assert.Equal(2, db.Audit.Count());
        Assert.Null(AuditLog.Verify(db));
    }
}
