package dev.warden.app.approval;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The approval store contract on H2, the embedded default. */
class JdbcApprovalStoreH2Test extends JdbcApprovalStoreContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.h2();
  }
}
