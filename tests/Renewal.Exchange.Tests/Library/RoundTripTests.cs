using Renewal.Data;
using Renewal.Testing;
using static Renewal.Exchange.Tests.Library.Workbooks;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Tests.Library;

/// <summary>Export → import changes nothing; import into an empty library reproduces it; dry runs save nothing.</summary>
public class RoundTripTests
{
    [Theory]
    [OnSqlite, OnPostgres]
    public void ExportThenImport_ReportsNothingAddedOrChanged_InYuanAndInTenThousandYuan(string provider)
    {
        using var db = Databases.Open(provider, out _);
        FillSample(db);
        var before = Fingerprint(db);
        foreach (var unit in new[] { "元", "万元" })
        {
            var report = Import(db, Export(db, unit));
            Assert.Equal(unit, report.Unit);
            Assert.Equal(0, report.Added);
            Assert.Equal(0, report.Changed);
            Assert.Equal(2 + 3 + 3 + 3 + 2 + 2, report.Unchanged);
            Assert.All(report.Sheets, s => Assert.True(s.Rows > 0, s.Sheet));
        }
        Assert.Equal(before, Fingerprint(db));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void ImportIntoEmptyLibrary_AddsEverything_AndReproducesTheLibraryExactly(string provider)
    {
        using var source = Databases.Open(provider, out _);
        FillSample(source);
        var xlsx = Export(source, "万元");

        using var target = Databases.Open(provider, out var targetOptions);
        var dry = Import(target, xlsx, dryRun: true);
        Assert.True(dry.DryRun);
        Assert.Equal(15, dry.Added);
        Assert.Equal(0, target.Enterprises.Count());

        var report = Import(target, xlsx);
        Assert.False(report.DryRun);
        Assert.Equal(new[] { 2, 3, 3, 3, 2, 2 }, report.Sheets.Select(s => s.Added));
        using var fresh = LibraryStore.Create(targetOptions);
        Assert.Equal(Dump(source), Dump(fresh));
        Assert.All(fresh.Loans.ToList(), l => Assert.Equal(1, l.Version));

        var again = Import(fresh, Export(fresh));
        Assert.Equal((0, 0, 15), (again.Added, again.Changed, again.Unchanged));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void ChangedCells_AreReportedPerSheet_AndBumpVersions_WhileDryRunSavesNothing(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        FillSample(db);
        var book = new TestWorkbook()
            .Enterprise(C1, name: "昆山某动力电池股份有限公司", area: "昆山开发区")
            .Enterprise(C3, name: "新企业")
            .Project(C3, "N1")
            .Investment(C1, "P1", 2024, 120_000_000m, 60_000_000.5m)
            .Investment(C1, "P1", 2025, 1m, 0m);
        var xlsx = book.Build();
        var before = Fingerprint(db);

        var dry = Import(db, xlsx, dryRun: true);
        Assert.Equal(before, Fingerprint(db));
        var real = Import(db, xlsx);
        Assert.Equal(dry.Sheets, real.Sheets);
        Assert.Equal(new SheetReport("企业", 1, 1, 0), real.For("企业"));
        Assert.Equal(new SheetReport("项目", 1, 0, 0), real.For("项目"));
        Assert.Equal(new SheetReport("年度投资", 0, 1, 1), real.For("年度投资"));

        using var check = LibraryStore.Create(options);
        var e1 = check.Enterprises.Single(e => e.CreditCode == C1);
        Assert.Equal("昆山某动力电池股份有限公司", e1.Name);
        Assert.Equal(2, e1.Version);
        Assert.Null(e1.ContactName); // the row said nothing: an empty cell clears an optional field
        Assert.Equal(1, check.Enterprises.Single(e => e.CreditCode == C2).Version);
    }

    [Fact]
    public void Template_HasTheUnitCellAndEveryHeader_AndImportsAsEmpty()
    {
        using var ms = new MemoryStream();
        LibraryTemplate.Write(ms);
        var bytes = ms.ToArray();
        using var package = XlsxPackage.Open(new MemoryStream(bytes), 10_000_000);
        Assert.Equal(["说明", "企业", "项目", "年度投资", "贷款", "还款", "设备台账"], package.SheetNames);
        var first = package.Rows("说明").First();
        Assert.Equal(("金额单位", "元"), (first.Cells[0].Value, first.Cells[1].Value));
        foreach (var sheet in LibraryWorkbook.Sheets)
        {
            var header = package.Rows(sheet.Name).First();
            Assert.Equal(sheet.Columns.Select(c => c.Header), header.Cells.Take(sheet.Columns.Count).Select(c => c.Value));
        }

        using var db = Databases.Open("sqlite", out _);
        var report = Import(db, bytes);
        Assert.Equal(0, report.Added + report.Changed + report.Unchanged);
    }

    [Fact]
    public void Generator_WritesAValidWorkbook_OfTheRequestedSize()
    {
        using var ms = new MemoryStream();
        LibraryWorkbookGenerator.Write(ms, 200, seed: 7);
        using var db = Databases.Open("sqlite", out _);
        var report = Import(db, ms.ToArray());
        Assert.Equal(40, report.For("企业").Added);
        Assert.Equal(200, report.For("项目").Added);
        Assert.Equal(400, report.For("年度投资").Added);
        Assert.Equal(40, report.For("贷款").Added);
        Assert.Equal(0, Import(db, Export(db)).Changed);
    }
}
