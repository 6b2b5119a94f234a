using Renewal.Data.Entities;

namespace Renewal.Data.Tests.Entities;

/// <summary>A cap's total grows only by bookings that fit; an objection is resolved through its method.</summary>
public class CapLedgerAndObjectionTests
{
    [Fact]
    public void Bookings_UpToTheCapExactly_Fit()
    {
        var ledger = new CapLedger { Key = "C|e3|2025", Cap = 10_000_000m };
        Assert.Equal(0m, ledger.Used);
        ledger.Book(6_000_000.01m);
        Assert.True(ledger.Fits(3_999_999.99m));
        ledger.Book(3_999_999.99m);
        Assert.Equal(10_000_000m, ledger.Used);
        Assert.True(ledger.Fits(0m));
        Assert.False(ledger.Fits(0.01m));
    }

    [Fact]
    public void ABookingPastTheCap_IsRefused_AndChangesNothing()
    {
        var ledger = new CapLedger { Key = "AB|p12|2025", Cap = 1 };
        ledger.Book(1);
        var ex = Assert.Throws<InvalidOperationException>(() => ledger.Book(1));
        Assert.Equal("超过上限“AB|p12|2025”：已用 1 元，本次 1 元，上限 1 元", ex.Message);
        Assert.Equal(1m, ledger.Used);
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.Book(-1m));
        Assert.Equal(1m, ledger.Used);
    }

    [Fact]
    public void Resolve_RecordsHowAndWhen()
    {
        var o = new Objection { ApplicationId = 1, RaisedBy = "qiye2", Content = "投资额有误" };
        Assert.Null(o.ResolvedAt);
        var at = new DateTimeOffset(2025, 9, 1, 3, 0, 0, TimeSpan.Zero);
        o.Resolve("经核实无误", at);
        Assert.Equal("经核实无误", o.Resolution);
        Assert.Equal(at, o.ResolvedAt);
        Assert.Throws<ArgumentException>(() => o.Resolve(" ", at.AddDays(1)));
        Assert.Equal(at, o.ResolvedAt);
    }
}
