package dev.warden.app.audit;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the database audit log. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  @Bean
  JdbcAuditLog auditLog(DataSource dataSource) {
    return new JdbcAuditLog(dataSource);
  }
}
