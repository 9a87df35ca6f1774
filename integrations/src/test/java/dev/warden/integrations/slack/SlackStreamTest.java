package dev.warden.integrations.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.warden.core.chat.ChatStream;
import dev.warden.core.testing.MutableClock;
import dev.warden.core.testing.SharedFixtures;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model's answer streamed into one Slack message, against a fake Slack Web API: the message is
 * posted once, updated at most once a second while tokens arrive, and the final text replaces the
 * partial one.
 */
class SlackStreamTest {
  private WireMockServer slack;
  private SlackSurface surface;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));

  @BeforeEach
  void start() {
    slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    slack.start();
    answer("chat.postMessage", "api.chat.postMessage.ok.docs-example.json");
    answer("chat.update", "api.chat.update.ok.json");
    surface =
        new SlackSurface(
            new SlackSettings(
                "xoxb-FAKE-stream-test-token",
                null,
                null,
                "http://127.0.0.1:" + slack.port() + "/api/",
                null));
  }

  @AfterEach
  void stop() {
    slack.stop();
  }

  @Test
  void aHundredTokensOverThreeSecondsAreOnePostAtMostThreeUpdatesAndTheFinalText() {
    ChatStream stream =
        ChatStream.posting(surface, "C05PRODOPS1", null)
            .interval(Duration.ofSeconds(1))
            .clock(clock)
            .executor(Runnable::run)
            .build();

    for (int i = 0; i < 100; i++) {
      assertThat(stream.onToken("word" + i + " ")).isTrue();
      clock.advance(Duration.ofMillis(30));
    }
    stream.finish("The pod restarts because its database password is rejected.");

    assertThat(calls("chat.postMessage")).hasSize(1);
    List<LoggedRequest> updates = calls("chat.update");
    // tokens over 3 s at one update a second: the first post, then at most 3 partial updates, and
    // the final text, which is always sent
    assertThat(updates).hasSizeBetween(2, 4);
    assertThat(text(updates.get(updates.size() - 1)))
        .isEqualTo("The pod restarts because its database password is rejected.");
    for (LoggedRequest partial : updates.subList(0, updates.size() - 1)) {
      assertThat(text(partial)).startsWith("word0 ").doesNotContain("database password");
    }
    assertThat(stream.onToken("late")).isFalse();
  }

  @Test
  void theFinalTextIsRedactedLikeEveryPartialOne() {
    ChatStream stream =
        ChatStream.posting(surface, "C05PRODOPS1", null)
            .clock(clock)
            .executor(Runnable::run)
            .build();

    stream.onToken("connecting with ");
    clock.advance(Duration.ofSeconds(2));
    stream.onToken("aws_access_key_id=AKIAQYLPMN5HHHFPZAM2 ");
    stream.finish("it used aws_access_key_id=AKIAQYLPMN5HHHFPZAM2 and failed");

    for (LoggedRequest request : slack.findAll(postRequestedFor(urlEqualTo("/api/chat.update")))) {
      assertThat(request.getBodyAsString()).doesNotContain("AKIAQYLPMN5HHHFPZAM2");
    }
    assertThat(
            slack
                .findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage")))
                .get(0)
                .getBodyAsString())
        .doesNotContain("AKIAQYLPMN5HHHFPZAM2");
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

  private List<LoggedRequest> calls(String method) {
    return slack.findAll(postRequestedFor(urlEqualTo("/api/" + method)));
  }

  /** The {@code text} field of a form-encoded Web API call. */
  private static String text(LoggedRequest request) {
    for (String pair : request.getBodyAsString().split("&")) {
      if (pair.startsWith("text=")) {
        return URLDecoder.decode(pair.substring("text=".length()), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no text in " + request.getUrl());
  }
}
