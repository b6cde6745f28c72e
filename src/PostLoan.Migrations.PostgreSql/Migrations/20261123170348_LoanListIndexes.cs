using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PostLoan.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class LoanListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_loan_states_status",
                table: "loan_states");

            migrationBuilder.CreateIndex(
                name: "ix_loans_disbursed_on_id",
                table: "loans",
                columns: new[] { "disbursed_on", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_loan_states_bucket_dpd_loan_id",
                table: "loan_states",
                columns: new[] { "bucket", "dpd", "loan_id" });

            migrationBuilder.CreateIndex(
                name: "ix_loan_states_dpd_loan_id",
                table: "loan_states",
                columns: new[] { "dpd", "loan_id" });

            migrationBuilder.CreateIndex(
                name: "ix_loan_states_outstanding_principal_loan_id",
                table: "loan_states",
                columns: new[] { "outstanding_principal", "loan_id" });

            migrationBuilder.CreateIndex(
                name: "ix_loan_states_risk_class_dpd_loan_id",
                table: "loan_states",
                columns: new[] { "risk_class", "dpd", "loan_id" });

            migrationBuilder.CreateIndex(
                name: "ix_loan_states_status_outstanding_principal_loan_id",
                table: "loan_states",
                columns: new[] { "status", "outstanding_principal", "loan_id" });

            migrationBuilder.CreateIndex(
                name: "ix_borrowers_name",
                table: "borrowers",
                column: "name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_loans_disbursed_on_id",
                table: "loans");

            migrationBuilder.DropIndex(
                name: "ix_loan_states_bucket_dpd_loan_id",
                table: "loan_states");

            migrationBuilder.DropIndex(
                name: "ix_loan_states_dpd_loan_id",
                table: "loan_states");

            migrationBuilder.DropIndex(
                name: "ix_loan_states_outstanding_principal_loan_id",
                table: "loan_states");

            migrationBuilder.DropIndex(
                name: "ix_loan_states_risk_class_dpd_loan_id",
                table: "loan_states");

            migrationBuilder.DropIndex(
                name: "ix_loan_states_status_outstanding_principal_loan_id",
                table: "loan_states");

            migrationBuilder.DropIndex(
                name: "ix_borrowers_name",
                table: "borrowers");

            migrationBuilder.CreateIndex(
                name: "ix_loan_states_status",
                table: "loan_states",
                column: "status");
        }
    }
}
