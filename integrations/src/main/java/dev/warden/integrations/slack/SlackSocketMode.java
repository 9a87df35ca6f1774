package dev.warden.integrations.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.warden.core.chat.ChatInteractions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's Socket Mode, for teams whose Warden has no public URL: Warden opens a WebSocket to Slack
 * ({@code apps.connections.open} with the app-level token, at {@link SlackSettings#apiUrl()}) and
 * receives the same commands, clicks and mentions as {@code /slack/events}, handled by the same
 * {@link SlackHandlers}, and acknowledges each envelope on the socket. Bolt's {@link SocketModeApp}
 * runs the connection on the Java-WebSocket backend and reconnects on its own once connected. No
 * signing secret is involved: the socket itself is authenticated by the app token.
 *
 * <p>The first connection is made in the background: when Slack cannot be reached or refuses the
 * token, that is logged with Slack's error code, shown by {@link #status()}, and tried again after
 * a pause, so that Warden starts either way.
 */
public final class SlackSocketMode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);

  /** The pause between attempts to connect for the first time. */
  static final Duration RETRY = Duration.ofSeconds(30);

  private static final Pattern ERROR = Pattern.compile("error: ([a-z_]+)");

  private final Slack slack;
  private final App app;
  private final SlackHandlers handlers;
  private final SocketModeApp socketMode;
  private final ScheduledExecutorService connector;
  private final Duration retry;
  private volatile String status = "connecting";
  private volatile boolean started;

  private SlackSocketMode(SlackSettings settings, ChatInteractions interactions, Duration retry) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(interactions, "interactions");
    if (!settings.hasAppToken()) {
      throw new IllegalArgumentException("Socket Mode needs warden.slack.app-token");
    }
    this.retry = Objects.requireNonNull(retry, "retry");
    this.slack = SlackSurface.slack(settings);
    AppConfig config =
        AppConfig.builder().singleTeamBotToken(null).allEventsApiAutoAckEnabled(true).build();
    // no middleware: Socket Mode requests are not signed, and no handler calls the Web API
    this.app = new App(config, slack, List.of());
    this.handlers = new SlackHandlers(interactions, slack);
    handlers.registerOn(app);
    try {
      this.socketMode =
          new SocketModeApp(settings.appToken(), app, SocketModeClient.Backend.JavaWebSocket);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Socket Mode could not be set up", e);
    }
    this.connector =
        Executors.newSingleThreadScheduledExecutor(
            work -> {
              Thread thread = new Thread(work, "slack-socket-mode-connect");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts connecting to Slack in the background with {@code settings.appToken()}; commands, clicks
   * and mentions go to {@code interactions}.
   *
   * @throws IllegalArgumentException when no app token is configured
   */
  public static SlackSocketMode start(SlackSettings settings, ChatInteractions interactions) {
    return start(settings, interactions, RETRY);
  }

  static SlackSocketMode start(
      SlackSettings settings, ChatInteractions interactions, Duration retry) {
    SlackSocketMode socketMode = new SlackSocketMode(settings, interactions, retry);
    socketMode.connector.execute(socketMode::connect);
    return socketMode;
  }

  private void connect() {
    try {
      socketMode.startAsync();
      started = true;
      status = "on; Bolt reconnects when the socket drops";
      log.info("slack socket_mode started=true");
    } catch (Exception e) {
      String error = errorOf(e);
      status = "not connected (" + error + "), retrying every " + retry.toSeconds() + "s";
      log.warn("slack socket_mode started=false error={}", error);
      connector.schedule(this::connect, retry.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Slack's error code when Slack refused ({@code invalid_auth}), else the kind of failure. Bolt's
   * messages carry the code and the HTTP status, never the token; only the code is kept.
   */
  private static String errorOf(Exception e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    Matcher code = ERROR.matcher(message);
    if (code.find()) {
      return code.group(1);
    }
    // Bolt's client factory logs an unreachable Slack and returns no client
    return e instanceof NullPointerException ? "io_error" : e.getClass().getSimpleName();
  }

  /** Whether the socket is set up, or why not yet; for the health endpoint. */
  public String status() {
    return status;
  }

  /** Whether the first connection was made. */
  public boolean isStarted() {
    return started;
  }

  /** Disconnects and stops the handlers. */
  @Override
  public void close() {
    connector.shutdownNow();
    SocketModeClient client = socketMode.getClient();
    try {
      socketMode.close();
      if (client != null) {
        // SocketModeApp leaves the client's own threads running
        client.close();
      }
    } catch (Exception e) {
      log.warn("slack socket_mode close failed error={}", e.getClass().getSimpleName());
    }
    handlers.close();
    app.executorService().shutdown();
    try {
      slack.close();
    } catch (Exception e) {
      log.warn("slack client close failed error={}", e.getClass().getSimpleName());
    }
  }
}
