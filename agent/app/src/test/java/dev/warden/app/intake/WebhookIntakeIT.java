package dev.warden.app.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.app.cli.WardenCommand;
import dev.warden.app.testing.RecordingHandler;
import dev.warden.app.testing.RecordingHandlerConfiguration;
import dev.warden.app.testing.WebhookClient;
import dev.warden.core.event.AlertGroupEvent;
import dev.warden.core.event.IncidentEvent;
import dev.warden.core.event.PullRequestEvent;
import dev.warden.core.inbox.Inbox;
import dev.warden.core.inbox.InboxItem;
import dev.warden.core.inbox.State;
import dev.warden.core.testing.SharedFixtures;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The webhook intake end to end: real HTTP into the running app, real payloads, H2. */
@Import(RecordingHandlerConfiguration.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:intake-it;DB_CLOSE_DELAY=-1",
      "warden.github.webhook-secret=" + WebhookIntakeIT.GITHUB_SECRET,
      "warden.alerting.token=" + WebhookIntakeIT.ALERT_TOKEN,
      "warden.alerting.username=alertmanager",
      "warden.alerting.password=" + WebhookIntakeIT.ALERT_PASSWORD,
      "warden.alerting.pagerduty-secret=" + WebhookIntakeIT.PAGERDUTY_SECRET,
      "warden.alerting.grafana-signature.secret=" + WebhookIntakeIT.GRAFANA_SECRET,
      "warden.intake.max-body-size=64KB",
      "warden.inbox.max-attempts=3",
      "warden.inbox.initial-backoff=100ms",
      "warden.inbox.max-backoff=200ms",
      "warden.inbox.poll-interval=100ms"
    })
class WebhookIntakeIT {
  static final String GITHUB_SECRET = "It's a Secret to Everybody";
  static final String ALERT_TOKEN = "FAKE-am-webhook-token-for-tests-only";
  static final String ALERT_PASSWORD = "basic-password";
  static final String PAGERDUTY_SECRET = "pd-test-secret";
  static final String GRAFANA_SECRET = "grafana-test-secret";

  @LocalServerPort int port;
  @Autowired RecordingHandler handler;
  @Autowired Inbox inbox;

  private WebhookClient client;
  private final byte[] pullRequest = SharedFixtures.bytes("github/pull_request.opened.02.json");

  @BeforeEach
  void setUp() {
    client = new WebhookClient(port);
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  @Test
  void acceptsASignedGitHubDeliveryProcessesItAndTreatsTheRedeliveryAsDuplicate() {
    String delivery = newId();

    HttpResponse<String> first =
        client.github(GITHUB_SECRET, "pull_request", delivery, pullRequest);

    assertThat(first.statusCode()).isEqualTo(202);
    var answer = WebhookClient.json(first);
    assertThat(answer.path("status").asString()).isEqualTo("accepted");
    assertThat(answer.path("type").asString()).isEqualTo("pull_request.opened");
    await().untilAsserted(() -> assertThat(handler.handled(delivery)).hasSize(1));
    var event = (PullRequestEvent) handler.handled(delivery).get(0).event();
    assertThat(event.repository()).isEqualTo("Codertocat/Hello-World");

    HttpResponse<String> again =
        client.github(GITHUB_SECRET, "pull_request", delivery, pullRequest);

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(WebhookClient.json(again).path("status").asString()).isEqualTo("duplicate");
    assertThat(WebhookClient.json(again).path("id").asLong()).isEqualTo(answer.path("id").asLong());
    await()
        .during(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(handler.handled(delivery)).hasSize(1));
  }

  @Test
  void concurrentDuplicateDeliveriesEndUpAsOneEvent() throws Exception {
    String delivery = newId();
    int senders = 12;
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      statuses.add(
          pool.submit(
              () -> {
                go.await();
                return client
                    .github(GITHUB_SECRET, "pull_request", delivery, pullRequest)
                    .statusCode();
              }));
    }
    go.countDown();
    List<Integer> codes = new ArrayList<>();
    for (Future<Integer> status : statuses) {
      codes.add(status.get());
    }
    pool.shutdown();

    assertThat(codes).filteredOn(code -> code == 202).hasSize(1);
    assertThat(codes).filteredOn(code -> code == 200).hasSize(senders - 1);
    await()
        .during(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(handler.handled(delivery)).hasSize(1));
  }

  @Test
  void aBadSignatureIs401AndStoresNothing() {
    String delivery = newId();
    var response =
        client.post(
            "/webhooks/github",
            Map.of(
                "X-GitHub-Event",
                "pull_request",
                "X-GitHub-Delivery",
                delivery,
                "X-Hub-Signature-256",
                "sha256=" + WebhookClient.hmacHex("wrong secret", pullRequest)),
            pullRequest);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(WebhookClient.json(response).path("detail").asString())
        .isEqualTo("X-Hub-Signature-256 does not match the body");
    assertThat(stored(delivery)).isEmpty();
  }

  @Test
  void answersGitHubsPingWithoutStoringIt() {
    String delivery = newId();
    var response =
        client.github(GITHUB_SECRET, "ping", delivery, SharedFixtures.bytes("github/ping.04.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(WebhookClient.json(response).path("status").asString()).isEqualTo("pong");
    assertThat(stored(delivery)).isEmpty();
  }

  @Test
  void aBodyOverTheLimitIs413WhetherDeclaredOrStreamed() {
    byte[] big = new byte[64 * 1024 + 1];
    Arrays.fill(big, (byte) ' ');

    var declared = client.github(GITHUB_SECRET, "pull_request", newId(), big);
    var chunked =
        client.send(
            HttpRequest.newBuilder(URI.create(client.base() + "/webhooks/github"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "pull_request")
                .header("X-GitHub-Delivery", newId())
                .header(
                    "X-Hub-Signature-256", "sha256=" + WebhookClient.hmacHex(GITHUB_SECRET, big))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build());

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(WebhookClient.json(chunked).path("detail").asString())
        .contains("warden.intake.max-body-size");
  }

  @Test
  void aFormEncodedBodyIs415WithAHint() {
    var response =
        client.post(
            "/webhooks/github",
            Map.of("Content-Type", "application/x-www-form-urlencoded", "X-GitHub-Event", "ping"),
            "payload=%7B%7D".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(WebhookClient.json(response).path("detail").asString()).contains("application/json");
  }

  @Test
  void anAuthenticBodyThatIsNotJsonIs400() {
    var response =
        client.github(
            GITHUB_SECRET,
            "pull_request",
            newId(),
            "{\"action\": \"opened\",".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(WebhookClient.json(response).path("detail").asString())
        .startsWith("The body is not valid JSON");
  }

  @Test
  void anAuthenticBodyOfTheWrongShapeIs400ListingEachProblem() {
    ObjectNode json = (ObjectNode) JsonMapper.builder().build().readTree(pullRequest);
    json.remove("number");
    json.remove("repository");
    byte[] body = JsonMapper.builder().build().writeValueAsBytes(json);
    String delivery = newId();

    var response = client.github(GITHUB_SECRET, "pull_request", delivery, body);

    assertThat(response.statusCode()).isEqualTo(400);
    var problem = WebhookClient.json(response);
    assertThat(problem.path("title").asString()).isEqualTo("Malformed payload");
    assertThat(problem.path("errors").valueStream().map(node -> node.asString()))
        .hasSize(2)
        .anyMatch(error -> error.contains("number"))
        .anyMatch(error -> error.contains("repository"));
    assertThat(stored(delivery)).isEmpty();
  }

  @Test
  void anUnknownSourceIs404() {
    var response =
        client.post("/webhooks/jenkins", Map.of(), "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(WebhookClient.json(response).path("detail").asString()).contains("alertmanager");
  }

  @Test
  void acceptsAlertmanagerWithBearerOrBasicAndDeduplicatesRenotifications() {
    byte[] firing = SharedFixtures.bytes("alertmanager/03-grouped-firing.json");
    byte[] partlyResolved = SharedFixtures.bytes("alertmanager/04-grouped-partially-resolved.json");
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    ("alertmanager:" + ALERT_PASSWORD).getBytes(StandardCharsets.UTF_8));

    var first =
        client.post(
            "/webhooks/alertmanager", Map.of("Authorization", "Bearer " + ALERT_TOKEN), firing);
    var renotified = client.post("/webhooks/alertmanager", Map.of("Authorization", basic), firing);
    var changed =
        client.post("/webhooks/alertmanager", Map.of("Authorization", basic), partlyResolved);
    var unauthenticated = client.post("/webhooks/alertmanager", Map.of(), firing);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(renotified.statusCode()).isEqualTo(200);
    assertThat(changed.statusCode()).isEqualTo(202);
    assertThat(unauthenticated.statusCode()).isEqualTo(401);
    long id = WebhookClient.json(first).path("id").asLong();
    await().untilAsserted(() -> assertThat(handler.handled()).anyMatch(event -> event.id() == id));
    var group =
        (AlertGroupEvent)
            handler.handled().stream()
                .filter(event -> event.id() == id)
                .findFirst()
                .orElseThrow()
                .event();
    assertThat(group.alerts()).hasSize(4);
  }

  @Test
  void acceptsGrafanaNotificationsWithCredentialAndSignature() {
    byte[] body = SharedFixtures.bytes("grafana/webhook.firing.doc-example.json");
    String signature = WebhookClient.hmacHex(GRAFANA_SECRET, body);

    var unsigned =
        client.post("/webhooks/grafana", Map.of("Authorization", "Bearer " + ALERT_TOKEN), body);
    var signed =
        client.post(
            "/webhooks/grafana",
            Map.of(
                "Authorization",
                "Bearer " + ALERT_TOKEN,
                "X-Grafana-Alerting-Signature",
                signature),
            body);

    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(signed.statusCode()).isIn(200, 202);
    assertThat(WebhookClient.json(signed).path("status").asString()).isIn("accepted", "duplicate");
  }

  @Test
  void acceptsSignedPagerDutyIncidentsAndRejectsUnsignedOnes() {
    byte[] triggered = SharedFixtures.bytes("pagerduty/v3.incident.triggered.assembled.json");
    String signature = "v1=" + WebhookClient.hmacHex(PAGERDUTY_SECRET, triggered);

    var accepted =
        client.post(
            "/webhooks/pagerduty",
            Map.of("X-PagerDuty-Signature", "v1=00," + signature),
            triggered);
    var unsigned = client.post("/webhooks/pagerduty", Map.of(), triggered);
    byte[] ping = SharedFixtures.bytes("pagerduty/v3.pagey.ping.json");
    var pong =
        client.post(
            "/webhooks/pagerduty",
            Map.of("X-PagerDuty-Signature", "v1=" + WebhookClient.hmacHex(PAGERDUTY_SECRET, ping)),
            ping);

    assertThat(accepted.statusCode()).isIn(200, 202);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(pong.statusCode()).isEqualTo(200);
    await()
        .untilAsserted(
            () -> assertThat(handler.handled("01DEN4HPBQAAAG05V5QQYBRZMF")).isNotEmpty());
    assertThat(handler.handled("01DEN4HPBQAAAG05V5QQYBRZMF").get(0).event())
        .isInstanceOf(IncidentEvent.class);
  }

  @Test
  void aFailingEventIsRetriedWithBackoffUntilItSucceeds() {
    String delivery = newId();
    handler.failNext(delivery, 2);

    assertThat(client.github(GITHUB_SECRET, "pull_request", delivery, pullRequest).statusCode())
        .isEqualTo(202);

    await()
        .untilAsserted(
            () -> assertThat(stored(delivery)).map(InboxItem::state).contains(State.DONE));
    assertThat(handler.handled(delivery))
        .extracting(event -> event.attempt())
        .containsExactly(1, 2, 3);
    assertThat(stored(delivery).orElseThrow().lastError()).contains("injected failure");
  }

  @Test
  void anEventThatKeepsFailingIsDeadLetteredListedAndCanBeRequeued() {
    String delivery = newId();
    handler.failNext(delivery, 3); // every allowed attempt

    client.github(GITHUB_SECRET, "pull_request", delivery, pullRequest);

    await()
        .untilAsserted(
            () -> assertThat(stored(delivery)).map(InboxItem::state).contains(State.DEAD));
    assertThat(handler.handled(delivery)).hasSize(3);
    long id = stored(delivery).orElseThrow().id();
    var dead = WebhookClient.json(client.get("/actuator/events?state=dead&limit=1000"));
    assertThat(dead.path("events").valueStream().map(event -> event.path("id").asLong()))
        .contains(id);

    var requeued =
        client.send(
            HttpRequest.newBuilder(URI.create(client.base() + "/actuator/events/" + id))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());

    assertThat(WebhookClient.json(requeued).path("requeued").asBoolean()).isTrue();
    await()
        .untilAsserted(
            () -> assertThat(stored(delivery)).map(InboxItem::state).contains(State.DONE));
    assertThat(handler.handled(delivery)).hasSize(4);
  }

  @Test
  void theEventsCommandListsWhatArrived() {
    String delivery = newId();
    client.github(GITHUB_SECRET, "pull_request", delivery, pullRequest);
    await()
        .untilAsserted(
            () -> assertThat(stored(delivery)).map(InboxItem::state).contains(State.DONE));
    var out = new StringWriter();
    var err = new StringWriter();
    var cli =
        new CommandLine(new WardenCommand())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err));

    int exit = cli.execute("events", "--url", client.base(), "--limit", "5");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("ID", "STATE")
        .contains("pull_request.opened")
        .contains("Codertocat/Hello-World#2 opened");
  }

  @Test
  void theEventsEndpointRejectsAnUnknownState() {
    var response = client.get("/actuator/events?state=lost");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("state must be one of");
  }

  private Optional<InboxItem> stored(String dedupKey) {
    return inbox.recent(1000, Optional.empty()).stream()
        .filter(item -> item.dedupKey().equals(dedupKey))
        .findFirst();
  }
}
