namespace PostLoan.Infrastructure.EarlyWarning.FeatureStore;

/// <summary>
/// The database side of the feature-input store (<see cref="FeatureInputStore"/>): triggers on the loans and the
/// monitoring tables record, for every row written or deleted, the borrower it belongs to and a sequence number
/// (<c>monitoring_touches</c>, one row per borrower holding its latest number). A store saved at number N then
/// refreshes exactly the borrowers touched after N. Writers take their numbers one transaction at a time (SQLite has
/// one writer; PostgreSQL takes a transaction lock), so a number a reader has seen is never followed by a smaller one
/// committed later. <c>monitoring_version</c> holds the counter (SQLite) and a random identity of the database, so a
/// store kept for another database is never taken for this one's.
/// </summary>
public static class ChangeJournalSql
{
    /// <summary>The tables whose rows feed the features, and how a row (<c>X</c>, <c>NEW</c> or <c>OLD</c>) reaches its borrower.</summary>
    private static readonly (string Table, string Borrower)[] Tables =
    [
        ("financial_statements", "SELECT X.borrower_id AS borrower_id"),
        ("bureau_snapshots", "SELECT X.borrower_id AS borrower_id"),
        ("covenants", "SELECT l.borrower_id AS borrower_id FROM loans l WHERE l.id = X.loan_id"),
        ("project_milestones", "SELECT l.borrower_id AS borrower_id FROM loans l WHERE l.id = X.loan_id"),
        ("fund_uses", "SELECT l.borrower_id AS borrower_id FROM loans l WHERE l.id = X.loan_id"),
        ("collateral", "SELECT l.borrower_id AS borrower_id FROM loans l WHERE l.id = X.loan_id"),
        ("guarantors", "SELECT l.borrower_id AS borrower_id FROM loans l WHERE l.id = X.loan_id"),
        ("collateral_valuations", "SELECT l.borrower_id AS borrower_id FROM collateral c JOIN loans l ON l.id = c.loan_id WHERE c.id = X.collateral_id"),
        ("external_signals", "SELECT X.borrower_id AS borrower_id UNION SELECT l.borrower_id FROM guarantors g JOIN loans l ON l.id = g.loan_id WHERE g.id = X.guarantor_id"),
    ];

    /// <summary>The loan columns the features read: an update of another column (a flag end-of-day sets) touches nobody.</summary>
    private static readonly string[] LoanColumns = ["borrower_id", "principal", "disbursed_on", "segment", "product", "first_due_on", "term_months"];

    private const string LoanBorrower = "SELECT X.borrower_id AS borrower_id";

    public static string CreateSqlite()
    {
        var sql = new System.Text.StringBuilder("""
            CREATE TABLE monitoring_version (id INTEGER NOT NULL PRIMARY KEY, seq INTEGER NOT NULL, instance TEXT NOT NULL);
            INSERT INTO monitoring_version (id, seq, instance) VALUES (1, 0, lower(hex(randomblob(16))));
            CREATE TABLE monitoring_touches (borrower_id INTEGER NOT NULL PRIMARY KEY, seq INTEGER NOT NULL);
            CREATE INDEX ix_monitoring_touches_seq ON monitoring_touches (seq);

            """);
        void Trigger(string name, string when, string table, string condition, params string[] rows)
        {
            sql.Append($"CREATE TRIGGER {name} AFTER {when} ON {table}{condition} BEGIN\n");
            sql.Append("    UPDATE monitoring_version SET seq = seq + 1 WHERE id = 1;\n");
            foreach (var row in rows)
                sql.Append($"""
                        INSERT INTO monitoring_touches (borrower_id, seq)
                        SELECT b.borrower_id, v.seq FROM ({BorrowerOf(table, row)}) b, monitoring_version v WHERE v.id = 1 AND b.borrower_id IS NOT NULL
                        ON CONFLICT (borrower_id) DO UPDATE SET seq = excluded.seq;

                    """);
            sql.Append("END;\n");
        }
        foreach (var (table, _) in Tables)
        {
            Trigger($"touch_{table}_insert", "INSERT", table, "", "NEW");
            Trigger($"touch_{table}_update", "UPDATE", table, "", "NEW", "OLD");
            Trigger($"touch_{table}_delete", "DELETE", table, "", "OLD");
        }
        Trigger("touch_loans_insert", "INSERT", "loans", "", "NEW");
        Trigger("touch_loans_update", "UPDATE", "loans", " WHEN " + string.Join(" OR ", LoanColumns.Select(c => $"OLD.{c} IS NOT NEW.{c}")), "NEW", "OLD");
        Trigger("touch_loans_delete", "DELETE", "loans", "", "OLD");
        return sql.ToString();
    }

    public static string DropSqlite() =>
        string.Concat(Tables.Select(t => t.Table).Append("loans").SelectMany(t => new[] { "insert", "update", "delete" }.Select(op => $"DROP TRIGGER IF EXISTS touch_{t}_{op};\n")))
        + "DROP TABLE IF EXISTS monitoring_touches;\nDROP TABLE IF EXISTS monitoring_version;\n";

    public static string CreatePostgreSql()
    {
        var sql = new System.Text.StringBuilder("""
            CREATE TABLE monitoring_version (id integer NOT NULL PRIMARY KEY, seq bigint NOT NULL, instance text NOT NULL);
            INSERT INTO monitoring_version (id, seq, instance) VALUES (1, 0, md5(random()::text || clock_timestamp()::text));
            CREATE SEQUENCE monitoring_touch_seq;
            CREATE TABLE monitoring_touches (borrower_id bigint NOT NULL PRIMARY KEY, seq bigint NOT NULL);
            CREATE INDEX ix_monitoring_touches_seq ON monitoring_touches (seq);

            """);
        foreach (var (table, _) in Tables.Append(("loans", LoanBorrower)))
        {
            sql.Append($$"""
                CREATE FUNCTION touch_{{table}}() RETURNS trigger LANGUAGE plpgsql AS $body$
                DECLARE s bigint;
                BEGIN
                    -- One writer at a time until commit, so numbers become visible in the order they were taken.
                    PERFORM pg_advisory_xact_lock(7310451);
                    s := nextval('monitoring_touch_seq');
                    IF TG_OP <> 'DELETE' THEN
                        INSERT INTO monitoring_touches (borrower_id, seq)
                        SELECT b.borrower_id, s FROM ({{BorrowerOf(table, "NEW")}}) b WHERE b.borrower_id IS NOT NULL
                        ON CONFLICT (borrower_id) DO UPDATE SET seq = excluded.seq;
                    END IF;
                    IF TG_OP <> 'INSERT' THEN
                        INSERT INTO monitoring_touches (borrower_id, seq)
                        SELECT b.borrower_id, s FROM ({{BorrowerOf(table, "OLD")}}) b WHERE b.borrower_id IS NOT NULL
                        ON CONFLICT (borrower_id) DO UPDATE SET seq = excluded.seq;
                    END IF;
                    RETURN NULL;
                END $body$;

                """);
            if (table == "loans")
                sql.Append($"""
                    CREATE TRIGGER touch_loans AFTER INSERT OR DELETE ON loans FOR EACH ROW EXECUTE FUNCTION touch_loans();
                    CREATE TRIGGER touch_loans_update AFTER UPDATE ON loans FOR EACH ROW
                        WHEN ({string.Join(" OR ", LoanColumns.Select(c => $"OLD.{c} IS DISTINCT FROM NEW.{c}"))}) EXECUTE FUNCTION touch_loans();

                    """);
            else
                sql.Append($"CREATE TRIGGER touch_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION touch_{table}();\n\n");
        }
        return sql.ToString();
    }

    public static string DropPostgreSql() =>
        string.Concat(Tables.Select(t => t.Table).Append("loans").Select(t => $"DROP FUNCTION IF EXISTS touch_{t}() CASCADE;\n"))
        + "DROP TABLE IF EXISTS monitoring_touches;\nDROP SEQUENCE IF EXISTS monitoring_touch_seq;\nDROP TABLE IF EXISTS monitoring_version;\n";

    private static string BorrowerOf(string table, string row) =>
        (table == "loans" ? LoanBorrower : Tables.Single(t => t.Table == table).Borrower).Replace("X.", row + ".", StringComparison.Ordinal);
}
