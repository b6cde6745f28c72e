using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PostLoan.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class EarlyWarningFeatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "last_repayment_on",
                table: "loan_states",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "last_repayment_on",
                table: "loan_state_snapshots",
                type: "date",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_state_changes_kind_date_covering",
                table: "state_changes",
                columns: new[] { "kind", "business_date", "loan_id", "new_value" });

            migrationBuilder.CreateIndex(
                name: "ix_loan_state_snapshots_month_end_dpd",
                table: "loan_state_snapshots",
                columns: new[] { "snapshot_date", "loan_id", "dpd" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_state_changes_kind_date_covering",
                table: "state_changes");

            migrationBuilder.DropIndex(
                name: "ix_loan_state_snapshots_month_end_dpd",
                table: "loan_state_snapshots");

            migrationBuilder.DropColumn(
                name: "last_repayment_on",
                table: "loan_states");

            migrationBuilder.DropColumn(
                name: "last_repayment_on",
                table: "loan_state_snapshots");
        }
    }
}
