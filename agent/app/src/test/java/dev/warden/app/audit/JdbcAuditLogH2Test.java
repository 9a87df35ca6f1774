package dev.warden.app.audit;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The audit log contract on H2, the embedded default. */
class JdbcAuditLogH2Test extends JdbcAuditLogContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.h2();
  }
}
