package dev.warden.app.inbox;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The inbox contract on H2, the embedded default. */
class JdbcInboxH2Test extends JdbcInboxContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.h2();
  }
}
