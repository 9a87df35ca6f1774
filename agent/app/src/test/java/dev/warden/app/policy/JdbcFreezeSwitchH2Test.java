package dev.warden.app.policy;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The freeze switch contract on H2, the embedded default. */
class JdbcFreezeSwitchH2Test extends JdbcFreezeSwitchContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.h2();
  }
}
