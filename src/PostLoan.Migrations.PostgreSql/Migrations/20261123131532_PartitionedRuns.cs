using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PostLoan.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PartitionedRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "partition_count",
                table: "end_of_day_runs",
                type: "integer",
                nullable: false,
                defaultValue: 1); // runs before partitions covered the whole book: partition 1 of 1

            migrationBuilder.AddColumn<int>(
                name: "partition_number",
                table: "end_of_day_runs",
                type: "integer",
                nullable: false,
                defaultValue: 1); // runs before partitions covered the whole book: partition 1 of 1
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "partition_count",
                table: "end_of_day_runs");

            migrationBuilder.DropColumn(
                name: "partition_number",
                table: "end_of_day_runs");
        }
    }
}
