using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Renewal.Testing;

namespace Renewal.Data.Tests.Model;

/// <summary>
/// The model built by the entity configurations is exactly the one the last migration of each provider recorded:
/// a change to a configuration that alters the schema without a migration fails here, not at a customer's upgrade.
/// </summary>
public class MigrationSnapshotTests
{
    [Theory]
    [OnSqlite, OnPostgres]
    public void CurrentModel_HasNoChangesPendingAgainstTheLastMigration(string provider)
    {
        using var db = LibraryStore.Create(Databases.Fresh(provider));
        Assert.True(db.Database.GetMigrations().Any(), $"{provider}: the provider's migrations assembly was not found");
        if (db.Database.HasPendingModelChanges())
            Assert.Fail($"{provider}: the model differs from the last migration's snapshot: {Differences(db)}");
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void TheSnapshot_IsTheProvidersOwn(string provider)
    {
        // The other provider's snapshot must not be mistaken for this one: its column types differ (TEXT vs numeric).
        using var db = LibraryStore.Create(Databases.Fresh(provider));
        var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot;
        Assert.NotNull(snapshot);
        var money = snapshot!.Model.FindEntityType(typeof(Renewal.Data.Entities.CapLedger).FullName!)!.FindProperty(nameof(Renewal.Data.Entities.CapLedger.Cap))!;
        Assert.Equal(provider == "postgres" ? "numeric(18,2)" : "TEXT", money.GetColumnType());
    }

    private static string Differences(LibraryDbContext db)
    {
        var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot!.Model;
        var initializer = db.GetService<IModelRuntimeInitializer>();
        if (snapshot is IMutableModel mutable and Annotatable { IsReadOnly: false }) snapshot = mutable.FinalizeModel();
        snapshot = initializer.Initialize(snapshot, designTime: true, validationLogger: null);
        var current = db.GetService<IDesignTimeModel>().Model;
        var diff = db.GetService<IMigrationsModelDiffer>().GetDifferences(snapshot.GetRelationalModel(), current.GetRelationalModel());
        return string.Join("; ", diff.Select(d => d.GetType().Name + (d is Microsoft.EntityFrameworkCore.Migrations.Operations.ColumnOperation c ? $" {c.Table}.{c.Name}" : "")));
    }
}
