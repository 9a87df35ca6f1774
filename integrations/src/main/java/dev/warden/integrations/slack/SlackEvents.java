package dev.warden.integrations.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.warden.core.chat.ChatInteractions;
import dev.warden.core.integration.Availability;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * handler runs. Then:
 *
 * <ul>
 *   <li>{@code url_verification}: the challenge (Bolt);
 *   <li>slash commands, button clicks ({@code block_actions}) and {@code app_mention}: to the
 *       core's {@link ChatInteractions}, through {@link SlackHandlers} (commands answered in the
 *       request, clicks and mentions acknowledged at once and handled on a small pool);
 *   <li>other events: acknowledged.
 * </ul>
 *
 * <p>No bot token is needed to answer: Bolt's authorization middleware, which calls {@code
 * auth.test} at start, is left out on purpose; the handlers answer through {@code response_url}s,
 * and the core posts through its {@link dev.warden.core.chat.ChatSurface}.
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
  private final SlackHandlers handlers;
  private final SlackRequestParser parser;

  /**
   * Events verified with {@code settings.signingSecret()} against {@code clock}, handled by {@code
   * interactions}.
   *
   * @throws IllegalArgumentException when no signing secret is configured
   */
  public SlackEvents(SlackSettings settings, Clock clock, ChatInteractions interactions) {
    this(settings, clock, interactions, SlackHandlers.THREADS, SlackHandlers.QUEUE);
  }

  SlackEvents(
      SlackSettings settings, Clock clock, ChatInteractions interactions, int threads, int queue) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(interactions, "interactions");
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
    this.handlers = new SlackHandlers(interactions, slack, threads, queue);
    handlers.registerOn(app);
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

  private static Map<String, List<String>> contentType(String value) {
    return Map.of("Content-Type", List.of(value));
  }

  @Override
  public void close() {
    handlers.close();
    app.stop();
    app.executorService().shutdown();
    try {
      slack.close();
    } catch (Exception e) {
      log.warn("slack client close failed error={}", e.getClass().getSimpleName());
    }
  }
}
