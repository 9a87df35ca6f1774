package dev.warden.integrations.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.warden.core.chat.Block;
import dev.warden.core.chat.ButtonClick;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.CommandRequest;
import dev.warden.core.chat.Mention;
import dev.warden.core.chat.MessageRef;
import dev.warden.core.testing.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack's real payloads, signed, through Bolt's verification into the core's {@link
 * dev.warden.core.chat.ChatInteractions}: what each becomes, on which thread, and where later
 * answers go (a fake {@code response_url} host, WireMock, standing in for Slack's).
 */
class SlackEventsRoutingTest {
  private static final String SECRET = "routing-test-signing-secret";
  private static final long NOW = 1_767_225_900L;
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String JSON_TYPE = "application/json";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COMMAND_SECRET_PART = "FAKEresponseUrlSecret00";
  private static final String CLICK_SECRET_PART = "FAKEactionResponseUrl00";

  private static final ChatMessage REPLY =
      new ChatMessage(
          "Triage of checkout-api started",
          List.of(
              new Block.Section("*Triage* of `checkout-api` started"),
              new Block.Actions(
                  List.of(
                      new Block.Button("runbook.plan", "Plan", "t-1 oom", Block.Style.DEFAULT)))));

  private WireMockServer hooks;
  private final List<SlackEvents> opened = new ArrayList<>();

  @BeforeEach
  void start() {
    hooks = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    hooks.start();
    hooks.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
    RecordedLogs.clear();
  }

  @AfterEach
  void stop() {
    opened.forEach(SlackEvents::close);
    hooks.stop();
  }

  private SlackEvents events(RecordingInteractions interactions, int threads, int queue) {
    SlackEvents events =
        new SlackEvents(
            new SlackSettings(null, SECRET, null, "http://127.0.0.1:9/api/", null),
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC),
            interactions,
            threads,
            queue);
    opened.add(events);
    return events;
  }

  /** A fixture's body with its {@code response_url} pointing at the fake hooks server. */
  private byte[] fixture(String name) {
    String body = new String(SharedFixtures.bytes("slack/" + name), StandardCharsets.UTF_8);
    return body.replace("https%3A%2F%2Fhooks.slack.com", "http%3A%2F%2F127.0.0.1%3A" + hooks.port())
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, List<String>> signedHeaders(String contentType, byte[] body)
      throws Exception {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of(contentType));
    headers.put("X-Slack-Request-Timestamp", List.of(String.valueOf(NOW)));
    headers.put("X-Slack-Signature", List.of(SlackEventsTest.sign(SECRET, NOW, body)));
    return headers;
  }

  private static SlackEvents.Answer send(SlackEvents events, String contentType, byte[] body)
      throws Exception {
    return events.handle(body, signedHeaders(contentType, body), "127.0.0.1");
  }

  private JsonNode onlyHookBody(String path) {
    List<LoggedRequest> requests = hooks.findAll(postRequestedFor(urlEqualTo(path)));
    assertThat(requests).hasSize(1);
    return JSON.readTree(requests.get(0).getBodyAsString());
  }

  private static void assertNoLogLineContains(String... secrets) {
    assertThat(RecordedLogs.lines()).isNotEmpty();
    for (String line : RecordedLogs.lines()) {
      assertThat(line).doesNotContain(secrets);
    }
  }

  @Test
  void aSlashCommandGoesToTheCoreInTheRequestAndItsAnswerIsTheEphemeralAck() throws Exception {
    RecordingInteractions interactions = new RecordingInteractions(REPLY);

    SlackEvents.Answer answer =
        send(events(interactions, 4, 8), FORM, fixture("slash-command.devops-triage.body.txt"));

    assertThat(interactions.commands)
        .containsExactly(
            new CommandRequest(
                "/devops", "triage checkout-api --since 30m", "U05ONCALL01", "C05PRODOPS1"));
    assertThat(interactions.threads).containsExactly(Thread.currentThread().getName());
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers().get("Content-Type").get(0)).startsWith("application/json");
    JsonNode reply = JSON.readTree(answer.body());
    assertThat(reply.path("response_type").asString()).isEqualTo("ephemeral");
    assertThat(reply.path("text").asString()).isEqualTo("Triage of checkout-api started");
    assertThat(reply.path("blocks").get(0).path("type").asString()).isEqualTo("section");
    assertThat(reply.path("blocks").get(0).path("text").path("text").asString())
        .isEqualTo("*Triage* of `checkout-api` started");
    JsonNode button = reply.path("blocks").get(1).path("elements").get(0);
    assertThat(button.path("action_id").asString()).isEqualTo("runbook.plan");
    assertThat(button.path("value").asString()).isEqualTo("t-1 oom");
  }

  @Test
  void aCommandsLaterAnswerGoesToItsResponseUrlAndTheUrlIsNeverLogged() throws Exception {
    RecordingInteractions interactions =
        new RecordingInteractions(ChatMessage.text("Working on it"))
            .onCommand(
                (request, later) -> later.inChannel(ChatMessage.text("Triage: 3 pods restarting")));

    SlackEvents.Answer answer =
        send(events(interactions, 4, 8), FORM, fixture("slash-command.devops-triage.body.txt"));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode later = onlyHookBody("/commands/T04ABCD1234/6012345678901/" + COMMAND_SECRET_PART);
    assertThat(later.path("response_type").asString()).isEqualTo("in_channel");
    assertThat(later.path("text").asString()).isEqualTo("Triage: 3 pods restarting");
    assertNoLogLineContains(COMMAND_SECRET_PART, "triage checkout-api");
  }

  @Test
  void aCommandThatFailsInTheCoreIsAnsweredWithoutTheError() throws Exception {
    RecordingInteractions interactions =
        new RecordingInteractions(REPLY)
            .onCommand(
                (request, later) -> {
                  throw new IllegalStateException("database down at jdbc:secret-host");
                });

    SlackEvents.Answer answer =
        send(events(interactions, 4, 8), FORM, fixture("slash-command.devops-triage.body.txt"));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode reply = JSON.readTree(answer.body());
    assertThat(reply.path("response_type").asString()).isEqualTo("ephemeral");
    assertThat(reply.path("text").asString()).isEqualTo(SlackHandlers.FAILED.text());
  }

  @Test
  void aClickIsAcknowledgedAtOnceAndHandledOnThePoolThenAnsweredThroughItsResponseUrl()
      throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    RecordingInteractions interactions =
        new RecordingInteractions(REPLY)
            .holdClicksUntil(gate)
            .onClick((click, later) -> later.ephemeral(ChatMessage.text("Approved: run-7f3c2a")));

    // the core holds the click: the acknowledgement does not wait for it
    SlackEvents.Answer answer =
        send(events(interactions, 4, 8), FORM, fixture("block-actions.approve-button.body.txt"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEmpty();
    await().until(() -> interactions.clicks.size() == 1);
    assertThat(interactions.clicks.get(0))
        .isEqualTo(
            new ButtonClick(
                "approve_remediation",
                "run-7f3c2a",
                "U05ONCALL01",
                "C05PRODOPS1",
                Optional.of(new MessageRef("C05PRODOPS1", "1767225661.000200"))));
    assertThat(interactions.threads).singleElement().asString().startsWith("slack-interactions-");
    String hook = "/actions/T04ABCD1234/6012345679000/" + CLICK_SECRET_PART;
    assertThat(hooks.findAll(postRequestedFor(urlEqualTo(hook)))).isEmpty();

    gate.countDown();

    await().until(() -> !hooks.findAll(postRequestedFor(urlEqualTo(hook))).isEmpty());
    JsonNode later = onlyHookBody(hook);
    assertThat(later.path("response_type").asString()).isEqualTo("ephemeral");
    assertThat(later.path("replace_original").asBoolean(true)).isFalse();
    assertThat(later.path("text").asString()).isEqualTo("Approved: run-7f3c2a");
    assertNoLogLineContains(CLICK_SECRET_PART, "hooks.slack.com", "127.0.0.1:" + hooks.port());
  }

  @Test
  void aClickInAnAttachmentCarriesItsChannelAndMessage() throws Exception {
    RecordingInteractions interactions = new RecordingInteractions(REPLY);

    send(events(interactions, 4, 8), FORM, fixture("block-actions.docs-example.body.txt"));

    await().until(() -> interactions.clicks.size() == 1);
    assertThat(interactions.clicks.get(0))
        .isEqualTo(
            new ButtonClick(
                "WaXA",
                "click_me_123",
                "UA8RXUSPL",
                "CBR2V3XEX",
                Optional.of(new MessageRef("CBR2V3XEX", "1548261231.000200"))));
  }

  @Test
  void aClickFindingThePoolFullIsToldToTryAgainAndStillAcknowledged() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    RecordingInteractions interactions = new RecordingInteractions(REPLY).holdClicksUntil(gate);
    // one thread, held by the first click; one place in the queue, taken by the second
    SlackEvents events = events(interactions, 1, 1);
    byte[] click = fixture("block-actions.approve-button.body.txt");
    String hook = "/actions/T04ABCD1234/6012345679000/" + CLICK_SECRET_PART;

    assertThat(send(events, FORM, click).status()).isEqualTo(200);
    assertThat(send(events, FORM, click).status()).isEqualTo(200);
    assertThat(hooks.findAll(postRequestedFor(urlEqualTo(hook)))).isEmpty();
    assertThat(send(events, FORM, click).status()).isEqualTo(200);

    JsonNode busy = onlyHookBody(hook);
    assertThat(busy.path("response_type").asString()).isEqualTo("ephemeral");
    assertThat(busy.path("text").asString()).isEqualTo(SlackHandlers.BUSY.text());
    gate.countDown();
    await().until(() -> interactions.clicks.size() == 2);
  }

  @Test
  void aMentionGoesToTheCoreWithoutTheMentionItselfAndWithItsThread() throws Exception {
    RecordingInteractions interactions = new RecordingInteractions(REPLY);
    SlackEvents events = events(interactions, 4, 8);

    SlackEvents.Answer answer =
        send(events, JSON_TYPE, fixture("events.app_mention.in-thread.body.json"));

    assertThat(answer.status()).isEqualTo(200);
    await().until(() -> interactions.mentions.size() == 1);
    assertThat(interactions.mentions.get(0))
        .isEqualTo(
            new Mention(
                "U05ONCALL01",
                "C05PRODOPS1",
                "what changed in checkout-api in the last hour?",
                new MessageRef("C05PRODOPS1", "1767225800.000300"),
                Optional.of(new MessageRef("C05PRODOPS1", "1767225600.000100"))));
    assertThat(interactions.threads).singleElement().asString().startsWith("slack-interactions-");
  }

  @Test
  void aMentionOutsideAThreadHasNoThreadAndARetriedEventIsHandledOnce() throws Exception {
    RecordingInteractions interactions = new RecordingInteractions(REPLY);
    // one thread: mentions are handled in the order they arrive
    SlackEvents events = events(interactions, 1, 8);
    byte[] inThread = fixture("events.app_mention.in-thread.body.json");

    send(events, JSON_TYPE, inThread);
    Map<String, List<String>> retry = signedHeaders(JSON_TYPE, inThread);
    retry.put("X-Slack-Retry-Num", List.of("1"));
    retry.put("X-Slack-Retry-Reason", List.of("http_timeout"));
    assertThat(events.handle(inThread, retry, "127.0.0.1").status()).isEqualTo(200);
    send(events, JSON_TYPE, fixture("events.app_mention.sdk-test.json"));

    await().until(() -> interactions.mentions.size() >= 2);
    assertThat(interactions.mentions).hasSize(2);
    Mention second = interactions.mentions.get(1);
    assertThat(second.userId()).isEqualTo("W222");
    assertThat(second.channelId()).isEqualTo("C111");
    assertThat(second.text()).isEqualTo("Hello!");
    assertThat(second.thread()).isEmpty();
    assertThat(second.replyThread()).isEqualTo(new MessageRef("C111", "1601584748.000800"));
  }

  @Test
  void forgedStaleAndUnsignedRequestsAre401AndReachNothing() throws Exception {
    RecordingInteractions interactions = new RecordingInteractions(REPLY);
    // one thread: once the valid mention at the end is handled, nothing else is pending
    SlackEvents events = events(interactions, 1, 8);
    Map<String, String> fixtures =
        Map.of(
            "slash-command.devops-triage.body.txt", FORM,
            "block-actions.approve-button.body.txt", FORM,
            "events.app_mention.in-thread.body.json", JSON_TYPE);

    for (Map.Entry<String, String> fixture : fixtures.entrySet()) {
      byte[] body = fixture(fixture.getKey());
      String type = fixture.getValue();
      Map<String, List<String>> forged = signedHeaders(type, body);
      forged.put("X-Slack-Signature", List.of(SlackEventsTest.sign("not-the-secret", NOW, body)));
      Map<String, List<String>> stale = signedHeaders(type, body);
      stale.put("X-Slack-Request-Timestamp", List.of(String.valueOf(NOW - 301)));
      stale.put("X-Slack-Signature", List.of(SlackEventsTest.sign(SECRET, NOW - 301, body)));
      Map<String, List<String>> unsigned = new LinkedHashMap<>();
      unsigned.put("Content-Type", List.of(type));

      for (Map<String, List<String>> headers : List.of(forged, stale, unsigned)) {
        SlackEvents.Answer answer = events.handle(body, headers, "127.0.0.1");
        assertThat(answer.status()).as(fixture.getKey()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain("Triage");
      }
    }
    assertThat(interactions.commands).isEmpty();
    send(events, JSON_TYPE, fixture("events.app_mention.sdk-test.json"));

    await().until(() -> interactions.mentions.size() == 1);
    assertThat(interactions.mentions.get(0).userId()).isEqualTo("W222");
    assertThat(interactions.clicks).isEmpty();
    assertThat(hooks.getAllServeEvents()).isEmpty();
  }

  @Test
  void theLeadingMentionIsRemovedInEachOfItsForms() {
    assertThat(SlackHandlers.withoutMention("<@U05DEVOPSBT> status")).isEqualTo("status");
    assertThat(SlackHandlers.withoutMention("  <@U05DEVOPSBT|warden>   runbooks  "))
        .isEqualTo("runbooks");
    assertThat(SlackHandlers.withoutMention("ask <@U05DEVOPSBT> later"))
        .isEqualTo("ask <@U05DEVOPSBT> later");
    assertThat(SlackHandlers.withoutMention(null)).isEmpty();
  }
}
