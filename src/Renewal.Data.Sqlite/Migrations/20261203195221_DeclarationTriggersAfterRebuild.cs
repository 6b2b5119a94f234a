using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Renewal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeclarationTriggersAfterRebuild : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ReviewAndPayment added a check constraint to declarations, which SQLite does by rebuilding the table at the
            // end of that migration — dropping the table's triggers after any statement of it could make them again.
            // Here, in a migration of its own, they are made again: the declaration of record stays immutable (ADR-018).
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS declarations_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS declarations_no_delete;");
            migrationBuilder.Sql("CREATE TRIGGER declarations_no_update BEFORE UPDATE ON declarations BEGIN SELECT RAISE(ABORT, 'declarations are immutable: 申报快照不可修改'); END;");
            migrationBuilder.Sql("CREATE TRIGGER declarations_no_delete BEFORE DELETE ON declarations BEGIN SELECT RAISE(ABORT, 'declarations are immutable: 申报快照不可删除'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The triggers stay: they belong to DeclarationOfRecord.
        }
    }
}
