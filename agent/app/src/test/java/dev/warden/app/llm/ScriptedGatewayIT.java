package dev.warden.app.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.app.testing.WebhookClient;
import dev.warden.core.llm.Feature;
import dev.warden.core.llm.LlmAnswer;
import dev.warden.core.llm.LlmGateway;
import dev.warden.core.llm.LlmRequest;
import dev.warden.core.llm.PromptTemplate;
import dev.warden.core.llm.Untrusted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Warden with the scripted provider, as for a demo: the gateway answers from the script, records
 * each answer in the database ledger and on {@code /actuator/prometheus}, and a change to the flag
 * file switches the feature off while Warden runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// closed after the class, so that the database file is closed before its temporary directory is
// deleted (a cached context kept writing into it: "Failed to delete temp directory")
@DirtiesContext
class ScriptedGatewayIT {
  @TempDir static Path workDir;

  @DynamicPropertySource
  static void scripted(DynamicPropertyRegistry registry) throws IOException {
    Path script = workDir.resolve("script.jsonl");
    Files.writeString(
        script,
        "{\"feature\": \"summarise\", \"answer\": \"The api pod is out of memory.\", \"chunks\": 3}\n");
    Path flags = workDir.resolve("flags.yaml");
    Files.writeString(
        flags, "kill-switch: false\nfeatures:\n  summarise: { enabled: true, rollout: 100 }\n");
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:retry:" + workDir.resolve("data/warden") + ";WRITE_DELAY=0");
    registry.add("warden.llm.provider", () -> "scripted");
    registry.add("warden.llm.script", script::toString);
    registry.add("warden.llm.flags-file", flags::toString);
    registry.add("warden.llm.flags-reload-interval", () -> "200ms");
    registry.add("warden.llm.prices.scripted.context-tokens", () -> "16000");
    registry.add("warden.llm.prices.scripted.input-per-million", () -> "1.00");
    registry.add("warden.llm.prices.scripted.output-per-million", () -> "2.00");
  }

  @LocalServerPort int port;
  @Autowired LlmGateway gateway;
  @Autowired JdbcUsageLedger ledger;
  @Autowired DataSource dataSource;

  private LlmAnswer summarise() {
    return gateway.answer(
        LlmRequest.builder(Feature.SUMMARISE, PromptTemplate.load("summarise", 1))
            .value("subject", "deployment api")
            .value("scope", "payments")
            .value("maxWords", "80")
            .data(
                new Untrusted("logs", "log", "OOMKilled " + Instant.now(), 1, Untrusted.Keep.TAIL))
            .scope("#payments")
            .deterministic(() -> "1 x OOMKilled")
            .build());
  }

  @Test
  void answersFromTheScriptRecordsTheCostAndObeysTheFlagFileWithoutARestart() throws IOException {
    var health = WebhookClient.json(new WebhookClient(port).get("/actuator/health"));
    assertThat(health.path("components").path("llm").path("details").path("provider").asString())
        .isEqualTo("scripted");
    assertThat(
            health.path("components").path("integrations").path("details").path("llm").asString())
        .isEqualTo("enabled: provider scripted");

    LlmAnswer answer = summarise();
    assertThat(answer.text()).isEqualTo("The api pod is out of memory.");
    assertThat(answer.label()).isEqualTo("scripted/scripted");
    assertThat(answer.costUsd()).isPositive();

    var recorded =
        ledger.between(Instant.now().minus(Duration.ofMinutes(5)), Instant.now().plusSeconds(1));
    assertThat(recorded)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.producer()).isEqualTo("model");
              assertThat(r.costUsd()).isEqualByComparingTo(answer.costUsd());
              assertThat(r.template()).isEqualTo("summarise@1");
            });

    String metrics = new WebhookClient(port).get("/actuator/prometheus").body();
    assertThat(metrics)
        .contains(
            "warden_llm_answers_total{feature=\"summarise\",producer=\"model\"} 1.0",
            "warden_llm_calls_total{feature=\"summarise\",model=\"scripted\",outcome=\"ok\",provider=\"scripted\"} 1.0",
            "warden_llm_latency_seconds_bucket",
            "warden_llm_circuit_state{provider=\"scripted\"} 0.0");

    Files.writeString(
        workDir.resolve("flags.yaml"),
        "kill-switch: true\nfeatures:\n  summarise: { enabled: true, rollout: 100 }\n");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(summarise().label())
                    .isEqualTo(
                        "deterministic analysis; the summarise AI feature is off by its flag"));
    assertThat(
            ledger.between(
                Instant.now().minus(Duration.ofMinutes(5)), Instant.now().plusSeconds(1)))
        .extracting(r -> r.producer())
        .contains("deterministic");
  }
}
