package dev.warden.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.app.testing.Databases;
import dev.warden.app.testing.WebhookClient;
import dev.warden.core.inbox.Inbox;
import dev.warden.core.inbox.State;
import dev.warden.core.testing.SharedFixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The application on its {@code postgres} profile against a real PostgreSQL. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "warden.alerting.token=pg-token")
@ActiveProfiles("postgres")
class PostgresApplicationIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String database = Databases.createPostgresDatabase();
    registry.add("spring.datasource.url", () -> Databases.postgresUrl(database));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }

  @LocalServerPort int port;
  @Autowired Inbox inbox;

  @Test
  void migratesAcceptsAndProcessesOnPostgres() {
    var client = new WebhookClient(port);
    byte[] firing = SharedFixtures.bytes("alertmanager/03-grouped-firing.json");

    var accepted =
        client.post("/webhooks/alertmanager", Map.of("Authorization", "Bearer pg-token"), firing);
    var duplicate =
        client.post("/webhooks/alertmanager", Map.of("Authorization", "Bearer pg-token"), firing);

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(duplicate.statusCode()).isEqualTo(200);
    await().untilAsserted(() -> assertThat(inbox.countByState()).isEqualTo(Map.of(State.DONE, 1L)));
    var health = WebhookClient.json(client.get("/actuator/health"));
    assertThat(health.path("components").path("db").path("details").path("database").asString())
        .isEqualTo("PostgreSQL");
  }
}
