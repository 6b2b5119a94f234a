using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Renewal.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReviewAndPayment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "DecidedAmount",
                table: "declarations",
                type: "numeric(18,2)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedByLevel",
                table: "declarations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionReason",
                table: "declarations",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PaidOn",
                table: "applications",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PaymentBatchId",
                table: "applications",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "payment_batches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<decimal>(type: "numeric(18,2)", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_batches", x => x.Id);
                    table.CheckConstraint("ck_payment_batches_amounts", "\"Count\" >= 1 AND \"Total\" >= 0");
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_declarations_reduction",
                table: "declarations",
                sql: "\"DecidedAmount\" IS NULL OR (\"DecidedAmount\" >= 0 AND \"DecidedAmount\" < \"Amount\" AND \"DecisionReason\" IS NOT NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_applications_PaymentBatchId",
                table: "applications",
                column: "PaymentBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_payment_batches_Number",
                table: "payment_batches",
                column: "Number",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_applications_payment_batches_PaymentBatchId",
                table: "applications",
                column: "PaymentBatchId",
                principalTable: "payment_batches",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // A payment batch is never changed (but for its first numbering) or deleted. The database refuses it.
            migrationBuilder.Sql("""
                CREATE FUNCTION payment_batches_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        IF OLD."Number" LIKE '~%' AND NEW."PaidOn" = OLD."PaidOn" AND NEW."Count" = OLD."Count"
                            AND NEW."Total" = OLD."Total" AND NEW."Note" IS NOT DISTINCT FROM OLD."Note" AND NEW."CreatedBy" = OLD."CreatedBy"
                            AND NEW."CreatedAt" = OLD."CreatedAt" THEN
                            RETURN NEW;
                        END IF;
                    END IF;
                    RAISE EXCEPTION 'payment batches are immutable: 拨付批次不可修改或删除' USING ERRCODE = 'restrict_violation';
                END $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER payment_batches_immutable BEFORE UPDATE OR DELETE ON payment_batches FOR EACH ROW EXECUTE FUNCTION payment_batches_immutable();");
            migrationBuilder.Sql("CREATE TRIGGER payment_batches_no_truncate BEFORE TRUNCATE ON payment_batches FOR EACH STATEMENT EXECUTE FUNCTION payment_batches_immutable();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS payment_batches_no_truncate ON payment_batches;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS payment_batches_immutable ON payment_batches;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS payment_batches_immutable();");
            migrationBuilder.DropForeignKey(
                name: "FK_applications_payment_batches_PaymentBatchId",
                table: "applications");

            migrationBuilder.DropTable(
                name: "payment_batches");

            migrationBuilder.DropCheckConstraint(
                name: "ck_declarations_reduction",
                table: "declarations");

            migrationBuilder.DropIndex(
                name: "IX_applications_PaymentBatchId",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "DecidedAmount",
                table: "declarations");

            migrationBuilder.DropColumn(
                name: "DecidedByLevel",
                table: "declarations");

            migrationBuilder.DropColumn(
                name: "DecisionReason",
                table: "declarations");

            migrationBuilder.DropColumn(
                name: "PaidOn",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "PaymentBatchId",
                table: "applications");
        }
    }
}
