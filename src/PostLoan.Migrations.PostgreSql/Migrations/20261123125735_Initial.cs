using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PostLoan.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_clients",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    key_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    branch = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    manager_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    revoked_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_clients", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_roles",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<long>(type: "bigint", nullable: false),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    entity_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    before = table.Column<string>(type: "text", nullable: true),
                    after = table.Column<string>(type: "text", nullable: true),
                    previous_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "borrowers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    external_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    national_id = table.Column<string>(type: "character varying(303)", maxLength: 303, nullable: true),
                    phone = table.Column<string>(type: "character varying(175)", maxLength: 175, nullable: true),
                    region = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    industry = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    account_manager = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    branch = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    bureau_total_debt = table.Column<long>(type: "bigint", nullable: true),
                    bureau_overdue90_debt = table.Column<long>(type: "bigint", nullable: true),
                    bureau_as_of = table.Column<DateOnly>(type: "date", nullable: true),
                    import_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_borrowers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "end_of_day_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    from_date = table.Column<DateOnly>(type: "date", nullable: false),
                    to_date = table.Column<DateOnly>(type: "date", nullable: false),
                    full = table.Column<bool>(type: "boolean", nullable: false),
                    started_at = table.Column<long>(type: "bigint", nullable: false),
                    completed_at = table.Column<long>(type: "bigint", nullable: true),
                    last_borrower_id = table.Column<long>(type: "bigint", nullable: false),
                    loans_processed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_end_of_day_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    manager_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    branch = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_role_claims_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "asp_net_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "loans",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    external_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    borrower_id = table.Column<long>(type: "bigint", nullable: false),
                    product = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    segment = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    principal = table.Column<long>(type: "bigint", nullable: false),
                    annual_rate_percent = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: false),
                    term_months = table.Column<int>(type: "integer", nullable: false),
                    disbursed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    first_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    method = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    grace_days = table.Column<int>(type: "integer", nullable: false),
                    penalty_uplift = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: false),
                    purpose = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    entrusted_payment = table.Column<bool>(type: "boolean", nullable: false),
                    restructured = table.Column<bool>(type: "boolean", nullable: false),
                    restructured_on = table.Column<DateOnly>(type: "date", nullable: true),
                    class_before_restructure = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    extended = table.Column<bool>(type: "boolean", nullable: false),
                    import_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    needs_recompute = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans", x => x.id);
                    table.ForeignKey(
                        name: "fk_loans_borrowers_borrower_id",
                        column: x => x.borrower_id,
                        principalTable: "borrowers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_user_claims_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_asp_net_user_logins_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_roles",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    role_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "asp_net_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_tokens",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_asp_net_user_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "loan_state_snapshots",
                columns: table => new
                {
                    loan_id = table.Column<long>(type: "bigint", nullable: false),
                    snapshot_date = table.Column<DateOnly>(type: "date", nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status_since = table.Column<DateOnly>(type: "date", nullable: true),
                    outstanding_principal = table.Column<long>(type: "bigint", nullable: false),
                    overdue_principal = table.Column<long>(type: "bigint", nullable: false),
                    overdue_interest = table.Column<long>(type: "bigint", nullable: false),
                    overdue_fees = table.Column<long>(type: "bigint", nullable: false),
                    penalty_interest = table.Column<long>(type: "bigint", nullable: false),
                    compound_interest = table.Column<long>(type: "bigint", nullable: false),
                    unapplied_credit = table.Column<long>(type: "bigint", nullable: false),
                    recovered_after_write_off = table.Column<long>(type: "bigint", nullable: false),
                    dpd = table.Column<int>(type: "integer", nullable: false),
                    bucket = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    oldest_unpaid_due = table.Column<DateOnly>(type: "date", nullable: true),
                    next_due_date = table.Column<DateOnly>(type: "date", nullable: true),
                    next_due_amount = table.Column<long>(type: "bigint", nullable: false),
                    risk_class = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    class_rule = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    class_reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    stage = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    stage_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    provision = table.Column<long>(type: "bigint", nullable: false),
                    in_restructure_observation = table.Column<bool>(type: "boolean", nullable: false),
                    observation_ends = table.Column<DateOnly>(type: "date", nullable: true),
                    next_review_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loan_state_snapshots", x => new { x.snapshot_date, x.loan_id });
                    table.ForeignKey(
                        name: "fk_loan_state_snapshots_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "loan_states",
                columns: table => new
                {
                    loan_id = table.Column<long>(type: "bigint", nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status_since = table.Column<DateOnly>(type: "date", nullable: true),
                    outstanding_principal = table.Column<long>(type: "bigint", nullable: false),
                    overdue_principal = table.Column<long>(type: "bigint", nullable: false),
                    overdue_interest = table.Column<long>(type: "bigint", nullable: false),
                    overdue_fees = table.Column<long>(type: "bigint", nullable: false),
                    penalty_interest = table.Column<long>(type: "bigint", nullable: false),
                    compound_interest = table.Column<long>(type: "bigint", nullable: false),
                    unapplied_credit = table.Column<long>(type: "bigint", nullable: false),
                    recovered_after_write_off = table.Column<long>(type: "bigint", nullable: false),
                    dpd = table.Column<int>(type: "integer", nullable: false),
                    bucket = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    oldest_unpaid_due = table.Column<DateOnly>(type: "date", nullable: true),
                    next_due_date = table.Column<DateOnly>(type: "date", nullable: true),
                    next_due_amount = table.Column<long>(type: "bigint", nullable: false),
                    risk_class = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    class_rule = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    class_reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    stage = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    stage_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    provision = table.Column<long>(type: "bigint", nullable: false),
                    in_restructure_observation = table.Column<bool>(type: "boolean", nullable: false),
                    observation_ends = table.Column<DateOnly>(type: "date", nullable: true),
                    next_review_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loan_states", x => x.loan_id);
                    table.ForeignKey(
                        name: "fk_loan_states_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "schedule_lines",
                columns: table => new
                {
                    loan_id = table.Column<long>(type: "bigint", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    principal = table.Column<long>(type: "bigint", nullable: false),
                    interest = table.Column<long>(type: "bigint", nullable: false),
                    fees = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_schedule_lines", x => new { x.loan_id, x.number });
                    table.ForeignKey(
                        name: "fk_schedule_lines_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "state_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    loan_id = table.Column<long>(type: "bigint", nullable: false),
                    business_date = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    old_value = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    new_value = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    rule = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    actor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_state_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_state_changes_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "transactions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    external_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    loan_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    value_date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    component = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    reverses_id = table.Column<long>(type: "bigint", nullable: true),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    import_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transactions", x => x.id);
                    table.ForeignKey(
                        name: "fk_transactions_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_transactions_transactions_reverses_id",
                        column: x => x.reverses_id,
                        principalTable: "transactions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_clients_key_hash",
                table: "api_clients",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_clients_name",
                table: "api_clients",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_role_claims_role_id",
                table: "asp_net_role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "role_name_index",
                table: "asp_net_roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_claims_user_id",
                table: "asp_net_user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_logins_user_id",
                table: "asp_net_user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_roles_role_id",
                table: "asp_net_user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_entity_type_entity_id",
                table: "audit_entries",
                columns: new[] { "entity_type", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_borrowers_account_manager",
                table: "borrowers",
                column: "account_manager");

            migrationBuilder.CreateIndex(
                name: "ix_borrowers_branch",
                table: "borrowers",
                column: "branch");

            migrationBuilder.CreateIndex(
                name: "ix_borrowers_external_id",
                table: "borrowers",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_end_of_day_runs_to_date",
                table: "end_of_day_runs",
                column: "to_date");

            migrationBuilder.CreateIndex(
                name: "ix_loan_state_snapshots_loan_id",
                table: "loan_state_snapshots",
                column: "loan_id");

            migrationBuilder.CreateIndex(
                name: "ix_loan_states_next_review_on",
                table: "loan_states",
                column: "next_review_on");

            migrationBuilder.CreateIndex(
                name: "ix_loan_states_status",
                table: "loan_states",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_loans_borrower_id",
                table: "loans",
                column: "borrower_id");

            migrationBuilder.CreateIndex(
                name: "ix_loans_external_id",
                table: "loans",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loans_needs_recompute",
                table: "loans",
                column: "needs_recompute");

            migrationBuilder.CreateIndex(
                name: "ix_state_changes_business_date_kind",
                table: "state_changes",
                columns: new[] { "business_date", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_state_changes_loan_id_business_date_kind",
                table: "state_changes",
                columns: new[] { "loan_id", "business_date", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_transactions_external_id",
                table: "transactions",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_transactions_loan_id_value_date",
                table: "transactions",
                columns: new[] { "loan_id", "value_date" });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_reverses_id",
                table: "transactions",
                column: "reverses_id");

            migrationBuilder.CreateIndex(
                name: "email_index",
                table: "users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "user_name_index",
                table: "users",
                column: "normalized_user_name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_clients");

            migrationBuilder.DropTable(
                name: "asp_net_role_claims");

            migrationBuilder.DropTable(
                name: "asp_net_user_claims");

            migrationBuilder.DropTable(
                name: "asp_net_user_logins");

            migrationBuilder.DropTable(
                name: "asp_net_user_roles");

            migrationBuilder.DropTable(
                name: "asp_net_user_tokens");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "end_of_day_runs");

            migrationBuilder.DropTable(
                name: "loan_state_snapshots");

            migrationBuilder.DropTable(
                name: "loan_states");

            migrationBuilder.DropTable(
                name: "schedule_lines");

            migrationBuilder.DropTable(
                name: "state_changes");

            migrationBuilder.DropTable(
                name: "transactions");

            migrationBuilder.DropTable(
                name: "asp_net_roles");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "loans");

            migrationBuilder.DropTable(
                name: "borrowers");
        }
    }
}
