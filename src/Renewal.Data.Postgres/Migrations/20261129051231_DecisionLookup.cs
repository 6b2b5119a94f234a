using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Renewal.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DecisionLookup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_award_decisions_ProjectId_Scheme_Year",
                table: "award_decisions",
                columns: new[] { "ProjectId", "Scheme", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_award_decisions_ProjectId_Scheme_Year",
                table: "award_decisions");
        }
    }
}
