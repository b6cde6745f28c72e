using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PostLoan.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MonitoringData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bureau_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    borrower_id = table.Column<long>(type: "INTEGER", nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    total_debt = table.Column<long>(type: "INTEGER", nullable: false),
                    overdue_debt = table.Column<long>(type: "INTEGER", nullable: false),
                    overdue90_debt = table.Column<long>(type: "INTEGER", nullable: false),
                    inquiries_3m = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    import_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bureau_snapshots", x => x.id);
                    table.ForeignKey(
                        name: "fk_bureau_snapshots_borrowers_borrower_id",
                        column: x => x.borrower_id,
                        principalTable: "borrowers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "collateral",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    loan_id = table.Column<long>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    appraised_value = table.Column<long>(type: "INTEGER", nullable: false),
                    appraised_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    lien_status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    insurance_expiry = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    import_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collateral", x => x.id);
                    table.ForeignKey(
                        name: "fk_collateral_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "covenants",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    loan_id = table.Column<long>(type: "INTEGER", nullable: false),
                    metric = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    @operator = table.Column<string>(name: "operator", type: "TEXT", maxLength: 16, nullable: false),
                    threshold = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    from_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    import_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_covenants", x => x.id);
                    table.ForeignKey(
                        name: "fk_covenants_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "financial_statements",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    borrower_id = table.Column<long>(type: "INTEGER", nullable: false),
                    period_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    received_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    total_assets = table.Column<long>(type: "INTEGER", nullable: false),
                    total_liabilities = table.Column<long>(type: "INTEGER", nullable: false),
                    current_assets = table.Column<long>(type: "INTEGER", nullable: false),
                    current_liabilities = table.Column<long>(type: "INTEGER", nullable: false),
                    inventory = table.Column<long>(type: "INTEGER", nullable: false),
                    receivables = table.Column<long>(type: "INTEGER", nullable: false),
                    revenue = table.Column<long>(type: "INTEGER", nullable: false),
                    net_profit = table.Column<long>(type: "INTEGER", nullable: false),
                    operating_cash_flow = table.Column<long>(type: "INTEGER", nullable: false),
                    interest_expense = table.Column<long>(type: "INTEGER", nullable: false),
                    debt_service = table.Column<long>(type: "INTEGER", nullable: false),
                    import_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_financial_statements", x => x.id);
                    table.ForeignKey(
                        name: "fk_financial_statements_borrowers_borrower_id",
                        column: x => x.borrower_id,
                        principalTable: "borrowers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fund_uses",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    loan_id = table.Column<long>(type: "INTEGER", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    counterparty = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    counterparty_type = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    stated_purpose = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    import_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fund_uses", x => x.id);
                    table.ForeignKey(
                        name: "fk_fund_uses_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "guarantors",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    loan_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    national_id = table.Column<string>(type: "TEXT", maxLength: 303, nullable: true),
                    guaranteed_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    import_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guarantors", x => x.id);
                    table.ForeignKey(
                        name: "fk_guarantors_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "project_milestones",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    loan_id = table.Column<long>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    planned_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    actual_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    planned_completion = table.Column<decimal>(type: "TEXT", precision: 9, scale: 6, nullable: false),
                    completion = table.Column<decimal>(type: "TEXT", precision: 9, scale: 6, nullable: false),
                    budget = table.Column<long>(type: "INTEGER", nullable: false),
                    spend = table.Column<long>(type: "INTEGER", nullable: false),
                    import_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_milestones", x => x.id);
                    table.ForeignKey(
                        name: "fk_project_milestones_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "collateral_valuations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    collateral_id = table.Column<long>(type: "INTEGER", nullable: false),
                    valued_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false),
                    method = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    from_appraisal = table.Column<bool>(type: "INTEGER", nullable: false),
                    import_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collateral_valuations", x => x.id);
                    table.ForeignKey(
                        name: "fk_collateral_valuations_collateral_collateral_id",
                        column: x => x.collateral_id,
                        principalTable: "collateral",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "external_signals",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    borrower_id = table.Column<long>(type: "INTEGER", nullable: true),
                    guarantor_id = table.Column<long>(type: "INTEGER", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: true),
                    import_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_external_signals", x => x.id);
                    table.CheckConstraint("ck_external_signals_one_subject", "(borrower_id IS NOT NULL AND guarantor_id IS NULL) OR (borrower_id IS NULL AND guarantor_id IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_external_signals_borrowers_borrower_id",
                        column: x => x.borrower_id,
                        principalTable: "borrowers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_external_signals_guarantors_guarantor_id",
                        column: x => x.guarantor_id,
                        principalTable: "guarantors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bureau_snapshots_borrower_id_as_of",
                table: "bureau_snapshots",
                columns: new[] { "borrower_id", "as_of" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_collateral_external_id",
                table: "collateral",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_collateral_loan_id",
                table: "collateral",
                column: "loan_id");

            migrationBuilder.CreateIndex(
                name: "ix_collateral_valuations_collateral_id_valued_on",
                table: "collateral_valuations",
                columns: new[] { "collateral_id", "valued_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_covenants_external_id",
                table: "covenants",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_covenants_loan_id_from_date",
                table: "covenants",
                columns: new[] { "loan_id", "from_date" });

            migrationBuilder.CreateIndex(
                name: "ix_external_signals_borrower_id_occurred_on",
                table: "external_signals",
                columns: new[] { "borrower_id", "occurred_on" });

            migrationBuilder.CreateIndex(
                name: "ix_external_signals_external_id",
                table: "external_signals",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_external_signals_guarantor_id_occurred_on",
                table: "external_signals",
                columns: new[] { "guarantor_id", "occurred_on" });

            migrationBuilder.CreateIndex(
                name: "ix_financial_statements_borrower_id_period_end_period",
                table: "financial_statements",
                columns: new[] { "borrower_id", "period_end", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fund_uses_external_id",
                table: "fund_uses",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fund_uses_loan_id_paid_on",
                table: "fund_uses",
                columns: new[] { "loan_id", "paid_on" });

            migrationBuilder.CreateIndex(
                name: "ix_guarantors_external_id",
                table: "guarantors",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_guarantors_loan_id",
                table: "guarantors",
                column: "loan_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_milestones_external_id",
                table: "project_milestones",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_project_milestones_loan_id_planned_date",
                table: "project_milestones",
                columns: new[] { "loan_id", "planned_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bureau_snapshots");

            migrationBuilder.DropTable(
                name: "collateral_valuations");

            migrationBuilder.DropTable(
                name: "covenants");

            migrationBuilder.DropTable(
                name: "external_signals");

            migrationBuilder.DropTable(
                name: "financial_statements");

            migrationBuilder.DropTable(
                name: "fund_uses");

            migrationBuilder.DropTable(
                name: "project_milestones");

            migrationBuilder.DropTable(
                name: "collateral");

            migrationBuilder.DropTable(
                name: "guarantors");
        }
    }
}
