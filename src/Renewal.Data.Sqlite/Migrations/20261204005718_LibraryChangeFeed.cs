using Microsoft.EntityFrameworkCore.Migrations;
using Renewal.Data.Changes;

#nullable disable

namespace Renewal.Data.Sqlite.Migrations
{
    /// <summary>
    /// The library's change feed (ADR-026): library_changes, library_bulk and the triggers that record, per written row,
    /// the enterprise it belongs to. Raw SQL: the feed is not part of the EF model (nothing maps it as an entity).
    /// </summary>
    public partial class LibraryChangeFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in LibraryChangesSql.Sqlite()) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in LibraryChangesSql.SqliteDown()) migrationBuilder.Sql(sql);
        }
    }
}
