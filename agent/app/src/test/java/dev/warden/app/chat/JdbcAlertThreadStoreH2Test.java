package dev.warden.app.chat;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The alert thread store contract on H2, the embedded default. */
class JdbcAlertThreadStoreH2Test extends JdbcAlertThreadStoreContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.h2();
  }
}
