package dev.warden.app.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.app.testing.RecordingHandler;
import dev.warden.app.testing.RecordingHandlerConfiguration;
import dev.warden.core.event.AlertGroupEvent;
import dev.warden.core.event.AlertGroupEvent.Status;
import dev.warden.core.event.Source;
import dev.warden.core.inbox.ReceivedEvent;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The intake driven by the real Alertmanager binary (Debian's {@code prometheus-alertmanager},
 * which {@code .ci/run} installs): alerts posted to its API are grouped and delivered to Warden's
 * webhook with a bearer token, firing and then resolved. Skipped where the binary is not installed.
 */
@Import(RecordingHandlerConfiguration.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:alertmanager-binary;DB_CLOSE_DELAY=-1",
      "warden.alerting.token=" + AlertmanagerBinaryIT.TOKEN,
      "warden.inbox.poll-interval=100ms"
    })
class AlertmanagerBinaryIT {
  static final String TOKEN = "am-binary-test-token";

  @LocalServerPort int wardenPort;
  @Autowired RecordingHandler handler;
  @TempDir Path work;

  private final HttpClient http = HttpClient.newHttpClient();
  private Process alertmanager;

  /**
   * Alertmanager writes its notification log and silences on SIGTERM; wait for it to exit so the
   * temporary directory is not deleted under its feet.
   */
  @AfterEach
  void stopAlertmanager() throws InterruptedException {
    if (alertmanager != null) {
      alertmanager.destroy();
      if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
        alertmanager.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void deliversAGroupFiringThenResolvedExactlyOnceEach() throws Exception {
    Path binary = alertmanagerBinary();
    int amPort = freePort();
    Files.writeString(work.resolve("alertmanager.yml"), config());
    alertmanager =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + work.resolve("alertmanager.yml"),
                "--storage.path=" + work.resolve("am-data"),
                "--web.listen-address=127.0.0.1:" + amPort,
                "--cluster.listen-address=",
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("alertmanager.log").toFile())
            .start();
    String am = "http://127.0.0.1:" + amPort;
    await().atMost(Duration.ofSeconds(30)).until(() -> ready(am));

    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    postAlerts(am, start, start.plus(Duration.ofHours(1)));

    await().atMost(Duration.ofSeconds(30)).until(() -> groups(Status.FIRING).size() == 1);
    AlertGroupEvent firing = groups(Status.FIRING).get(0);
    assertThat(firing.alerts()).hasSize(2).allMatch(alert -> alert.status() == Status.FIRING);
    assertThat(firing.groupLabels())
        .containsEntry("alertname", "WardenBinaryTest")
        .containsEntry("namespace", "checkout");
    assertThat(firing.alerts()).allMatch(alert -> alert.startsAt().equals(start));

    postAlerts(am, start, Instant.now());

    await().atMost(Duration.ofSeconds(30)).until(() -> groups(Status.RESOLVED).size() == 1);
    AlertGroupEvent resolved = groups(Status.RESOLVED).get(0);
    assertThat(resolved.groupKey()).isEqualTo(firing.groupKey());
    assertThat(resolved.alerts()).allMatch(alert -> alert.endsAt().isPresent());
    // Alertmanager re-sends nothing unchanged within repeat_interval; no duplicate arrives
    await().during(Duration.ofSeconds(3)).until(() -> alertmanagerEvents().size() == 2);
  }

  private List<ReceivedEvent> alertmanagerEvents() {
    return handler.handled().stream()
        .filter(event -> event.source() == Source.ALERTMANAGER)
        .toList();
  }

  private List<AlertGroupEvent> groups(Status status) {
    return alertmanagerEvents().stream()
        .map(event -> (AlertGroupEvent) event.event())
        .filter(group -> group.status() == status)
        .toList();
  }

  private String config() {
    return """
        route:
          receiver: warden
          group_by: ['alertname', 'namespace']
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 4h
        receivers:
          - name: warden
            webhook_configs:
              - url: 'http://127.0.0.1:%d/webhooks/alertmanager'
                send_resolved: true
                http_config:
                  authorization:
                    type: Bearer
                    credentials: '%s'
        """
        .formatted(wardenPort, TOKEN);
  }

  private void postAlerts(String am, Instant startsAt, Instant endsAt) throws Exception {
    String alerts =
        Stream.of("checkout-7d9f-1", "checkout-7d9f-2")
            .map(
                pod ->
                    """
                    {"labels": {"alertname": "WardenBinaryTest", "namespace": "checkout", "pod": "%s", "severity": "warning"},
                     "annotations": {"summary": "test alert for %s"},
                     "startsAt": "%s", "endsAt": "%s"}"""
                        .formatted(pod, pod, startsAt, endsAt))
            .reduce((a, b) -> a + "," + b)
            .orElseThrow();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(am + "/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + alerts + "]"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private boolean ready(String am) {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create(am + "/-/ready")).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path alertmanagerBinary() {
    Optional<Path> found =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .flatMap(
                dir ->
                    Stream.of(
                        Path.of(dir, "prometheus-alertmanager"), Path.of(dir, "alertmanager")))
            .filter(Files::isExecutable)
            .findFirst();
    Assumptions.assumeTrue(
        found.isPresent(),
        "the Alertmanager binary is not installed (Debian: apt-get install prometheus-alertmanager; .ci/run does)");
    return found.get();
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
