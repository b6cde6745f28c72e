using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PostLoan.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class DelinquencyEventIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_state_changes_kind_date_covering",
                table: "state_changes",
                columns: new[] { "kind", "business_date", "loan_id", "new_value" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_state_changes_kind_date_covering",
                table: "state_changes");
        }
    }
}
