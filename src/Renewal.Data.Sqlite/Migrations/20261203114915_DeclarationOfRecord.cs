using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Renewal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeclarationOfRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DeclarationVersion",
                table: "applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnRequestReason",
                table: "applications",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReturnRequestedAt",
                table: "applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "declarations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Scenario = table.Column<string>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", nullable: false),
                    ByLevel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ParameterVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Trace = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_declarations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_declarations_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ux_declarations_version",
                table: "declarations",
                columns: new[] { "ApplicationId", "Purpose", "Version" },
                unique: true);

            // The declaration of record is written once (ADR-018): the database refuses any change or deletion of a row.
            migrationBuilder.Sql("CREATE TRIGGER declarations_no_update BEFORE UPDATE ON declarations BEGIN SELECT RAISE(ABORT, 'declarations are immutable: 申报快照不可修改'); END;");
            migrationBuilder.Sql("CREATE TRIGGER declarations_no_delete BEFORE DELETE ON declarations BEGIN SELECT RAISE(ABORT, 'declarations are immutable: 申报快照不可删除'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS declarations_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS declarations_no_delete;");
            migrationBuilder.DropTable(
                name: "declarations");

            migrationBuilder.DropColumn(
                name: "DeclarationVersion",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "ReturnRequestReason",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "ReturnRequestedAt",
                table: "applications");
        }
    }
}
