package dev.warden.integrations.llm;

import dev.warden.core.llm.LlmProvider;
import dev.warden.core.llm.ProviderFailure;
import dev.warden.core.llm.ProviderFailure.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import okhttp3.Interceptor;
import org.springframework.ai.chat.model.ChatModel;

/**
 * What the three Spring AI adapters share: one chat model per connect timeout, and the reading of
 * failures, first from an HTTP answer the SDK carries (status, {@code Retry-After}, an error event
 * in the stream), then from an I/O error after the answer had begun (a cut), then from the I/O
 * error or timeout underneath (no answer).
 *
 * <p>Failure messages name the provider, the status and the exception class only: SDK messages and
 * bodies can quote the request, and the request is the prompt.
 */
abstract class SpringAiProvider implements LlmProvider {
  private final ProviderSettings settings;
  private final Clock clock;
  private final Map<Duration, ChatModel> models = new ConcurrentHashMap<>();

  SpringAiProvider(ProviderSettings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return settings.name();
  }

  final ProviderSettings settings() {
    return settings;
  }

  @Override
  public final ChatModel chatModel(Duration connectTimeout) {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
    }
    return models.computeIfAbsent(connectTimeout, this::newChatModel);
  }

  /** Builds the model whose HTTP client gives up connecting after {@code connectTimeout}. */
  abstract ChatModel newChatModel(Duration connectTimeout);

  /** The failure an error of this SDK that carries an HTTP answer means, if it is one. */
  abstract Optional<ProviderFailure> fromAnswer(Throwable error);

  @Override
  public final Optional<ProviderFailure> classify(Throwable error) {
    if (error == null) {
      return Optional.empty();
    }
    List<Throwable> chain = causes(error);
    for (Throwable t : chain) {
      Optional<ProviderFailure> answered = fromAnswer(t);
      if (answered.isPresent()) {
        return answered;
      }
    }
    for (Throwable t : chain) {
      if (brokeMidStream(t)) {
        return Optional.of(
            new ProviderFailure(
                Kind.CUT,
                0,
                Optional.empty(),
                name() + ": the stream broke (" + innermost(t).getClass().getSimpleName() + ")"));
      }
    }
    for (Throwable t : chain) {
      if (t instanceof TimeoutException
          || t instanceof IOException
          || t instanceof UncheckedIOException) {
        return Optional.of(noAnswer(t));
      }
    }
    for (Throwable t : chain) {
      if (isTransportError(t)) {
        return Optional.of(noAnswer(t));
      }
    }
    return Optional.empty();
  }

  private ProviderFailure noAnswer(Throwable cause) {
    return new ProviderFailure(
        Kind.TIMEOUT,
        0,
        Optional.empty(),
        name() + ": no answer (" + cause.getClass().getSimpleName() + ")");
  }

  /**
   * Whether the error is an I/O failure after the answer had begun (status 200, part of the body
   * read): a cut stream rather than no answer. Override per SDK.
   */
  boolean brokeMidStream(Throwable error) {
    return false;
  }

  /** An SDK's own wrapper of an I/O failure whose cause was lost; override per SDK. */
  boolean isTransportError(Throwable error) {
    return false;
  }

  /** A failure read from an HTTP status and the response's headers. */
  final ProviderFailure ofStatus(int status, Function<String, String> header, String what) {
    return ProviderFailure.ofStatus(
        status, retryAfter(header), name() + ": HTTP " + status + " (" + what + ")");
  }

  /**
   * A failure the server reported inside a stream that began with 200: the HTTP status says
   * nothing, so the error type decides, and the status is 0.
   */
  final ProviderFailure ofStreamError(String errorType, String what) {
    String type = errorType == null ? "" : errorType;
    Kind kind;
    if (type.contains("rate_limit")) {
      kind = Kind.RATE_LIMITED;
    } else if (type.contains("invalid_request")
        || type.contains("authentication")
        || type.contains("permission")
        || type.contains("not_found")
        || type.contains("billing")) {
      kind = Kind.CLIENT_ERROR;
    } else {
      kind = Kind.SERVER_ERROR;
    }
    String label = type.isEmpty() ? "" : " " + type.replaceAll("[^a-z_]", "");
    return new ProviderFailure(
        kind, 0, Optional.empty(), name() + ": error event in stream" + label + " (" + what + ")");
  }

  /** The first value of a header, or null: the SDKs give headers as lists. */
  static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * {@code retry-after-ms} (OpenAI's and Anthropic's precise form) wins over {@code Retry-After}
   * (seconds or an HTTP date).
   */
  final Optional<Duration> retryAfter(Function<String, String> header) {
    String millis = header.apply("retry-after-ms");
    if (millis != null && !millis.isBlank()) {
      try {
        double value = Double.parseDouble(millis.trim());
        if (value >= 0 && !Double.isInfinite(value)) {
          return Optional.of(Duration.ofMillis((long) Math.ceil(value)));
        }
      } catch (NumberFormatException ignored) {
        // fall back to Retry-After
      }
    }
    return ProviderFailure.parseRetryAfter(header.apply("retry-after"), clock);
  }

  /**
   * Makes OkHttp give up connecting after {@code timeout}. A client-level connect timeout is not
   * enough for the OpenAI and Anthropic SDKs: they rebuild the OkHttp client for every call from
   * their own per-request {@code Timeout}, whose connect part defaults to a minute. An application
   * interceptor sets the connect timeout of the chain itself, after that.
   */
  static Interceptor connectTimeout(Duration timeout) {
    long millis = Math.max(1, timeout.toMillis());
    return chain ->
        chain
            .withConnectTimeout((int) Math.min(millis, Integer.MAX_VALUE), TimeUnit.MILLISECONDS)
            .proceed(chain.request());
  }

  private static Throwable innermost(Throwable error) {
    List<Throwable> chain = causes(error);
    return chain.get(chain.size() - 1);
  }

  private static List<Throwable> causes(Throwable error) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
      for (Throwable suppressed : t.getSuppressed()) {
        if (seen.add(suppressed)) {
          chain.add(suppressed);
        }
      }
    }
    return chain;
  }
}
