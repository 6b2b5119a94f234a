using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Renewal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RuleRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "declarations",
                type: "TEXT",
                maxLength: 14,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownOn",
                table: "declarations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Revisions",
                table: "declarations",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "rule_revisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DocumentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DraftedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DraftedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    DiscardedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DiscardedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rule_revisions", x => x.Id);
                    table.CheckConstraint("ck_rule_revisions_two_people", "\"PublishedBy\" IS NULL OR \"PublishedBy\" <> \"DraftedBy\"");
                });

            migrationBuilder.CreateIndex(
                name: "ux_declarations_code",
                table: "declarations",
                column: "Code",
                unique: true,
                filter: "\"Code\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_rule_revisions_State",
                table: "rule_revisions",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "ux_rule_revisions_document",
                table: "rule_revisions",
                column: "DocumentId",
                unique: true,
                filter: "\"State\" <> 'Discarded'");

            // A published or discarded revision is never changed or deleted (V-6): only a draft moves. The database refuses it.
            migrationBuilder.Sql("CREATE TRIGGER rule_revisions_no_update BEFORE UPDATE ON rule_revisions WHEN OLD.\"State\" <> 'Draft' BEGIN SELECT RAISE(ABORT, 'published revisions are immutable: 已发布的修订不可修改'); END;");
            migrationBuilder.Sql("CREATE TRIGGER rule_revisions_no_delete BEFORE DELETE ON rule_revisions WHEN OLD.\"State\" <> 'Draft' BEGIN SELECT RAISE(ABORT, 'published revisions are immutable: 已发布的修订不可删除'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS rule_revisions_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS rule_revisions_no_delete;");

            migrationBuilder.DropTable(
                name: "rule_revisions");

            migrationBuilder.DropIndex(
                name: "ux_declarations_code",
                table: "declarations");

            migrationBuilder.DropColumn(
                name: "Code",
                table: "declarations");

            migrationBuilder.DropColumn(
                name: "KnownOn",
                table: "declarations");

            migrationBuilder.DropColumn(
                name: "Revisions",
                table: "declarations");
        }
    }
}
