package dev.warden.integrations.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.model.event.AppMentionEvent;
import dev.warden.core.integration.Availability;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what Slack sends to Warden's request URL ({@code /slack/events}): Events API callbacks,
 * slash commands and interactivity, all on one URL, through a Bolt {@link App}. The HTTP layer
 * hands over the raw body and the headers and sends back the {@link Answer} as it is.
 *
 * <p>Every request passes Bolt's {@link RequestVerification} middleware with a {@link
 * ClockedVerifier}: a missing or wrong {@code X-Slack-Signature}, or an {@code
 * X-Slack-Request-Timestamp} more than five minutes from Warden's clock, gets 401 before any
 * handler runs. The handlers answer within the request (Slack allows 3 seconds) and do nothing
 * slow:
 *
 * <ul>
 *   <li>{@code url_verification}: the challenge (Bolt);
 *   <li>slash commands: an ephemeral usage text ({@code help}; everything else is not built yet and
 *       gets the usage too);
 *   <li>button clicks ({@code block_actions}) and events ({@code app_mention} and the rest):
 *       acknowledged; approval buttons and mentions are not acted on yet.
 * </ul>
 *
 * <p>No bot token is needed to answer: Bolt's authorization middleware, which calls {@code
 * auth.test} at start, is left out on purpose, since these answers call no Web API.
 */
public final class SlackEvents implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackEvents.class);

  /** What to send back to Slack: status, headers (with the content type) and body. */
  public record Answer(int status, Map<String, List<String>> headers, String body) {
    public Answer {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      body = body == null ? "" : body;
    }
  }

  private final Slack slack;
  private final App app;
  private final SlackRequestParser parser;

  /**
   * Events verified with {@code settings.signingSecret()} against {@code clock}.
   *
   * @throws IllegalArgumentException when no signing secret is configured
   */
  public SlackEvents(SlackSettings settings, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    if (!settings.hasSigningSecret()) {
      throw new IllegalArgumentException(
          "Slack events need warden.slack.signing-secret to verify requests");
    }
    AppConfig config =
        AppConfig.builder()
            .signingSecret(settings.signingSecret())
            .singleTeamBotToken(null)
            .allEventsApiAutoAckEnabled(true)
            .build();
    List<Middleware> middleware = new ArrayList<>();
    middleware.add(new SSLCheck(null));
    middleware.add(new RequestVerification(new ClockedVerifier(settings.signingSecret(), clock)));
    this.slack = SlackSurface.slack(settings);
    this.app = new App(config, slack, middleware);
    this.parser = new SlackRequestParser(app.config());
    app.command(
        Pattern.compile(".*"), (request, context) -> command(request.getPayload(), context));
    app.blockAction(
        Pattern.compile(".*"),
        (request, context) -> {
          var payload = request.getPayload();
          log.info(
              "slack block_action action_id={} user={} handled=false reason=not-built",
              payload.getActions() == null || payload.getActions().isEmpty()
                  ? null
                  : payload.getActions().get(0).getActionId(),
              payload.getUser() == null ? null : payload.getUser().getId());
          return context.ack();
        });
    app.event(
        AppMentionEvent.class,
        (payload, context) -> {
          log.info(
              "slack event=app_mention user={} channel={} handled=false reason=not-built",
              payload.getEvent().getUser(),
              payload.getEvent().getChannel());
          return context.ack();
        });
    app.start();
  }

  /** Whether these settings let Warden verify Slack's requests. */
  public static Availability availability(SlackSettings settings) {
    return settings.hasSigningSecret()
        ? Availability.enabled("/slack/events")
        : Availability.disabled("no warden.slack.signing-secret");
  }

  /**
   * The answer to one request.
   *
   * @param body the raw body, exactly as received (the signature covers these bytes)
   * @param headers the request's headers, any case
   * @param remoteAddress the client's address, for Bolt's request context
   */
  public Answer handle(byte[] body, Map<String, List<String>> headers, String remoteAddress) {
    SlackRequestParser.HttpRequest http =
        SlackRequestParser.HttpRequest.builder()
            .requestUri("/slack/events")
            .requestBody(new String(body, StandardCharsets.UTF_8))
            .headers(new RequestHeaders(headers))
            .remoteAddress(remoteAddress)
            .build();
    Response response;
    try {
      Request<?> request = parser.parse(http);
      if (request == null) {
        return new Answer(
            400, contentType("text/plain; charset=utf-8"), "not a request Slack sends");
      }
      response = app.run(request);
    } catch (Exception e) {
      // the body is not logged: it may hold the legacy verification token or user text
      log.error("slack request failed error={}", e.getClass().getSimpleName(), e);
      return new Answer(500, contentType("text/plain; charset=utf-8"), "internal error");
    }
    Map<String, List<String>> answerHeaders = new LinkedHashMap<>();
    if (response.getHeaders() != null) {
      answerHeaders.putAll(response.getHeaders());
    }
    if (response.getContentType() != null) {
      answerHeaders.put("Content-Type", List.of(response.getContentType()));
    }
    int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
    return new Answer(status, answerHeaders, response.getBody());
  }

  private static Response command(
      SlashCommandPayload payload, com.slack.api.bolt.context.builtin.SlashCommandContext context) {
    // the text is not logged: people paste all sorts into a command line
    log.info(
        "slack command={} known={} user={} channel={}",
        payload.getCommand(),
        SlashCommands.isKnown(payload.getText()),
        payload.getUserId(),
        payload.getChannelId());
    String answer = SlashCommands.answer(payload.getCommand(), payload.getText());
    return context.ack(reply -> reply.responseType("ephemeral").text(answer));
  }

  private static Map<String, List<String>> contentType(String value) {
    return Map.of("Content-Type", List.of(value));
  }

  @Override
  public void close() {
    app.stop();
    app.executorService().shutdown();
    try {
      slack.close();
    } catch (Exception e) {
      log.warn("slack client close failed error={}", e.getClass().getSimpleName());
    }
  }
}
