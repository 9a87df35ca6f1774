package dev.warden.app.chat;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The approval message store contract on H2, the embedded default. */
class JdbcApprovalMessageStoreH2Test extends JdbcApprovalMessageStoreContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.h2();
  }
}
