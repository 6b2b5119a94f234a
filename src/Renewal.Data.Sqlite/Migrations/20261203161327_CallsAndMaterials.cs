using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Renewal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CallsAndMaterials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Materials",
                table: "declarations",
                type: "TEXT",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CallId",
                table: "applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "calls",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scheme = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Announcement = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    OpensAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ClosesAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DistrictDeadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedEarlyAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calls", x => x.Id);
                    table.CheckConstraint("ck_calls_window", "\"OpensAt\" < \"ClosesAt\"");
                });

            migrationBuilder.CreateTable(
                name: "call_materials",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    Types = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_call_materials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_call_materials_calls_CallId",
                        column: x => x.CallId,
                        principalTable: "calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "application_materials",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    CallMaterialId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_materials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_application_materials_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_application_materials_call_materials_CallMaterialId",
                        column: x => x.CallMaterialId,
                        principalTable: "call_materials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_applications_CallId",
                table: "applications",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_application_materials_CallMaterialId",
                table: "application_materials",
                column: "CallMaterialId");

            migrationBuilder.CreateIndex(
                name: "ux_application_materials_version",
                table: "application_materials",
                columns: new[] { "ApplicationId", "CallMaterialId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_call_materials_CallId_Order",
                table: "call_materials",
                columns: new[] { "CallId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_calls_Scheme_Year",
                table: "calls",
                columns: new[] { "Scheme", "Year" });

            migrationBuilder.AddForeignKey(
                name: "FK_applications_calls_CallId",
                table: "applications",
                column: "CallId",
                principalTable: "calls",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // An uploaded material is never overwritten or removed: a new upload is the next version (issue 12).
            migrationBuilder.Sql("CREATE TRIGGER application_materials_no_update BEFORE UPDATE ON application_materials BEGIN SELECT RAISE(ABORT, 'application materials are immutable: 申报材料不可修改'); END;");
            migrationBuilder.Sql("CREATE TRIGGER application_materials_no_delete BEFORE DELETE ON application_materials BEGIN SELECT RAISE(ABORT, 'application materials are immutable: 申报材料不可删除'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS application_materials_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS application_materials_no_delete;");

            migrationBuilder.DropForeignKey(
                name: "FK_applications_calls_CallId",
                table: "applications");

            migrationBuilder.DropTable(
                name: "application_materials");

            migrationBuilder.DropTable(
                name: "call_materials");

            migrationBuilder.DropTable(
                name: "calls");

            migrationBuilder.DropIndex(
                name: "IX_applications_CallId",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "Materials",
                table: "declarations");

            migrationBuilder.DropColumn(
                name: "CallId",
                table: "applications");
        }
    }
}
