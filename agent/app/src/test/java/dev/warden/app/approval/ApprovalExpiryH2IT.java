package dev.warden.app.approval;

import java.util.UUID;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Approval expiry through the application on H2, the embedded default (in memory here). */
class ApprovalExpiryH2IT extends ApprovalExpiryContract {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Override
  protected Class<?> driverDelegate() {
    return StdJDBCDelegate.class;
  }
}
