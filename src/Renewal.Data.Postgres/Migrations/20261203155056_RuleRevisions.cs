using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Renewal.Data.Postgres.Migrations
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
                type: "character varying(14)",
                maxLength: 14,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownOn",
                table: "declarations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Revisions",
                table: "declarations",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "rule_revisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DocumentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Text = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DraftedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DraftedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DiscardedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DiscardedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
            migrationBuilder.Sql("""
                CREATE FUNCTION rule_revisions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'TRUNCATE' THEN
                        RAISE EXCEPTION 'published revisions are immutable: 已发布的修订不可删除' USING ERRCODE = 'restrict_violation';
                    END IF;
                    IF OLD."State" <> 'Draft' THEN
                        RAISE EXCEPTION 'published revisions are immutable: 已发布的修订不可修改或删除' USING ERRCODE = 'restrict_violation';
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER rule_revisions_immutable BEFORE UPDATE OR DELETE ON rule_revisions FOR EACH ROW EXECUTE FUNCTION rule_revisions_immutable();");
            migrationBuilder.Sql("CREATE TRIGGER rule_revisions_no_truncate BEFORE TRUNCATE ON rule_revisions FOR EACH STATEMENT EXECUTE FUNCTION rule_revisions_immutable();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS rule_revisions_no_truncate ON rule_revisions;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS rule_revisions_immutable ON rule_revisions;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS rule_revisions_immutable();");

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
