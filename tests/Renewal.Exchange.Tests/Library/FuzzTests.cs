using Renewal.Data;
using Renewal.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Renewal.Exchange.Tests.Library.Workbooks;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Tests.Library;

/// <summary>
/// Random damage to a valid workbook (byte changes, truncation, insertion) never makes the importer throw anything but
/// <see cref="LibraryImportException"/>, and never saves anything. Part CRCs are verified, so a damaged file that
/// still imports can only be one whose damage missed every part the importer reads: it then changes nothing.
/// </summary>
public class FuzzTests
{
    private static byte[] Mutate(byte[] valid, int seed)
    {
#pragma warning disable CA5394 // test data
        var rng = new Random(seed);
        var bytes = (byte[])valid.Clone();
        switch (rng.Next(10))
        {
            case 0:
                return bytes[..rng.Next(bytes.Length)];
            case 1:
            {
                var at = rng.Next(bytes.Length);
                var extra = new byte[rng.Next(1, 64)];
                rng.NextBytes(extra);
                return [.. bytes[..at], .. extra, .. bytes[at..]];
            }
            default:
                var n = rng.Next(1, 9);
                for (var i = 0; i < n; i++)
                {
                    var at = rng.Next(bytes.Length);
                    bytes[at] = rng.Next(3) == 0 ? (byte)(bytes[at] ^ (1 << rng.Next(8))) : (byte)rng.Next(256);
                }
                return bytes;
        }
#pragma warning restore CA5394
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void RandomDamage_IsRefusedCleanly_OrChangesNothing(string provider)
    {
        using var db = Databases.Open(provider, out _);
        FillSample(db);
        var before = Fingerprint(db);
        var valid = Export(db);
        var refused = 0;

        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), seed =>
        {
            var damaged = Mutate(valid, seed);
            try
            {
                var report = Import(db, damaged);
                return report.Added == 0 && report.Changed == 0;
            }
            catch (LibraryImportException e)
            {
                refused++;
                return e.Errors.Count > 0 && e.Errors.All(x => !string.IsNullOrWhiteSpace(x.Message));
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(provider == "sqlite" ? 500 : 200), property);

        Assert.True(refused > 0);
        Assert.Equal(before, Fingerprint(db));
    }

    /// <summary>Damage inside the parts (the zip rebuilt with correct CRCs), so the XML reader and the validation see it.</summary>
    [Theory]
    [OnSqlite, OnPostgres]
    public void RandomDamageInsideTheXml_IsRefusedCleanly_OrValidated(string provider)
    {
        using var db = Databases.Open(provider, out _);
        FillSample(db);
        var before = Fingerprint(db);
        var parts = RawZip.Entries(Export(db));
        var outcomes = new int[2];

        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), seed =>
        {
#pragma warning disable CA5394 // test data
            var rng = new Random(seed);
            var target = rng.Next(parts.Count);
            var damaged = RawZip.Build([.. parts.Select((p, i) => i == target ? (p.Path, Mutate(p.Content, rng.Next())) : p)]);
#pragma warning restore CA5394
            try
            {
                Import(db, damaged, dryRun: true);
                outcomes[0]++;
                return true;
            }
            catch (LibraryImportException e)
            {
                outcomes[1]++;
                return e.Errors.Count > 0;
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(provider == "sqlite" ? 500 : 200), property);

        Assert.True(outcomes[1] > 0);
        Assert.Equal(before, Fingerprint(db));
    }

    [Property(MaxTest = 300)]
    public bool CellTextParsers_NeverThrow(string? s)
    {
        s ??= "";
        _ = CellText.TryNumberText(s, out _, out _);
        _ = CellText.TryNumberCell(s, out _);
        _ = CellText.TryDateText(s, false, out _);
        _ = CellText.TryIsoDate(s, out _);
        _ = CellText.Boolean(s);
        _ = CellText.Items(s);
        _ = CellText.Ascii(s);
        return true;
    }
}
