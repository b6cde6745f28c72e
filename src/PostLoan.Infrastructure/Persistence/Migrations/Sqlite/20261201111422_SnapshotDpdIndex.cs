using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PostLoan.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SnapshotDpdIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_loan_state_snapshots_month_end_dpd",
                table: "loan_state_snapshots",
                columns: new[] { "snapshot_date", "loan_id", "dpd" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_loan_state_snapshots_month_end_dpd",
                table: "loan_state_snapshots");
        }
    }
}
