package dev.warden.app.approval;

import dev.warden.app.testing.Databases;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Approval expiry through the application on its {@code postgres} profile. */
@ActiveProfiles("postgres")
class ApprovalExpiryPostgresIT extends ApprovalExpiryContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String database = Databases.createPostgresDatabase();
    registry.add("spring.datasource.url", () -> Databases.postgresUrl(database));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }

  @Override
  protected Class<?> driverDelegate() {
    return PostgreSQLDelegate.class;
  }
}
