package dev.warden.app.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.app.slack.FakeSlack.Call;
import dev.warden.app.testing.WebhookClient;
import dev.warden.core.inbox.Inbox;
import dev.warden.core.inbox.InboxItem;
import dev.warden.core.inbox.State;
import dev.warden.core.testing.SharedFixtures;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Alert groups in Slack, end to end: Alertmanager's notifications (the shared fixtures) are posted
 * to {@code /webhooks/alertmanager} and Warden talks to a fake Slack Web API. Each group gets
 * exactly one root message, updated in place as alerts join and resolve, with the details as
 * replies in its thread; re-deliveries post nothing; a storm of many groups, each delivered several
 * times at once, still gives one root per group; and no secret ever reaches a message body.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the database file and the fake Slack belong to this class: close the context after it
@DirtiesContext
class SlackAlertThreadsIT {
  private static final String ALERT_TOKEN = "FAKE-alert-threads-it-webhook-token";
  private static final String BOT_TOKEN = "xoxb-FAKE-alert-threads-it-token";
  private static final String SIGNING_SECRET = "alert-threads-it-signing-secret";
  private static final String CHANNEL = "C0ALERTS";
  private static final Duration PATIENCE = Duration.ofSeconds(45);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path workDir;
  static FakeSlack slack;

  @DynamicPropertySource
  static void slackAndFiles(DynamicPropertyRegistry registry) throws IOException {
    slack = FakeSlack.start(SIGNING_SECRET);
    Path policies = Files.createDirectories(workDir.resolve("policies"));
    Path runbooks = Files.createDirectories(workDir.resolve("runbooks"));
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:retry:" + workDir.resolve("data/warden") + ";WRITE_DELAY=0");
    registry.add("warden.policy.dir", policies::toString);
    registry.add("warden.runbooks.dir", runbooks::toString);
    registry.add("warden.alerting.token", () -> ALERT_TOKEN);
    registry.add("warden.slack.bot-token", () -> BOT_TOKEN);
    registry.add("warden.slack.signing-secret", () -> SIGNING_SECRET);
    registry.add("warden.slack.api-url", slack::apiUrl);
    registry.add("warden.slack.default-channel", () -> CHANNEL);
    // the storm posts about a hundred messages into one channel: Slack's pace (about one a
    // second, which SlackWebApiTest covers) would make this test take minutes
    registry.add("warden.slack.limits.post-message.calls", () -> "1000");
    registry.add("warden.slack.limits.post-message.per", () -> "1s");
    registry.add("warden.slack.limits.update.calls", () -> "1000");
    registry.add("warden.slack.limits.update.per", () -> "1s");
    registry.add("warden.inbox.poll-interval", () -> "200ms");
  }

  @AfterAll
  static void stopSlack() {
    if (slack != null) {
      slack.close();
    }
  }

  @LocalServerPort int port;
  @Autowired Inbox inbox;

  @Test
  void aGroupGetsOneRootUpdatedInPlaceAsAlertsJoinAndResolveWithTheDetailsInItsThread() {
    String group = "NodeFilesystemSpaceFillingUp";
    List<Long> accepted = new ArrayList<>();

    // firing: the root and the details
    accepted.add(deliverTwice("alertmanager/03-grouped-firing.json"));
    awaitDone(accepted);
    Call root = roots(group).get(0);
    assertThat(root.param("channel")).contains(CHANNEL);
    assertThat(root.param("text").orElseThrow()).startsWith("FIRING").contains("4 firing");
    assertThat(replies(root)).hasSize(1);
    assertThat(replies(root).get(0).allText()).contains("ip-10-0-1-11");

    // two alerts resolve: the root is updated, a reply says what changed
    accepted.add(deliverTwice("alertmanager/04-grouped-partially-resolved.json"));
    awaitDone(accepted);
    assertThat(updates(root)).hasSize(1);
    assertThat(updates(root).get(0).param("text").orElseThrow())
        .startsWith("FIRING")
        .contains("2 firing, 2 resolved");
    assertThat(replies(root)).hasSize(2);
    assertThat(replies(root).get(1).allText()).contains("resolved");

    // all resolved
    accepted.add(deliverTwice("alertmanager/05-grouped-all-resolved.json"));
    awaitDone(accepted);
    List<Call> updates = updates(root);
    assertThat(updates).hasSize(2);
    assertThat(updates.get(1).param("text").orElseThrow())
        .startsWith("RESOLVED")
        .contains("0 firing, 4 resolved");
    assertThat(updates.get(1).blocksOfType("actions")).isEmpty();
    assertThat(replies(root)).hasSize(3);
    assertThat(replies(root).get(2).allText()).contains("The group is resolved.");

    // one root for the group, every message of it in its thread or an update of it
    assertThat(roots(group)).containsExactly(root);
    assertThat(slack.calls("chat.update"))
        .filteredOn(call -> call.allText().contains(group))
        .allSatisfy(call -> assertThat(call.param("ts")).contains(root.ts()));
    assertNoSecretInAnyBody();
  }

  @Test
  void aStormOfGroupsDeliveredSeveralTimesAtOnceGivesOneRootPerGroup() throws Exception {
    int groups = 24;
    List<byte[]> deliveries = new ArrayList<>();
    for (int i = 1; i <= groups; i++) {
      // each group's first notification and the one after a second alert joined, three times each
      for (int copy = 0; copy < 3; copy++) {
        deliveries.add(stormNotification(i, false));
        deliveries.add(stormNotification(i, true));
      }
    }
    Collections.shuffle(deliveries, new Random(7));

    ExecutorService senders = Executors.newFixedThreadPool(8);
    List<Future<HttpResponse<String>>> sent = new ArrayList<>();
    try {
      for (byte[] body : deliveries) {
        sent.add(senders.submit(() -> deliver(body)));
      }
      List<Long> accepted = new ArrayList<>();
      int duplicates = 0;
      for (Future<HttpResponse<String>> response : sent) {
        HttpResponse<String> answer = response.get();
        if (answer.statusCode() == 202) {
          accepted.add(WebhookClient.json(answer).path("id").asLong());
        } else {
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
          duplicates++;
        }
      }
      // two distinct notifications per group; every other copy is a duplicate
      assertThat(accepted).hasSize(2 * groups);
      assertThat(duplicates).isEqualTo(4 * groups);
      awaitDone(accepted);
    } finally {
      senders.shutdownNow();
    }

    Set<String> rootTs = new HashSet<>();
    for (int i = 1; i <= groups; i++) {
      String name = stormName(i);
      List<Call> roots = roots(name);
      assertThat(roots).as("root messages of %s", name).hasSize(1);
      Call root = roots.get(0);
      rootTs.add(root.ts());
      // the group as it is now: both alerts fire, whichever notification came first
      Call latest = updates(root).isEmpty() ? root : updates(root).get(updates(root).size() - 1);
      assertThat(latest.param("text").orElseThrow())
          .as("latest root of %s", name)
          .startsWith("FIRING")
          .contains("2 firing, 0 resolved");
      assertThat(replies(root)).as("replies to %s", name).isNotEmpty();
    }
    List<Call> stormMessages =
        slack.calls().stream().filter(call -> call.allText().contains("StormAlert")).toList();
    assertThat(stormMessages)
        .filteredOn(call -> call.method().equals("chat.postMessage"))
        .filteredOn(call -> call.param("thread_ts").isPresent())
        .allSatisfy(reply -> assertThat(rootTs).contains(reply.param("thread_ts").orElseThrow()));
    assertThat(stormMessages)
        .filteredOn(call -> call.method().equals("chat.update"))
        .allSatisfy(update -> assertThat(rootTs).contains(update.param("ts").orElseThrow()));
    assertNoSecretInAnyBody();
  }

  /** Posts a fixture twice: accepted once, the second time a duplicate. Returns the event id. */
  private long deliverTwice(String fixture) {
    byte[] body = SharedFixtures.bytes(fixture);
    HttpResponse<String> first = deliver(body);
    HttpResponse<String> again = deliver(body);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(WebhookClient.json(again).path("status").asString()).isEqualTo("duplicate");
    return WebhookClient.json(first).path("id").asLong();
  }

  private HttpResponse<String> deliver(byte[] body) {
    return new WebhookClient(port)
        .post("/webhooks/alertmanager", Map.of("Authorization", "Bearer " + ALERT_TOKEN), body);
  }

  /** Waits until the inbox has processed every one of these events. */
  private void awaitDone(List<Long> ids) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Map<Long, State> states =
                  inbox.recent(10_000, Optional.empty()).stream()
                      .filter(item -> ids.contains(item.id()))
                      .collect(Collectors.toMap(InboxItem::id, InboxItem::state));
              assertThat(states).hasSize(ids.size());
              assertThat(states.values()).containsOnly(State.DONE);
            });
  }

  /** The root messages (not in a thread) whose text names the group's alert. */
  private static List<Call> roots(String alertname) {
    return slack.calls("chat.postMessage").stream()
        .filter(call -> call.param("thread_ts").isEmpty())
        .filter(call -> call.param("text").orElse("").contains(alertname))
        .toList();
  }

  private static List<Call> replies(Call root) {
    return slack.calls("chat.postMessage").stream()
        .filter(call -> call.param("thread_ts").orElse("").equals(root.ts()))
        .peek(call -> assertThat(call.param("channel")).isEqualTo(root.param("channel")))
        .toList();
  }

  private static List<Call> updates(Call root) {
    return slack.calls("chat.update").stream()
        .filter(call -> call.param("ts").orElse("").equals(root.ts()))
        .peek(call -> assertThat(call.param("channel")).isEqualTo(root.param("channel")))
        .toList();
  }

  private static String stormName(int group) {
    return String.format("StormAlert%02d", group);
  }

  /**
   * Group {@code group} of the storm, from {@code 01-firing-single.json} with its own group key and
   * alert name; with {@code joined}, a second alert (another pod) fires in it too.
   */
  private static byte[] stormNotification(int group, boolean joined) {
    String name = stormName(group);
    ObjectNode json = (ObjectNode) SharedFixtures.json("alertmanager/01-firing-single.json");
    json.put("groupKey", "{}:{alertname=\"" + name + "\", namespace=\"checkout\"}");
    ((ObjectNode) json.path("groupLabels")).put("alertname", name);
    ((ObjectNode) json.path("commonLabels")).put("alertname", name);
    ObjectNode alert = (ObjectNode) json.path("alerts").get(0);
    ((ObjectNode) alert.path("labels")).put("alertname", name);
    alert.put("fingerprint", String.format("a%015d", group));
    if (joined) {
      ObjectNode second = alert.deepCopy();
      ((ObjectNode) second.path("labels")).put("pod", "checkout-api-7d9f8b6c5d-second");
      second.put("fingerprint", String.format("b%015d", group));
      json.withArray("alerts").add(second);
      ((ObjectNode) json.path("commonLabels")).remove("pod");
    }
    return JSON.writeValueAsBytes(json);
  }

  /** The secrets go in headers only: no body Slack received contains one. */
  private static void assertNoSecretInAnyBody() {
    assertThat(slack.calls())
        .isNotEmpty()
        .allSatisfy(
            call ->
                assertThat(call.body())
                    .doesNotContain(ALERT_TOKEN)
                    .doesNotContain(BOT_TOKEN)
                    .doesNotContain(SIGNING_SECRET));
  }
}
