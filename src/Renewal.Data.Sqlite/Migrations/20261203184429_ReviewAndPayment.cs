using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Renewal.Data.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedByLevel",
                table: "declarations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionReason",
                table: "declarations",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PaidOn",
                table: "applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PaymentBatchId",
                table: "applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "payment_batches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<decimal>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_batches", x => x.Id);
                    table.CheckConstraint("ck_payment_batches_amounts", "\"Count\" >= 1 AND \"Total\" >= 0");
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_declarations_reduction",
                table: "declarations",
                sql: "\"DecidedAmount\" IS NULL OR (CAST(\"DecidedAmount\" AS REAL) >= 0 AND CAST(\"DecidedAmount\" AS REAL) < CAST(\"Amount\" AS REAL) AND \"DecisionReason\" IS NOT NULL)");

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

            // SQLite adds the check constraint by rebuilding the declarations table at the end of this migration, which drops
            // its triggers: DeclarationTriggersAfterRebuild makes them again.
            // A payment batch is never changed (but for its first numbering) or deleted.
            migrationBuilder.Sql("CREATE TRIGGER payment_batches_no_update BEFORE UPDATE ON payment_batches WHEN OLD.\"Number\" NOT LIKE '~%' OR NEW.\"PaidOn\" IS NOT OLD.\"PaidOn\" OR NEW.\"Count\" IS NOT OLD.\"Count\" OR NEW.\"Total\" IS NOT OLD.\"Total\" OR NEW.\"Note\" IS NOT OLD.\"Note\" OR NEW.\"CreatedBy\" IS NOT OLD.\"CreatedBy\" OR NEW.\"CreatedAt\" IS NOT OLD.\"CreatedAt\" BEGIN SELECT RAISE(ABORT, 'payment batches are immutable: 拨付批次不可修改'); END;");
            migrationBuilder.Sql("CREATE TRIGGER payment_batches_no_delete BEFORE DELETE ON payment_batches BEGIN SELECT RAISE(ABORT, 'payment batches are immutable: 拨付批次不可删除'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS payment_batches_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS payment_batches_no_delete;");
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
