using Microsoft.Data.Sqlite;

namespace Renewal.Cli.Tests;

/// <summary>
/// <c>renewal declarations verify</c>: every declaration of record evaluated again from its stored scenario gives its
/// amount to the fen; a record changed behind the database's back (its triggers dropped) is reported by number.
/// </summary>
public class DeclarationsCommandTests
{
    [Fact]
    public async Task Verify_RecomputesEveryRecordToTheFen_AndNamesOneChangedBehindTheDatabasesBack()
    {
        var (db, _) = await ReportCommandsTests.LibraryAsync(); // two B applications, submitted and approved: four records

        var (exit, output, error) = Cli.Run("declarations", "verify", "--db", db);
        Assert.True(exit == 0, error + output);
        Assert.Equal("申报快照 4 份：重算一致 4 份，不一致 0 份，其他参数版本 0 份（未重算）。", Cli.LastLine(output));

        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var refused = connection.CreateCommand();
            refused.CommandText = "UPDATE declarations SET \"Amount\" = '1'";
            Assert.Throws<SqliteException>(() => refused.ExecuteNonQuery());
            using var tamper = connection.CreateCommand();
            tamper.CommandText = """
                DROP TRIGGER declarations_no_update;
                UPDATE declarations SET "Amount" = '2000001.00' WHERE "Id" = (SELECT MIN("Id") FROM declarations WHERE "Purpose" = 'Approval');
                UPDATE declarations SET "Scenario" = replace("Scenario", 'equipment: 25000012.37', 'equipment: 35000012.37') WHERE "Id" = 1;
                """;
            tamper.ExecuteNonQuery();
        }

        (exit, output, _) = Cli.Run("declarations", "verify", "--db", db);
        Assert.Equal(1, exit);
        Assert.Contains("SB2025-000001 第 1 版：快照内容与校验码不符（内容被改动）", output, StringComparison.Ordinal);
        Assert.Contains("批准依据（第 1 版）：重算金额 2,000,000.99 元，记录为 2,000,001.00 元", output, StringComparison.Ordinal);
        Assert.Equal("申报快照 4 份：重算一致 2 份，不一致 2 份，其他参数版本 0 份（未重算）。", Cli.LastLine(output));
    }
}
