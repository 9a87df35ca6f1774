package dev.warden.app.llm;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The usage ledger contract on H2, the embedded default. */
class JdbcUsageLedgerH2Test extends JdbcUsageLedgerContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.h2();
  }
}
