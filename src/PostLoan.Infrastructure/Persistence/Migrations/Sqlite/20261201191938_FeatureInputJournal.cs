using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PostLoan.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FeatureInputJournal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The change journal of the feature-input store: tables and triggers only, outside the EF model.
            migrationBuilder.Sql(PostLoan.Infrastructure.EarlyWarning.FeatureStore.ChangeJournalSql.CreateSqlite());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostLoan.Infrastructure.EarlyWarning.FeatureStore.ChangeJournalSql.DropSqlite());
        }
    }
}
