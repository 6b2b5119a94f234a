using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Renewal.Data.Postgres.Migrations
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnRequestReason",
                table: "applications",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReturnRequestedAt",
                table: "applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "declarations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Scenario = table.Column<string>(type: "text", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", nullable: false),
                    ByLevel = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ParameterVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Trace = table.Column<string>(type: "text", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
            migrationBuilder.Sql("""
                CREATE FUNCTION declarations_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'declarations are immutable: 申报快照不可修改或删除' USING ERRCODE = 'restrict_violation';
                END $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER declarations_immutable BEFORE UPDATE OR DELETE ON declarations FOR EACH ROW EXECUTE FUNCTION declarations_immutable();");
            migrationBuilder.Sql("CREATE TRIGGER declarations_no_truncate BEFORE TRUNCATE ON declarations FOR EACH STATEMENT EXECUTE FUNCTION declarations_immutable();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS declarations_no_truncate ON declarations;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS declarations_immutable ON declarations;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS declarations_immutable();");
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
