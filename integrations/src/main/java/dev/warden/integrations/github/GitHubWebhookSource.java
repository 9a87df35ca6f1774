package dev.warden.integrations.github;

import dev.warden.core.event.Event;
import dev.warden.core.event.OtherEvent;
import dev.warden.core.event.PullRequestCommentEvent;
import dev.warden.core.event.PullRequestEvent;
import dev.warden.core.event.Source;
import dev.warden.core.intake.Authentication;
import dev.warden.core.intake.Decoded;
import dev.warden.core.intake.Delivery;
import dev.warden.core.intake.MalformedPayloadException;
import dev.warden.core.intake.PayloadSchema;
import dev.warden.core.intake.Signatures;
import dev.warden.core.intake.WebhookSource;
import dev.warden.core.integration.Availability;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GitHub;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * GitHub webhook deliveries. Authentic when {@code X-Hub-Signature-256} is {@code sha256=} and the
 * hex HMAC-SHA256 of the raw body under {@code warden.github.webhook-secret}. The de-duplication
 * key is {@code X-GitHub-Delivery}, which GitHub reuses when it redelivers.
 */
@Component
class GitHubWebhookSource implements WebhookSource {
  static final String SIGNATURE = "X-Hub-Signature-256";
  static final String EVENT = "X-GitHub-Event";
  static final String DELIVERY = "X-GitHub-Delivery";

  private static final Map<String, PayloadSchema> SCHEMAS =
      Map.of(
          "pull_request", PayloadSchema.load(GitHubWebhookSource.class, "pull_request.schema.json"),
          "issue_comment",
              PayloadSchema.load(GitHubWebhookSource.class, "issue_comment.schema.json"),
          "pull_request_review_comment",
              PayloadSchema.load(
                  GitHubWebhookSource.class, "pull_request_review_comment.schema.json"));

  private final GitHubProperties properties;
  private final GitHub offline = GitHub.offline();

  GitHubWebhookSource(GitHubProperties properties) {
    this.properties = properties;
  }

  @Override
  public Source source() {
    return Source.GITHUB;
  }

  @Override
  public Availability availability() {
    return properties.hasWebhookSecret()
        ? Availability.enabled("webhook intake at /webhooks/github")
        : Availability.disabled("no warden.github.webhook-secret");
  }

  @Override
  public Authentication authenticate(Delivery delivery) {
    Optional<String> header = delivery.headers().get(SIGNATURE);
    if (header.isEmpty()) {
      return Authentication.rejected("missing " + SIGNATURE + " header");
    }
    String value = header.get().trim();
    if (!value.startsWith("sha256=")) {
      return Authentication.rejected(SIGNATURE + " must start with sha256=");
    }
    byte[] expected = Signatures.hmacSha256(properties.webhookSecret(), delivery.body());
    return Signatures.hexMatches(value.substring("sha256=".length()), expected)
        ? Authentication.authentic()
        : Authentication.rejected(SIGNATURE + " does not match the body");
  }

  @Override
  public Decoded decode(Delivery delivery) {
    String event = requiredHeader(delivery, EVENT);
    String deliveryId = requiredHeader(delivery, DELIVERY);
    if (deliveryId.length() > 100) {
      throw new MalformedPayloadException(DELIVERY + " is longer than 100 characters");
    }
    PayloadSchema schema = SCHEMAS.get(event);
    JsonNode json =
        schema == null
            ? PayloadSchema.parseJson(delivery.body())
            : schema.parse(delivery.body(), "GitHub " + event + " event");
    if (event.equals("ping")) {
      return new Decoded.Ping("pong: hook " + json.path("hook_id").asString("") + " is set up");
    }
    return new Decoded.Delivered(deliveryId, toEvent(event, json, delivery.body()));
  }

  private Event toEvent(String event, JsonNode json, byte[] body) {
    String action = json.path("action").asString("");
    String type = action.isEmpty() ? event : event + "." + action;
    return switch (event) {
      case "pull_request" -> pullRequest(action, body).orElseGet(() -> other(type, json));
      case "issue_comment" ->
          json.path("issue").has("pull_request") ? conversationComment(body) : other(type, json);
      case "pull_request_review_comment" -> diffLineComment(json);
      default -> other(type, json);
    };
  }

  private Optional<Event> pullRequest(String action, byte[] body) {
    Optional<PullRequestEvent.Action> known = pullRequestAction(action);
    if (known.isEmpty()) {
      return Optional.empty();
    }
    var payload = parse(body, GHEventPayload.PullRequest.class);
    var pr = payload.getPullRequest();
    try {
      return Optional.of(
          new PullRequestEvent(
              payload.getRepository().getFullName(),
              payload.getNumber(),
              known.get(),
              pr.getTitle(),
              pr.getUser().getLogin(),
              pr.getHead().getSha(),
              pr.getBase().getRef(),
              String.valueOf(pr.getHtmlUrl()),
              pr.isDraft(),
              pr.isMerged()));
    } catch (IOException e) {
      throw new MalformedPayloadException(
          "The pull_request payload is incomplete: " + e.getMessage());
    }
  }

  private static Optional<PullRequestEvent.Action> pullRequestAction(String action) {
    return Optional.ofNullable(
        switch (action) {
          case "opened" -> PullRequestEvent.Action.OPENED;
          case "reopened" -> PullRequestEvent.Action.REOPENED;
          case "synchronize" -> PullRequestEvent.Action.UPDATED;
          case "edited" -> PullRequestEvent.Action.EDITED;
          case "ready_for_review" -> PullRequestEvent.Action.READY_FOR_REVIEW;
          case "converted_to_draft" -> PullRequestEvent.Action.CONVERTED_TO_DRAFT;
          case "closed" -> PullRequestEvent.Action.CLOSED;
          default -> null;
        });
  }

  private Event conversationComment(byte[] body) {
    var payload = parse(body, GHEventPayload.IssueComment.class);
    var comment = payload.getComment();
    try {
      return new PullRequestCommentEvent(
          payload.getRepository().getFullName(),
          payload.getIssue().getNumber(),
          comment.getId(),
          PullRequestCommentEvent.Placement.CONVERSATION,
          commentAction(payload.getAction()),
          comment.getUser().getLogin(),
          comment.getBody(),
          "",
          String.valueOf(comment.getHtmlUrl()));
    } catch (IOException e) {
      throw new MalformedPayloadException("The comment payload is incomplete: " + e.getMessage());
    }
  }

  /**
   * Read from the schema-checked JSON: github-api's review comment fetches its author online
   * ({@code getUser()}), which an offline payload cannot do.
   */
  private static Event diffLineComment(JsonNode json) {
    JsonNode comment = json.path("comment");
    return new PullRequestCommentEvent(
        json.path("repository").path("full_name").asString(),
        json.path("pull_request").path("number").asInt(),
        comment.path("id").asLong(),
        PullRequestCommentEvent.Placement.DIFF_LINE,
        commentAction(json.path("action").asString()),
        comment.path("user").path("login").asString(""),
        comment.path("body").asString(""),
        comment.path("path").asString(""),
        comment.path("html_url").asString(""));
  }

  private static PullRequestCommentEvent.Action commentAction(String action) {
    return switch (action) {
      case "created" -> PullRequestCommentEvent.Action.CREATED;
      case "edited" -> PullRequestCommentEvent.Action.EDITED;
      case "deleted" -> PullRequestCommentEvent.Action.DELETED;
      default ->
          throw new MalformedPayloadException(
              "Unknown comment action \"" + action + "\"; expected created, edited or deleted");
    };
  }

  private static OtherEvent other(String type, JsonNode json) {
    String repository = json.path("repository").path("full_name").asString("");
    return new OtherEvent(type, repository.isEmpty() ? type : type + " in " + repository);
  }

  private <T extends GHEventPayload> T parse(byte[] body, Class<T> type) {
    try (Reader reader =
        new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
      return offline.parseEventPayload(reader, type);
    } catch (IOException | RuntimeException e) {
      throw new MalformedPayloadException(
          "The body could not be read as a GitHub "
              + type.getSimpleName()
              + " payload: "
              + e.getMessage());
    }
  }

  private static String requiredHeader(Delivery delivery, String name) {
    return delivery
        .headers()
        .get(name)
        .filter(value -> !value.isBlank())
        .orElseThrow(() -> new MalformedPayloadException("missing " + name + " header"));
  }
}
