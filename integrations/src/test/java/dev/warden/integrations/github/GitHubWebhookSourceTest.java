package dev.warden.integrations.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.event.OtherEvent;
import dev.warden.core.event.PullRequestCommentEvent;
import dev.warden.core.event.PullRequestEvent;
import dev.warden.core.event.Source;
import dev.warden.core.intake.Authentication;
import dev.warden.core.intake.Decoded;
import dev.warden.core.intake.Delivery;
import dev.warden.core.intake.Headers;
import dev.warden.core.intake.MalformedPayloadException;
import dev.warden.core.testing.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class GitHubWebhookSourceTest {
  /** The secret the shared fixtures' deliveries.json was signed with. */
  private static final String SECRET = "It's a Secret to Everybody";

  private static final Set<String> PULL_REQUEST_ACTIONS =
      Set.of(
          "opened",
          "reopened",
          "synchronize",
          "edited",
          "ready_for_review",
          "converted_to_draft",
          "closed");

  private final GitHubWebhookSource source = new GitHubWebhookSource(new GitHubProperties(SECRET));

  static Stream<JsonNode> recordedDeliveries() {
    return SharedFixtures.json("github/deliveries.json").path("deliveries").valueStream();
  }

  private static Delivery delivery(JsonNode recorded) {
    Map<String, String> headers = new HashMap<>();
    recorded
        .path("headers")
        .properties()
        .forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
    return new Delivery(
        Source.GITHUB,
        Headers.of(headers),
        SharedFixtures.bytes("github/" + recorded.path("file").asString()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordedDeliveries")
  void authenticatesAndDecodesEveryRecordedDelivery(JsonNode recorded) {
    Delivery delivery = delivery(recorded);
    String event = recorded.path("event").asString();
    String action = recorded.path("action").asString("");

    assertThat(source.authenticate(delivery)).isInstanceOf(Authentication.Authentic.class);
    Decoded decoded = source.decode(delivery);

    if (event.equals("ping")) {
      assertThat(decoded).isInstanceOf(Decoded.Ping.class);
      return;
    }
    var delivered = (Decoded.Delivered) decoded;
    assertThat(delivered.dedupKey())
        .isEqualTo(delivery.headers().get("X-GitHub-Delivery").orElseThrow());
    if (event.equals("pull_request") && PULL_REQUEST_ACTIONS.contains(action)) {
      assertThat(delivered.event()).isInstanceOf(PullRequestEvent.class);
    } else if (event.equals("pull_request_review_comment")) {
      assertThat(delivered.event()).isInstanceOf(PullRequestCommentEvent.class);
    } else {
      // issue comments in these fixtures are on issues, not pull requests
      assertThat(delivered.event())
          .isEqualTo(
              new OtherEvent(
                  action.isEmpty() ? event : event + "." + action, delivered.event().summary()));
    }
  }

  @Test
  void mapsAnOpenedPullRequest() {
    var delivered =
        (Decoded.Delivered)
            source.decode(signed("pull_request", "github/pull_request.opened.02.json"));

    assertThat(delivered.event())
        .isEqualTo(
            new PullRequestEvent(
                "Codertocat/Hello-World",
                2,
                PullRequestEvent.Action.OPENED,
                "Update the README with new information.",
                "Codertocat",
                "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
                "master",
                "https://github.com/Codertocat/Hello-World/pull/2",
                false,
                false));
  }

  @Test
  void mapsADiffLineComment() {
    var delivered =
        (Decoded.Delivered)
            source.decode(
                signed(
                    "pull_request_review_comment",
                    "github/pull_request_review_comment.created.01.json"));

    var comment = (PullRequestCommentEvent) delivered.event();
    assertThat(comment.repository()).isEqualTo("Codertocat/Hello-World");
    assertThat(comment.number()).isEqualTo(2);
    assertThat(comment.commentId()).isEqualTo(284312630L);
    assertThat(comment.placement()).isEqualTo(PullRequestCommentEvent.Placement.DIFF_LINE);
    assertThat(comment.path()).isEqualTo("README.md");
    assertThat(comment.body()).startsWith("Maybe you should use more emoji on this line.");
  }

  @Test
  void anIssueCommentOnAPullRequestIsAPullRequestComment() {
    ObjectNode json = (ObjectNode) SharedFixtures.json("github/issue_comment.created.01.json");
    ((ObjectNode) json.path("issue"))
        .putObject("pull_request")
        .put("url", "https://api.github.com/x");
    byte[] body = JsonMapper.builder().build().writeValueAsBytes(json);

    var delivered = (Decoded.Delivered) source.decode(delivery("issue_comment", "d-1", body));

    var comment = (PullRequestCommentEvent) delivered.event();
    assertThat(comment.placement()).isEqualTo(PullRequestCommentEvent.Placement.CONVERSATION);
    assertThat(comment.action()).isEqualTo(PullRequestCommentEvent.Action.CREATED);
    assertThat(comment.number()).isEqualTo(json.path("issue").path("number").asInt());
  }

  @Test
  void rejectsATamperedBody() {
    Delivery signed =
        delivery(
            recordedDeliveries()
                .filter(d -> d.path("file").asString().equals("pull_request.opened.02.json"))
                .findFirst()
                .orElseThrow());
    assertThat(source.authenticate(signed)).isInstanceOf(Authentication.Authentic.class);
    byte[] tampered = signed.body().clone();
    tampered[10] ^= 1;

    var result = source.authenticate(new Delivery(Source.GITHUB, signed.headers(), tampered));

    assertThat(result)
        .isEqualTo(Authentication.rejected("X-Hub-Signature-256 does not match the body"));
  }

  @Test
  void rejectsMissingOrForeignSignatures() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    assertThat(source.authenticate(new Delivery(Source.GITHUB, Headers.of(Map.of()), body)))
        .isEqualTo(Authentication.rejected("missing X-Hub-Signature-256 header"));
    assertThat(
            source.authenticate(
                new Delivery(
                    Source.GITHUB, Headers.of(Map.of("X-Hub-Signature-256", "sha1=abc")), body)))
        .isEqualTo(Authentication.rejected("X-Hub-Signature-256 must start with sha256="));
    assertThat(
            source.authenticate(
                new Delivery(
                    Source.GITHUB,
                    Headers.of(Map.of("X-Hub-Signature-256", "sha256=not-hex")),
                    body)))
        .isInstanceOf(Authentication.Rejected.class);
  }

  @Test
  void namesEverySchemaViolation() {
    ObjectNode json = (ObjectNode) SharedFixtures.json("github/pull_request.opened.02.json");
    json.remove("number");
    ((ObjectNode) json.path("pull_request").path("head")).remove("sha");
    byte[] body = JsonMapper.builder().build().writeValueAsBytes(json);

    assertThatThrownBy(() -> source.decode(delivery("pull_request", "d-1", body)))
        .isInstanceOfSatisfying(
            MalformedPayloadException.class,
            e -> {
              assertThat(e.getMessage()).contains("not a valid GitHub pull_request event");
              assertThat(e.problems()).hasSize(2);
              assertThat(String.join("\n", e.problems())).contains("number").contains("sha");
            });
  }

  @Test
  void rejectsBodiesThatAreNotJson() {
    assertThatThrownBy(
            () ->
                source.decode(
                    delivery("push", "d-1", "payload=%7B%7D".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageStartingWith("The body is not valid JSON");
  }

  @Test
  void requiresTheEventAndDeliveryHeaders() {
    byte[] body = SharedFixtures.bytes("github/ping.04.json");
    assertThatThrownBy(
            () ->
                source.decode(
                    new Delivery(
                        Source.GITHUB, Headers.of(Map.of("X-GitHub-Event", "ping")), body)))
        .hasMessage("missing X-GitHub-Delivery header");
    assertThatThrownBy(
            () ->
                source.decode(
                    new Delivery(
                        Source.GITHUB, Headers.of(Map.of("X-GitHub-Delivery", "d")), body)))
        .hasMessage("missing X-GitHub-Event header");
  }

  @Test
  void isDisabledWithoutASecretAndSaysWhichSetting() {
    var unconfigured = new GitHubWebhookSource(new GitHubProperties(null));

    assertThat(unconfigured.availability().enabled()).isFalse();
    assertThat(unconfigured.availability().detail()).isEqualTo("no warden.github.webhook-secret");
    assertThat(source.availability().enabled()).isTrue();
  }

  private static Delivery signed(String event, String fixture) {
    return delivery(event, "delivery-1", SharedFixtures.bytes(fixture));
  }

  private static Delivery delivery(String event, String id, byte[] body) {
    return new Delivery(
        Source.GITHUB, Headers.of(Map.of("X-GitHub-Event", event, "X-GitHub-Delivery", id)), body);
  }
}
