using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PostLoan.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Inspections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attachment_contents",
                columns: table => new
                {
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attachment_contents", x => x.sha256);
                });

            migrationBuilder.CreateTable(
                name: "inspection_tasks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    borrower_id = table.Column<long>(type: "bigint", nullable: false),
                    loan_id = table.Column<long>(type: "bigint", nullable: true),
                    collateral_id = table.Column<long>(type: "bigint", nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    assignee = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    origin = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    alert_id = table.Column<long>(type: "bigint", nullable: true),
                    report_id = table.Column<long>(type: "bigint", nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    anchor_on = table.Column<DateOnly>(type: "date", nullable: true),
                    cycle_months = table.Column<int>(type: "integer", nullable: true),
                    created_on = table.Column<DateOnly>(type: "date", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    triggered_on = table.Column<DateOnly>(type: "date", nullable: false),
                    started_on = table.Column<DateOnly>(type: "date", nullable: true),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    completed_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    cancelled_on = table.Column<DateOnly>(type: "date", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    escalated_on = table.Column<DateOnly>(type: "date", nullable: true),
                    escalated_to = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspection_tasks_alerts_alert_id",
                        column: x => x.alert_id,
                        principalTable: "alerts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_inspection_tasks_borrowers_borrower_id",
                        column: x => x.borrower_id,
                        principalTable: "borrowers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_inspection_tasks_collateral_collateral_id",
                        column: x => x.collateral_id,
                        principalTable: "collateral",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_inspection_tasks_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "visit_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    root_id = table.Column<long>(type: "bigint", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    previous_version_id = table.Column<long>(type: "bigint", nullable: true),
                    task_id = table.Column<long>(type: "bigint", nullable: true),
                    loan_id = table.Column<long>(type: "bigint", nullable: false),
                    borrower_id = table.Column<long>(type: "bigint", nullable: false),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    visited_on = table.Column<DateOnly>(type: "date", nullable: false),
                    participants = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    findings = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    risk_rating = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    author = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_on = table.Column<DateOnly>(type: "date", nullable: false),
                    submitted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    reviewed_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    reviewed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    review_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    actions = table.Column<string>(type: "text", nullable: false),
                    checklist = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visit_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_visit_reports_borrowers_borrower_id",
                        column: x => x.borrower_id,
                        principalTable: "borrowers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_visit_reports_inspection_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "inspection_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_visit_reports_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_visit_reports_visit_reports_previous_version_id",
                        column: x => x.previous_version_id,
                        principalTable: "visit_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "report_attachments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    report_id = table.Column<long>(type: "bigint", nullable: false),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    content_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_report_attachments_visit_reports_report_id",
                        column: x => x.report_id,
                        principalTable: "visit_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_tasks_alert_id",
                table: "inspection_tasks",
                column: "alert_id",
                unique: true,
                filter: "alert_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_tasks_assignee_status_due_on",
                table: "inspection_tasks",
                columns: new[] { "assignee", "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_tasks_borrower_id",
                table: "inspection_tasks",
                column: "borrower_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_tasks_collateral_id",
                table: "inspection_tasks",
                column: "collateral_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_tasks_due_on_status",
                table: "inspection_tasks",
                columns: new[] { "due_on", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_tasks_loan_id_kind_due_on",
                table: "inspection_tasks",
                columns: new[] { "loan_id", "kind", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_tasks_policy_collateral_open",
                table: "inspection_tasks",
                columns: new[] { "loan_id", "kind", "collateral_id" },
                unique: true,
                filter: "origin = 'Policy' AND status IN ('Open', 'InProgress') AND collateral_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_tasks_policy_open",
                table: "inspection_tasks",
                columns: new[] { "loan_id", "kind" },
                unique: true,
                filter: "origin = 'Policy' AND status IN ('Open', 'InProgress') AND collateral_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_tasks_status_due_on",
                table: "inspection_tasks",
                columns: new[] { "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_report_attachments_report_id",
                table: "report_attachments",
                column: "report_id");

            migrationBuilder.CreateIndex(
                name: "ix_visit_reports_borrower_id",
                table: "visit_reports",
                column: "borrower_id");

            migrationBuilder.CreateIndex(
                name: "ix_visit_reports_loan_id_visited_on",
                table: "visit_reports",
                columns: new[] { "loan_id", "visited_on" });

            migrationBuilder.CreateIndex(
                name: "ix_visit_reports_previous_version_id",
                table: "visit_reports",
                column: "previous_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_visit_reports_root_id",
                table: "visit_reports",
                column: "root_id");

            migrationBuilder.CreateIndex(
                name: "ix_visit_reports_submitted_on_status",
                table: "visit_reports",
                columns: new[] { "submitted_on", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_visit_reports_task_id",
                table: "visit_reports",
                column: "task_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attachment_contents");

            migrationBuilder.DropTable(
                name: "report_attachments");

            migrationBuilder.DropTable(
                name: "visit_reports");

            migrationBuilder.DropTable(
                name: "inspection_tasks");
        }
    }
}
