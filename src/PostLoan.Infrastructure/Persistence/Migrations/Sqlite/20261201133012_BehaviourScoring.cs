using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PostLoan.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BehaviourScoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "behaviour_models",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    rows = table.Column<int>(type: "INTEGER", nullable: false),
                    bad = table.Column<int>(type: "INTEGER", nullable: false),
                    auc = table.Column<double>(type: "REAL", nullable: false),
                    ks = table.Column<double>(type: "REAL", nullable: false),
                    gini = table.Column<double>(type: "REAL", nullable: false),
                    challenger_auc = table.Column<double>(type: "REAL", nullable: false),
                    challenger_ks = table.Column<double>(type: "REAL", nullable: false),
                    challenger_gini = table.Column<double>(type: "REAL", nullable: false),
                    folds = table.Column<int>(type: "INTEGER", nullable: false),
                    seed = table.Column<int>(type: "INTEGER", nullable: false),
                    scorecard_json = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    activated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    retired_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_behaviour_models", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "loan_scores",
                columns: table => new
                {
                    loan_id = table.Column<long>(type: "INTEGER", nullable: false),
                    model_version = table.Column<int>(type: "INTEGER", nullable: false),
                    scored_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    score = table.Column<int>(type: "INTEGER", nullable: false),
                    pd = table.Column<double>(type: "REAL", nullable: false),
                    origination_pd = table.Column<double>(type: "REAL", nullable: false),
                    pd_doubled_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ecl = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loan_scores", x => x.loan_id);
                    table.ForeignKey(
                        name: "fk_loan_scores_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "score_history",
                columns: table => new
                {
                    month_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    loan_id = table.Column<long>(type: "INTEGER", nullable: false),
                    model_version = table.Column<int>(type: "INTEGER", nullable: false),
                    score = table.Column<int>(type: "INTEGER", nullable: false),
                    pd = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_score_history", x => new { x.month_end, x.loan_id });
                    table.ForeignKey(
                        name: "fk_score_history_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_behaviour_models_active",
                table: "behaviour_models",
                column: "status",
                unique: true,
                filter: "status = 'Active'");

            migrationBuilder.CreateIndex(
                name: "ix_behaviour_models_version",
                table: "behaviour_models",
                column: "version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_score_history_loan_id_month_end",
                table: "score_history",
                columns: new[] { "loan_id", "month_end" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "behaviour_models");

            migrationBuilder.DropTable(
                name: "loan_scores");

            migrationBuilder.DropTable(
                name: "score_history");
        }
    }
}
