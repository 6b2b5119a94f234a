using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Renewal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class UpwardRecommendations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "higher_programmes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MatchingShare = table.Column<decimal>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_higher_programmes", x => x.Id);
                    table.CheckConstraint("ck_higher_programmes_level", "\"Level\" IN ('Central', 'Province', 'Suzhou')");
                    table.CheckConstraint("ck_higher_programmes_share", "CAST(\"MatchingShare\" AS REAL) >= 0 AND CAST(\"MatchingShare\" AS REAL) <= 10");
                });

            migrationBuilder.CreateTable(
                name: "upward_recommendations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AcceptedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ObtainedAmount = table.Column<decimal>(type: "TEXT", nullable: true),
                    ApprovedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    MatchingShare = table.Column<decimal>(type: "TEXT", nullable: true),
                    MatchingAmount = table.Column<decimal>(type: "TEXT", nullable: true),
                    RejectReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    WithdrawReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_upward_recommendations", x => x.Id);
                    table.CheckConstraint("ck_upward_recommendations_amount", "\"ObtainedAmount\" IS NULL OR CAST(\"ObtainedAmount\" AS REAL) > 0");
                    table.CheckConstraint("ck_upward_recommendations_outcome", "(\"Status\" <> 'Rejected' OR \"RejectReason\" IS NOT NULL) AND (\"Status\" <> 'Withdrawn' OR \"WithdrawReason\" IS NOT NULL)");
                    table.CheckConstraint("ck_upward_recommendations_status", "(\"Status\" IN ('Recommended', 'Accepted', 'Rejected', 'Withdrawn') AND \"ObtainedAmount\" IS NULL AND \"MatchingAmount\" IS NULL) OR (\"Status\" = 'Approved' AND \"ObtainedAmount\" IS NOT NULL AND \"MatchingAmount\" IS NOT NULL AND \"MatchingShare\" IS NOT NULL AND \"ApprovedOn\" IS NOT NULL AND \"DocumentNumber\" IS NOT NULL)");
                    table.CheckConstraint("ck_upward_recommendations_year", "\"Year\" BETWEEN 2020 AND 2035");
                    table.ForeignKey(
                        name: "FK_upward_recommendations_higher_programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "higher_programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_upward_recommendations_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "upward_events",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecommendationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_upward_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_upward_events_upward_recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "upward_recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "higher_programmes",
                columns: new[] { "Id", "Active", "CreatedAt", "CreatedBy", "Level", "MatchingShare", "Name", "Note", "UpdatedAt", "UpdatedBy", "Version" },
                values: new object[,]
                {
                    { 1, true, new DateTimeOffset(new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", "Province", 1m, "省智改数转网联项目（设备数字化改造）", "江苏省工业和信息化厅智能化改造、数字化转型、网络化联接专项（设备数字化改造类）。配套比例为平台初始值，请市局按文件核定。", new DateTimeOffset(new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", 1L },
                    { 2, true, new DateTimeOffset(new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", "Suzhou", 0.5m, "苏州市工业企业有效投入奖补", "苏州市工业企业有效投入奖补资金。配套比例为平台初始值，请市局按文件核定。", new DateTimeOffset(new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", 1L },
                    { 3, true, new DateTimeOffset(new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", "Central", 0m, "国家技术改造升级导向计划", "工业和信息化部技术改造升级导向计划（重点项目推荐，以金融支持为主）。配套比例为平台初始值，请市局按文件核定。", new DateTimeOffset(new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", 1L }
                });

            migrationBuilder.CreateIndex(
                name: "ux_higher_programmes_name",
                table: "higher_programmes",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_upward_events_RecommendationId",
                table: "upward_events",
                column: "RecommendationId");

            migrationBuilder.CreateIndex(
                name: "IX_upward_recommendations_ProjectId",
                table: "upward_recommendations",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_upward_recommendations_Year_Status",
                table: "upward_recommendations",
                columns: new[] { "Year", "Status" });

            migrationBuilder.CreateIndex(
                name: "ux_upward_recommendations_programme_project_year",
                table: "upward_recommendations",
                columns: new[] { "ProgrammeId", "ProjectId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "upward_events");

            migrationBuilder.DropTable(
                name: "upward_recommendations");

            migrationBuilder.DropTable(
                name: "higher_programmes");
        }
    }
}
