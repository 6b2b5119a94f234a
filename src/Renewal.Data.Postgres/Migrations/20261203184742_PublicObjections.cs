using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Renewal.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PublicObjections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Contact",
                table: "objections",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FromPublicForm",
                table: "objections",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy",
                table: "objections",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeAddress",
                table: "calls",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeContact",
                table: "calls",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticePhone",
                table: "calls",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeText",
                table: "calls",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddCheckConstraint(
                name: "ck_objections_public_contact",
                table: "objections",
                sql: "NOT \"FromPublicForm\" OR \"Contact\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_objections_public_contact",
                table: "objections");

            migrationBuilder.DropColumn(
                name: "Contact",
                table: "objections");

            migrationBuilder.DropColumn(
                name: "FromPublicForm",
                table: "objections");

            migrationBuilder.DropColumn(
                name: "ResolvedBy",
                table: "objections");

            migrationBuilder.DropColumn(
                name: "NoticeAddress",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "NoticeContact",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "NoticePhone",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "NoticeText",
                table: "calls");
        }
    }
}
