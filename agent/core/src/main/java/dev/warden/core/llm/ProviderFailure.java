package dev.warden.core.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed model call, read from the provider's error.
 *
 * @param kind what went wrong
 * @param status the HTTP status, or 0 when there was none (I/O error, timeout)
 * @param retryAfter how long the provider asked to wait ({@code Retry-After}), if it said
 * @param message a short description without any prompt text or credential
 */
public record ProviderFailure(
    Kind kind, int status, Optional<Duration> retryAfter, String message) {

  /** The classes of failure that decide retrying. */
  public enum Kind {
    /** 429: retried after {@code Retry-After} or backoff. */
    RATE_LIMITED(true),
    /** 5xx, including 529 (overloaded): retried with backoff. */
    SERVER_ERROR(true),
    /** No answer in time, or the connection failed: retried with backoff. */
    TIMEOUT(true),
    /** The stream ended before the model finished: retried with backoff. */
    CUT(true),
    /** Any other 4xx (bad request, bad key, unknown model): never retried. */
    CLIENT_ERROR(false);

    private final boolean transientFailure;

    Kind(boolean transientFailure) {
      this.transientFailure = transientFailure;
    }

    /** Whether another attempt may succeed. */
    public boolean retryable() {
      return transientFailure;
    }
  }

  public ProviderFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(message, "message");
  }

  /** The HTTP status read as a kind: 429, 408 and 5xx are transient, other 4xx are not. */
  public static ProviderFailure ofStatus(
      int status, Optional<Duration> retryAfter, String message) {
    Kind kind;
    if (status == 429) {
      kind = Kind.RATE_LIMITED;
    } else if (status == 408) {
      kind = Kind.TIMEOUT;
    } else if (status >= 500) {
      kind = Kind.SERVER_ERROR;
    } else {
      kind = Kind.CLIENT_ERROR;
    }
    return new ProviderFailure(kind, status, retryAfter, message);
  }

  /** Parses a {@code Retry-After} header: delay-seconds (possibly fractional) or an HTTP date. */
  public static Optional<Duration> parseRetryAfter(String value, java.time.Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String trimmed = value.trim();
    try {
      double seconds = Double.parseDouble(trimmed);
      return seconds < 0
          ? Optional.empty()
          : Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        java.time.ZonedDateTime at =
            java.time.ZonedDateTime.parse(
                trimmed, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (java.time.format.DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
