package dev.warden.integrations.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.warden.core.chat.Block;
import dev.warden.core.chat.ChatException;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.MessageRef;
import dev.warden.core.testing.SharedFixtures;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link SlackSurface} against a fake Slack Web API (WireMock) answering with Slack's payloads. */
class SlackSurfaceTest {
  private static final String TOKEN = "xoxb-FAKE-0000-test-only-token";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WireMockServer slack;
  // the limiters' clock: stands still until the surface waits, and then moves by the wait
  private final AtomicLong nanos = new AtomicLong();
  private final List<Duration> pauses = new ArrayList<>();
  private final List<Integer> requestsBeforePause = new ArrayList<>();
  private SlackSurface surface;

  @BeforeEach
  void start() {
    slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    slack.start();
    surface = surface(SlackLimits.DEFAULTS);
  }

  private SlackSurface surface(SlackLimits limits) {
    SlackSettings settings =
        new SlackSettings(
            TOKEN, null, null, "http://127.0.0.1:" + slack.port() + "/api", null, limits);
    return new SlackSurface(new SlackWebApi(settings, this::pause, nanos::get));
  }

  private void pause(Duration duration) {
    pauses.add(duration);
    requestsBeforePause.add(slack.getAllServeEvents().size());
    nanos.addAndGet(duration.toNanos());
  }

  private static SlackLimits postMessageAt(int calls, Duration per, Duration maxWait) {
    return new SlackLimits(new SlackLimits.Rate(calls, per), null, null, null, null, maxWait);
  }

  @AfterEach
  void stop() {
    slack.stop();
  }

  private void answer(String method, String fixture) {
    slack.stubFor(
        post(urlEqualTo("/api/" + method))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(SharedFixtures.bytes("slack/" + fixture))));
  }

  private Map<String, String> form(String method) {
    List<LoggedRequest> requests = slack.findAll(postRequestedFor(urlEqualTo("/api/" + method)));
    assertThat(requests).isNotEmpty();
    LoggedRequest request = requests.get(requests.size() - 1);
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      int equals = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  private static ChatMessage approval() {
    return new ChatMessage(
        "KubePodCrashLooping in checkout: approval needed",
        List.of(
            new Block.Section("*KubePodCrashLooping* in `checkout`"),
            new Block.Actions(
                List.of(
                    new Block.Button("approve", "Approve", "apr-42", Block.Style.PRIMARY),
                    new Block.Button("deny", "Deny", "apr-42", Block.Style.DANGER))),
            new Block.Context("expires in 30m")));
  }

  @Test
  void postsAThreadReplyWithTextAndBlocksAndReturnsWhereItLanded() {
    answer("chat.postMessage", "api.chat.postMessage.ok.thread-reply.json");

    MessageRef posted =
        surface.post("C05PRODOPS1", new MessageRef("C05PRODOPS1", "1767225600.000100"), approval());

    assertThat(posted).isEqualTo(new MessageRef("C05PRODOPS1", "1767225661.000200"));
    Map<String, String> form = form("chat.postMessage");
    assertThat(form)
        .containsEntry("channel", "C05PRODOPS1")
        .containsEntry("thread_ts", "1767225600.000100")
        .containsEntry("text", "KubePodCrashLooping in checkout: approval needed");
    JsonNode blocks = JSON.readTree(form.get("blocks"));
    assertThat(blocks).hasSize(3);
    assertThat(blocks.get(0).path("type").asString()).isEqualTo("section");
    assertThat(blocks.get(0).path("text").path("type").asString()).isEqualTo("mrkdwn");
    assertThat(blocks.get(0).path("text").path("text").asString())
        .isEqualTo("*KubePodCrashLooping* in `checkout`");
    JsonNode buttons = blocks.get(1).path("elements");
    assertThat(blocks.get(1).path("type").asString()).isEqualTo("actions");
    assertThat(buttons.get(0).path("type").asString()).isEqualTo("button");
    assertThat(buttons.get(0).path("action_id").asString()).isEqualTo("approve");
    assertThat(buttons.get(0).path("value").asString()).isEqualTo("apr-42");
    assertThat(buttons.get(0).path("style").asString()).isEqualTo("primary");
    assertThat(buttons.get(0).path("text").path("text").asString()).isEqualTo("Approve");
    assertThat(buttons.get(1).path("style").asString()).isEqualTo("danger");
    assertThat(blocks.get(2).path("type").asString()).isEqualTo("context");
    assertThat(blocks.get(2).path("elements").get(0).path("text").asString())
        .isEqualTo("expires in 30m");
  }

  @Test
  void aNewRootMessageHasNoThreadAndATextOnlyMessageNoBlocks() {
    answer("chat.postMessage", "api.chat.postMessage.ok.docs-example.json");

    MessageRef posted = surface.post("C1H9RESGL", null, ChatMessage.text("Here's a message"));

    assertThat(posted).isEqualTo(new MessageRef("C1H9RESGL", "1503435956.000247"));
    Map<String, String> form = form("chat.postMessage");
    assertThat(form).containsEntry("text", "Here's a message");
    assertThat(form).doesNotContainKeys("thread_ts", "blocks");
  }

  @Test
  void updatesAMessageInPlaceByChannelAndTs() {
    answer("chat.update", "api.chat.update.ok.json");

    MessageRef updated =
        surface.update(
            new MessageRef("C05PRODOPS1", "1767225661.000200"),
            new ChatMessage(
                "KubePodCrashLooping in checkout: approved by <@U05ONCALL01>",
                List.of(new Block.Context(":white_check_mark: Approved by <@U05ONCALL01>"))));

    assertThat(updated).isEqualTo(new MessageRef("C05PRODOPS1", "1767225661.000200"));
    Map<String, String> form = form("chat.update");
    assertThat(form)
        .containsEntry("channel", "C05PRODOPS1")
        .containsEntry("ts", "1767225661.000200")
        .containsEntry("text", "KubePodCrashLooping in checkout: approved by <@U05ONCALL01>");
    assertThat(JSON.readTree(form.get("blocks")).get(0).path("type").asString())
        .isEqualTo("context");
  }

  @Test
  void postsAnEphemeralMessageToOneUser() {
    slack.stubFor(
        post(urlEqualTo("/api/chat.postEphemeral"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ok\":true,\"message_ts\":\"1767225700.000400\"}")));

    MessageRef shown =
        surface.postEphemeral(
            "C05PRODOPS1",
            "U05ONCALL01",
            new MessageRef("C05PRODOPS1", "1767225600.000100"),
            ChatMessage.text("You may not approve your own request."));

    assertThat(shown).isEqualTo(new MessageRef("C05PRODOPS1", "1767225700.000400"));
    assertThat(form("chat.postEphemeral"))
        .containsEntry("channel", "C05PRODOPS1")
        .containsEntry("user", "U05ONCALL01")
        .containsEntry("thread_ts", "1767225600.000100")
        .containsEntry("text", "You may not approve your own request.");
  }

  @Test
  void aRateLimitedCallIsRetriedOnceAfterRetryAfter() {
    slack.stubFor(
        post(urlEqualTo("/api/chat.postMessage"))
            .inScenario("ratelimit")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "1")
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
            .willSetStateTo("waited"));
    slack.stubFor(
        post(urlEqualTo("/api/chat.postMessage"))
            .inScenario("ratelimit")
            .whenScenarioStateIs("waited")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        SharedFixtures.bytes("slack/api.chat.postMessage.ok.thread-reply.json"))));

    MessageRef posted = surface.post("C05PRODOPS1", null, ChatMessage.text("hello"));

    assertThat(posted.ts()).isEqualTo("1767225661.000200");
    assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    slack.verify(2, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void givesUpWhenSlackKeepsRateLimiting() {
    slack.stubFor(
        post(urlEqualTo("/api/chat.update"))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "2")
                    .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));

    assertThatThrownBy(
            () ->
                surface.update(
                    new MessageRef("C05PRODOPS1", "1767225661.000200"), ChatMessage.text("x")))
        .isInstanceOf(ChatException.class)
        .satisfies(e -> assertThat(((ChatException) e).error()).isEqualTo("ratelimited"));
    assertThat(pauses).hasSize(SlackWebApi.MAX_RETRIES).containsOnly(Duration.ofSeconds(2));
    slack.verify(SlackWebApi.MAX_RETRIES + 1, postRequestedFor(urlEqualTo("/api/chat.update")));
  }

  @Test
  void aRetryAfterLongerThanTheLimitFailsAtOnce() {
    slack.stubFor(
        post(urlEqualTo("/api/chat.postMessage"))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "120")
                    .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));

    assertThatThrownBy(() -> surface.post("C1", null, ChatMessage.text("x")))
        .isInstanceOf(ChatException.class)
        .satisfies(e -> assertThat(((ChatException) e).error()).isEqualTo("ratelimited"));
    assertThat(pauses).isEmpty();
    slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void aBurstToOneChannelIsSpreadToTheChannelsRate() {
    answer("chat.postMessage", "api.chat.postMessage.ok.thread-reply.json");
    SlackSurface paced = surface(postMessageAt(2, Duration.ofSeconds(1), Duration.ofSeconds(5)));

    for (int i = 0; i < 5; i++) {
      paced.post("C05PRODOPS1", null, ChatMessage.text("update " + i));
    }

    // two at once, then each further pair waits for the next second
    assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(requestsBeforePause).containsExactly(2, 4);
    slack.verify(5, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void aCallThatWouldWaitLongerThanAllowedFailsWithoutReachingSlack() {
    answer("chat.postMessage", "api.chat.postMessage.ok.thread-reply.json");
    SlackSurface paced = surface(postMessageAt(1, Duration.ofHours(1), Duration.ofSeconds(10)));
    paced.post("C05PRODOPS1", null, ChatMessage.text("first"));

    assertThatThrownBy(() -> paced.post("C05PRODOPS1", null, ChatMessage.text("second")))
        .isInstanceOf(ChatException.class)
        .satisfies(
            e -> {
              assertThat(((ChatException) e).error()).isEqualTo("ratelimited");
              assertThat(((ChatException) e).method()).isEqualTo("chat.postMessage");
            });

    // another channel has its own turn
    paced.post("C0OTHER0001", null, ChatMessage.text("elsewhere"));
    assertThat(pauses).isEmpty();
    slack.verify(2, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void eachMethodIsPacedOnItsOwn() {
    answer("chat.update", "api.chat.update.ok.json");
    SlackLimits limits =
        new SlackLimits(
            null, new SlackLimits.Rate(1, Duration.ofMinutes(1)), null, null, null, Duration.ZERO);
    SlackSurface paced = surface(limits);
    MessageRef message = new MessageRef("C05PRODOPS1", "1767225661.000200");

    paced.update(message, ChatMessage.text("one"));

    assertThatThrownBy(() -> paced.update(message, ChatMessage.text("two")))
        .isInstanceOf(ChatException.class)
        .hasMessageContaining("ratelimited");
    slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.update")));
  }

  @Test
  void mapsInvalidAuthToAChatExceptionWithoutTheToken() {
    answer("chat.postMessage", "api.chat.postMessage.error.invalid_auth.json");

    assertThatThrownBy(() -> surface.post("C05PRODOPS1", null, ChatMessage.text("hello")))
        .isInstanceOf(ChatException.class)
        .satisfies(
            e -> {
              ChatException chat = (ChatException) e;
              assertThat(chat.method()).isEqualTo("chat.postMessage");
              assertThat(chat.error()).isEqualTo("invalid_auth");
              assertThat(chat.getMessage()).contains("invalid_auth").doesNotContain(TOKEN);
              assertThat(String.valueOf(chat.getCause())).doesNotContain(TOKEN);
            });
  }

  @Test
  void mapsCantUpdateMessage() {
    answer("chat.update", "api.chat.update.error.cant_update_message.json");

    assertThatThrownBy(() -> surface.update(new MessageRef("C1", "1.2"), ChatMessage.text("x")))
        .isInstanceOf(ChatException.class)
        .hasMessage("chat.update failed: cant_update_message");
  }

  @Test
  void anUnreachableSlackIsAnIoErrorWithoutTheToken() {
    slack.stop();

    assertThatThrownBy(() -> surface.post("C1", null, ChatMessage.text("x")))
        .isInstanceOf(ChatException.class)
        .satisfies(
            e -> {
              assertThat(((ChatException) e).error()).isEqualTo("io_error");
              assertThat(e.getMessage()).doesNotContain(TOKEN);
            });
  }

  @Test
  void settingsNeverShowSecretsAndNormaliseTheUrl() {
    SlackSettings settings =
        new SlackSettings(TOKEN, "signing-secret-xyz", "xapp-FAKE", "http://127.0.0.1:9/api", "");

    assertThat(settings.toString())
        .doesNotContain(TOKEN, "signing-secret-xyz", "xapp-FAKE")
        .contains("(set)");
    assertThat(settings.apiUrl()).isEqualTo("http://127.0.0.1:9/api/");
    assertThat(settings.defaultChannel()).isNull();
    assertThat(new SlackSettings(null, null, null, null, null).apiUrl())
        .isEqualTo(SlackSettings.DEFAULT_API_URL);
    assertThatThrownBy(() -> new SlackSettings(TOKEN, null, null, "slack.com/api", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("warden.slack.api-url");
  }

  @Test
  void theIntegrationIsDisabledWithoutABotToken() {
    assertThat(new SlackIntegration(new SlackSettings(null, "s", null, null, null)).availability())
        .hasToString("disabled: no warden.slack.bot-token");
    assertThat(
            new SlackIntegration(new SlackSettings(TOKEN, null, null, null, null))
                .availability()
                .enabled())
        .isTrue();
  }
}
