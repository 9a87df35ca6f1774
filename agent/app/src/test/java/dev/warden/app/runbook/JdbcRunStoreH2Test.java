package dev.warden.app.runbook;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The run store contract on H2, the embedded default. */
class JdbcRunStoreH2Test extends JdbcRunStoreContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.h2();
  }
}
