using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Renewal.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BankMatching : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Bank",
                table: "users",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "financing_matches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    Bank = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InterestNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ContactNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    LoanId = table.Column<int>(type: "integer", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_financing_matches", x => x.Id);
                    table.CheckConstraint("ck_financing_matches_declined", "\"Status\" <> 'Declined' OR \"DeclineReason\" IS NOT NULL");
                    table.CheckConstraint("ck_financing_matches_status", "(\"Status\" IN ('Interested', 'Contacted', 'Declined') AND \"LoanId\" IS NULL) OR (\"Status\" = 'LoanSigned' AND \"LoanId\" IS NOT NULL)");
                    table.ForeignKey(
                        name: "FK_financing_matches_loans_LoanId",
                        column: x => x.LoanId,
                        principalTable: "loans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_financing_matches_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_financing_matches_LoanId",
                table: "financing_matches",
                column: "LoanId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_financing_matches_ProjectId",
                table: "financing_matches",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "ux_financing_matches_bank_project",
                table: "financing_matches",
                columns: new[] { "Bank", "ProjectId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "financing_matches");

            migrationBuilder.DropColumn(
                name: "Bank",
                table: "users");
        }
    }
}
