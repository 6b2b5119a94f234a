using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Renewal.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BenchmarkEnterprises : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "benchmark_rounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    NominationDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Quota = table.Column<int>(type: "integer", nullable: false),
                    KeyIndustries = table.Column<List<string>>(type: "text[]", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WithdrawReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benchmark_rounds", x => x.Id);
                    table.CheckConstraint("ck_benchmark_rounds_quota", "\"Quota\" >= 1");
                    table.CheckConstraint("ck_benchmark_rounds_status", "(\"Status\" IN ('Draft', 'Nominating', 'Reviewing', 'Published') AND \"WithdrawReason\" IS NULL) OR (\"Status\" = 'Withdrawn' AND \"WithdrawReason\" IS NOT NULL)");
                });

            migrationBuilder.CreateTable(
                name: "benchmark_criteria",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    MaxScore = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benchmark_criteria", x => x.Id);
                    table.CheckConstraint("ck_benchmark_criteria_max_score", "\"MaxScore\" >= 1 AND \"MaxScore\" <= 100");
                    table.ForeignKey(
                        name: "FK_benchmark_criteria_benchmark_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "benchmark_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "benchmark_nominations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    EnterpriseId = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Targets = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FeaturedProjects = table.Column<List<int>>(type: "integer[]", nullable: false),
                    NominatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NominatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Selected = table.Column<bool>(type: "boolean", nullable: false),
                    SelectionReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ConsentedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConsentedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PublishProjects = table.Column<bool>(type: "boolean", nullable: false),
                    PublishEquipment = table.Column<bool>(type: "boolean", nullable: false),
                    PublishDigital = table.Column<bool>(type: "boolean", nullable: false),
                    PublishAward = table.Column<bool>(type: "boolean", nullable: false),
                    PublishTargets = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benchmark_nominations", x => x.Id);
                    table.CheckConstraint("ck_benchmark_nominations_selected", "NOT \"Selected\" OR \"SelectionReason\" IS NOT NULL");
                    table.ForeignKey(
                        name: "FK_benchmark_nominations_benchmark_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "benchmark_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_benchmark_nominations_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "benchmark_scores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NominationId = table.Column<int>(type: "integer", nullable: false),
                    CriterionId = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ScoredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ScoredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benchmark_scores", x => x.Id);
                    table.CheckConstraint("ck_benchmark_scores_score", "\"Score\" >= 0 AND \"Score\" <= 100");
                    table.ForeignKey(
                        name: "FK_benchmark_scores_benchmark_criteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "benchmark_criteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_benchmark_scores_benchmark_nominations_NominationId",
                        column: x => x.NominationId,
                        principalTable: "benchmark_nominations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_benchmark_criteria_RoundId_Kind",
                table: "benchmark_criteria",
                columns: new[] { "RoundId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_benchmark_nominations_EnterpriseId",
                table: "benchmark_nominations",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "ux_benchmark_nominations_round_enterprise",
                table: "benchmark_nominations",
                columns: new[] { "RoundId", "EnterpriseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_benchmark_rounds_Status",
                table: "benchmark_rounds",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_benchmark_scores_CriterionId",
                table: "benchmark_scores",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "ux_benchmark_scores_nomination_criterion",
                table: "benchmark_scores",
                columns: new[] { "NominationId", "CriterionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benchmark_scores");

            migrationBuilder.DropTable(
                name: "benchmark_criteria");

            migrationBuilder.DropTable(
                name: "benchmark_nominations");

            migrationBuilder.DropTable(
                name: "benchmark_rounds");
        }
    }
}
