using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Renewal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OneLiveApplicationPerSubject : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SubjectKey",
                table: "applications",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            // Existing applications get their subject key (AwardApplication.SubjectOf) before the unique index is built. If
            // a library already holds two live applications for one subject, building the index fails: that is a double
            // claim a reviewer must settle (reject one) before this migration can run.
            migrationBuilder.Sql(
                "UPDATE applications SET \"SubjectKey\" = CASE " +
                "WHEN \"Scheme\" = 'loan_interest' THEN 'loan:' || CAST(\"LoanId\" AS TEXT) " +
                "WHEN \"Scheme\" = 'tech_renovation' THEN 'enterprise:' || CAST(\"EnterpriseId\" AS TEXT) " +
                "ELSE 'project:' || CAST(\"ProjectId\" AS TEXT) END");

            migrationBuilder.CreateIndex(
                name: "ux_applications_live_subject",
                table: "applications",
                columns: new[] { "Scheme", "Year", "SubjectKey" },
                unique: true,
                filter: "\"State\" <> 'Rejected'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_applications_live_subject",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "SubjectKey",
                table: "applications");
        }
    }
}
