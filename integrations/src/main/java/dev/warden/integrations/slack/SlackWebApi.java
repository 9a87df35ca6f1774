package dev.warden.integrations.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.warden.core.chat.ChatException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's Web API through Bolt's {@link MethodsClient}, paced and retried: every call first takes
 * its turn from a Resilience4j {@link RateLimiter} for its method (for {@code chat.postMessage},
 * for its method and channel) at the rate of {@link SlackLimits}, and a 429 is retried after the
 * {@code Retry-After} Slack asks for.
 *
 * <p>Bolt's synchronous client does not retry: a 429 reaches us as a {@link SlackApiException}.
 * (Its own rate limiter only serves the asynchronous client, which does not retry either.) A call
 * is retried up to {@link #MAX_RETRIES} times, as long as Slack asks for at most {@link
 * #MAX_RETRY_AFTER}; a longer wait fails at once with {@code ratelimited} rather than holding the
 * caller's thread. Every other failure becomes a {@link ChatException} with the method and Slack's
 * error code; the token is sent in a header only, and no message or log line here contains it.
 *
 * <p>The limiters reserve a turn and say how long to wait; the wait itself goes through {@link
 * Pause}, like the wait before a retry, so that tests move a fake clock instead of sleeping.
 */
final class SlackWebApi {
  private static final Logger log = LoggerFactory.getLogger(SlackWebApi.class);

  /** How often one call is retried after a 429. */
  static final int MAX_RETRIES = 3;

  /** The longest {@code Retry-After} waited for; longer ones fail the call. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

  /** How the client waits for its turn and before a retry. */
  @FunctionalInterface
  interface Pause {
    void pause(Duration duration) throws InterruptedException;

    /** Really waits. */
    Pause SLEEP = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
  }

  /** One Web API call of Bolt's client. */
  @FunctionalInterface
  interface Call<T extends SlackApiTextResponse> {
    T run(MethodsClient client) throws IOException, SlackApiException;
  }

  private final MethodsClient client;
  private final SlackLimits limits;
  private final Pause pause;
  private final Supplier<Long> nanoTime;
  // one per method, and per channel for chat.postMessage: as many as the channels Warden talks in
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

  /** The Web API at {@code settings.apiUrl()} with the bot token, waiting in real time. */
  SlackWebApi(SlackSettings settings) {
    this(settings, Pause.SLEEP, System::nanoTime);
  }

  SlackWebApi(SlackSettings settings, Pause pause, Supplier<Long> nanoTime) {
    Objects.requireNonNull(settings, "settings");
    if (!settings.hasBotToken()) {
      throw new IllegalArgumentException("Slack's Web API needs warden.slack.bot-token");
    }
    this.client = SlackSurface.slack(settings).methods(settings.botToken());
    this.limits = settings.limits();
    this.pause = Objects.requireNonNull(pause, "pause");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /**
   * Calls {@code method} when its limiter allows, retrying after a 429.
   *
   * @param scope what the method is limited per besides itself (the channel of {@code
   *     chat.postMessage}); {@code null} for the method as a whole
   * @throws ChatException when Slack refuses, cannot be reached, or the call would wait too long
   */
  <T extends SlackApiTextResponse> T call(String method, String scope, Call<T> call) {
    for (int attempt = 0; ; attempt++) {
      awaitTurn(method, scope);
      T response;
      try {
        response = call.run(client);
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

  private void awaitTurn(String method, String scope) {
    SlackLimits.Rate rate = limits.of(method);
    if (rate == null) {
      return;
    }
    String name = scope == null ? method : method + " " + scope;
    RateLimiter limiter = limiters.computeIfAbsent(name, key -> limiter(key, rate));
    long nanos = limiter.reservePermission();
    if (nanos < 0) {
      throw new ChatException(
          method,
          "ratelimited",
          "Warden calls it at most "
              + rate
              + (scope == null ? "" : " in " + scope)
              + " and waits at most "
              + limits.maxWait()
              + " for a turn",
          null);
    }
    if (nanos > 0) {
      waitFor(method, Duration.ofNanos(nanos));
    }
  }

  private RateLimiter limiter(String name, SlackLimits.Rate rate) {
    RateLimiterConfig config =
        RateLimiterConfig.custom()
            .limitForPeriod(rate.calls())
            .limitRefreshPeriod(rate.per())
            .timeoutDuration(limits.maxWait())
            .build();
    // the limiter's own class, for its clock: RateLimiter.of always reads System.nanoTime
    return new AtomicRateLimiter(name, config, nanoTime);
  }

  private void waitFor(String method, Duration wait) {
    try {
      pause.pause(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatException(method, "interrupted", "while waiting to call Slack", e);
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
}
