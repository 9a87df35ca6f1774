package dev.warden.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.app.testing.WebhookClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded default: nothing configured but where the H2 file goes. Warden starts, migrates,
 * reports every integration's status, and refuses deliveries it cannot authenticate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// closed after the class, so that the database file is closed before its temporary directory is
// deleted (a cached context kept writing into it: "Failed to delete temp directory")
@DirtiesContext
class EmbeddedDefaultIT {
  @TempDir static Path workDir;

  @DynamicPropertySource
  static void dataUnderTempDir(DynamicPropertyRegistry registry) {
    // the default URL with ./data/ replaced by a temporary directory
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:retry:" + workDir.resolve("data/warden") + ";WRITE_DELAY=0;AUTO_SERVER=TRUE");
  }

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  @Test
  void isUpAndListsEachIntegrationWithWhatToConfigure() {
    var health = WebhookClient.json(new WebhookClient(port).get("/actuator/health"));

    assertThat(health.path("status").asString()).isEqualTo("UP");
    var integrations = health.path("components").path("integrations");
    assertThat(integrations.path("status").asString()).isEqualTo("UP");
    var details = integrations.path("details");
    assertThat(details.path("github").asString())
        .isEqualTo("disabled: no warden.github.webhook-secret");
    assertThat(details.path("alertmanager").asString())
        .startsWith("disabled: no warden.alerting.token");
    assertThat(details.path("grafana").asString()).startsWith("disabled: no warden.alerting.token");
    assertThat(details.path("pagerduty").asString())
        .isEqualTo("disabled: no warden.alerting.pagerduty-secret");
    assertThat(details.path("slack").asString()).isEqualTo("disabled: no warden.slack.bot-token");
    assertThat(details.path("kubernetes").asString()).startsWith("disabled:");
    assertThat(details.path("llm").asString()).startsWith("disabled:");
  }

  @Test
  void theSlackEndpointAnswers503SayingWhatToConfigure() {
    var response =
        new WebhookClient(port)
            .post(
                "/slack/events",
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "command=%2Fwarden&text=help".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(WebhookClient.json(response).path("detail").asString())
        .contains("no warden.slack.bot-token")
        .contains("no warden.slack.signing-secret");
  }

  @Test
  void everyWebhookAnswers503SayingWhatToConfigure() {
    var client = new WebhookClient(port);
    for (String source : new String[] {"github", "alertmanager", "grafana", "pagerduty"}) {
      var response =
          client.post("/webhooks/" + source, Map.of(), "{}".getBytes(StandardCharsets.UTF_8));

      assertThat(response.statusCode()).as(source).isEqualTo(503);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(WebhookClient.json(response).path("detail").asString())
          .as(source)
          .contains("warden.");
    }
  }

  @Test
  void keepsItsDatabaseInAFileWithTheMigrationsApplied() {
    assertThat(Files.exists(workDir.resolve("data/warden.mv.db"))).isTrue();
    Integer version =
        JdbcClient.create(dataSource)
            .sql("SELECT MAX(\"version\") FROM \"flyway_schema_history\"")
            .query(Integer.class)
            .single();
    assertThat(version).isEqualTo(7);
  }
}
