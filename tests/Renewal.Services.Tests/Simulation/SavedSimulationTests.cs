using Renewal.Data;
using Renewal.Testing;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;
using Renewal.Services.Simulation;

namespace Renewal.Services.Tests.Simulation;

/// <summary>Saved simulations keep the year and overrides, never a result; opening one recomputes it.</summary>
public class SavedSimulationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 30, 15, 123, TimeSpan.Zero);

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Save_ThenFind_GivesBackTheSameSimulation(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        List<KeyValuePair<string, string>> overrides = [new("loan.kunshan.rate", "0.015"), new("effective_investment.rate", "0.10")];
        var saved = await SavedSimulations.SaveAsync(db, PolicyEngine.Default, "  昆山贴息 1.5 个百分点  ", 2025, overrides, 7, "shiju", Now);
        Assert.Equal(1, saved.Version);

        using var other = LibraryStore.Create(options);
        var view = (await SavedSimulations.FindAsync(other, saved.Id))!;
        Assert.Equal("昆山贴息 1.5 个百分点", view.Row.Name);
        Assert.Equal(2025, view.Row.Year);
        Assert.Equal(overrides, view.Overrides);
        Assert.Equal("shiju", view.Row.CreatedBy);
        Assert.Equal(7, view.Row.CreatedById);
        Assert.Equal(Now.UtcTicks / 10, view.Row.CreatedAt.UtcTicks / 10);
        Assert.Null(await SavedSimulations.FindAsync(other, saved.Id + 1000));
        Assert.Equal(saved.Id, SavedSimulations.Recent(other)[0].Id);
    }

    [Theory]
    [InlineData("", "effective_investment.rate=0.1", "name")]
    [InlineData("x", "", "overrides")]
    [InlineData("x", "no.such=1", "no.such")]
    [InlineData("x", "effective_investment.rate=abc", "effective_investment.rate")]
    public async Task Save_RefusesBadInput_NamingTheField(string name, string set, string field)
    {
        using var db = Databases.Open("sqlite", out _);
        var overrides = set.Length == 0 ? [] : new List<KeyValuePair<string, string>> { new(set.Split('=')[0], set.Split('=')[1]) };
        var e = await Assert.ThrowsAsync<ParameterException>(() => SavedSimulations.SaveAsync(db, PolicyEngine.Default, name, 2025, overrides, null, "shiju", Now));
        Assert.Equal(field, e.Parameter);
        Assert.Empty(db.Simulations);
    }

    [Fact]
    public void OverridesJson_KeepsOrder_LaterDuplicateWins()
    {
        var json = SavedSimulations.ToJson([new("b", "1"), new("a", "昆山"), new("b", "2")]);
        Assert.Equal("{\"b\":\"2\",\"a\":\"昆山\"}", json);
        Assert.Equal([new("b", "2"), new("a", "昆山")], SavedSimulations.FromJson(json));
    }
}
