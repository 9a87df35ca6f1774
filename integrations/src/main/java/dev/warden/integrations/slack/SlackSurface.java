package dev.warden.integrations.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import dev.warden.core.chat.ChatException;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.ChatSurface;
import dev.warden.core.chat.MessageRef;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ChatSurface} on Slack's Web API ({@code chat.postMessage}, {@code chat.update}, {@code
 * chat.postEphemeral}) through Bolt's {@link MethodsClient}, at {@link SlackSettings#apiUrl()}.
 *
 * <p>Bolt's synchronous client does not retry: a 429 reaches us as a {@link SlackApiException}.
 * (Its client-side rate limiter only serves the asynchronous client, which does not retry either.)
 * So a rate-limited call is retried here, after the {@code Retry-After} seconds Slack asks for, up
 * to {@link #MAX_RETRIES} times, as long as the wait is at most {@link #MAX_RETRY_AFTER}; a longer
 * wait fails at once with {@code ratelimited} rather than holding the caller's thread. Every other
 * failure becomes a {@link ChatException} with the method and Slack's error code; the token is sent
 * in a header only, and no message or log line here contains it.
 */
public final class SlackSurface implements ChatSurface {
  private static final Logger log = LoggerFactory.getLogger(SlackSurface.class);

  /** How often one call is retried after a 429. */
  static final int MAX_RETRIES = 3;

  /** The longest {@code Retry-After} waited for; longer ones fail the call. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

  /** Connect, read and whole-call timeout of one HTTP request to the Web API. */
  private static final int TIMEOUT_MILLIS = 10_000;

  /** How the surface waits before a retry; tests record the waits instead of sleeping. */
  @FunctionalInterface
  interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  private final MethodsClient client;
  private final Pause pause;

  /** A surface on the Web API at {@code settings.apiUrl()}, with the bot token. */
  public SlackSurface(SlackSettings settings) {
    this(settings, duration -> Thread.sleep(duration.toMillis()));
  }

  SlackSurface(SlackSettings settings, Pause pause) {
    Objects.requireNonNull(settings, "settings");
    if (!settings.hasBotToken()) {
      throw new IllegalArgumentException("a Slack surface needs warden.slack.bot-token");
    }
    this.client = slack(settings).methods(settings.botToken());
    this.pause = Objects.requireNonNull(pause, "pause");
  }

  /** A Bolt client for the configured URL; no stats (they would call auth.test on their own). */
  static Slack slack(SlackSettings settings) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(settings.apiUrl());
    config.setStatsEnabled(false);
    config.setHttpClientReadTimeoutMillis(TIMEOUT_MILLIS);
    config.setHttpClientWriteTimeoutMillis(TIMEOUT_MILLIS);
    config.setHttpClientCallTimeoutMillis(TIMEOUT_MILLIS);
    return Slack.getInstance(config);
  }

  @Override
  public MessageRef post(String channel, MessageRef thread, ChatMessage message) {
    requireChannel(channel);
    Objects.requireNonNull(message, "message");
    ChatPostMessageResponse response =
        call(
            "chat.postMessage",
            () ->
                client.chatPostMessage(
                    request ->
                        request
                            .channel(channel)
                            .threadTs(thread == null ? null : thread.ts())
                            .text(message.text())
                            .blocks(SlackBlocks.of(message))));
    return new MessageRef(response.getChannel(), response.getTs());
  }

  @Override
  public MessageRef update(MessageRef message, ChatMessage content) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(content, "content");
    ChatUpdateResponse response =
        call(
            "chat.update",
            () ->
                client.chatUpdate(
                    request ->
                        request
                            .channel(message.channel())
                            .ts(message.ts())
                            .text(content.text())
                            .blocks(SlackBlocks.of(content))));
    return new MessageRef(response.getChannel(), response.getTs());
  }

  @Override
  public MessageRef postEphemeral(
      String channel, String user, MessageRef thread, ChatMessage message) {
    requireChannel(channel);
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("an ephemeral message needs a user, not " + user);
    }
    Objects.requireNonNull(message, "message");
    ChatPostEphemeralResponse response =
        call(
            "chat.postEphemeral",
            () ->
                client.chatPostEphemeral(
                    request ->
                        request
                            .channel(channel)
                            .user(user)
                            .threadTs(thread == null ? null : thread.ts())
                            .text(message.text())
                            .blocks(SlackBlocks.of(message))));
    String where = response.getChannel() != null ? response.getChannel() : channel;
    return new MessageRef(where, response.getMessageTs());
  }

  /** One Web API call of Bolt's client. */
  @FunctionalInterface
  private interface Call<T extends SlackApiTextResponse> {
    T run() throws IOException, SlackApiException;
  }

  private <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
    for (int attempt = 0; ; attempt++) {
      T response;
      try {
        response = call.run();
      } catch (SlackApiException e) {
        int status = e.getResponse().code();
        if (status != 429) {
          String error = e.getError() != null ? e.getError().getError() : null;
          throw new ChatException(
              method, error != null ? error : "http_" + status, "HTTP " + status, null);
        }
        Duration wait = retryAfter(e.getResponse().header("Retry-After"));
        if (attempt >= MAX_RETRIES || wait.compareTo(MAX_RETRY_AFTER) > 0) {
          throw new ChatException(
              method,
              "ratelimited",
              "Slack asked to wait " + wait.toSeconds() + "s after " + (attempt + 1) + " attempts",
              null);
        }
        log.info("slack method={} ratelimited retry_after_s={}", method, wait.toSeconds());
        waitFor(method, wait);
        continue;
      } catch (IOException e) {
        throw new ChatException(method, "io_error", e.getClass().getSimpleName(), e);
      }
      if (!response.isOk()) {
        throw new ChatException(method, response.getError(), null, null);
      }
      return response;
    }
  }

  private void waitFor(String method, Duration wait) {
    try {
      pause.pause(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatException(method, "interrupted", "while waiting to retry", e);
    }
  }

  /** Slack's {@code Retry-After} in seconds; one second when it is missing or unreadable. */
  static Duration retryAfter(String header) {
    if (header != null) {
      try {
        long seconds = Long.parseLong(header.trim());
        if (seconds >= 0) {
          return Duration.ofSeconds(seconds);
        }
      } catch (NumberFormatException unreadable) {
        // falls through to the default
      }
    }
    return Duration.ofSeconds(1);
  }

  private static void requireChannel(String channel) {
    if (channel == null || channel.isBlank()) {
      throw new IllegalArgumentException("a Slack message needs a channel, not " + channel);
    }
  }
}
