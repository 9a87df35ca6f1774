package dev.warden.integrations.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of one {@code http.check} step, checked for shape only; whether the URL may be
 * reached is the executor's decision.
 *
 * @param url the URL to GET, absolute
 * @param expectStatus the status that counts as success; empty for any 2xx
 * @param retries how many times to try again after a failed attempt
 * @param interval how long to wait between attempts
 * @param tlsReport whether to report the server's leaf certificate
 */
record CheckRequest(
    URI url, OptionalInt expectStatus, int retries, Duration interval, boolean tlsReport) {

  /** The only value of the {@code report} parameter. */
  static final String TLS_CERTIFICATE = "tls-certificate";

  /** The wait between attempts when {@code retries} is given without {@code interval}. */
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

  /** The longest {@code interval}; also the most a check waits between attempts in total. */
  static final Duration MAX_TOTAL_WAIT = Duration.ofMinutes(5);

  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

  /**
   * Reads the step's parameters: {@code url}, {@code expect_status}, {@code retries}, {@code
   * interval} and {@code report}. Others are ignored (the runbook engine may add its own).
   *
   * @throws IllegalArgumentException naming the parameter that is missing or malformed; the message
   *     never repeats the URL, which may hold credentials
   */
  static CheckRequest from(Map<String, Object> parameters) {
    URI url = url(parameters.get("url"));
    OptionalInt expect = OptionalInt.empty();
    Object expected = parameters.get("expect_status");
    if (expected != null) {
      int status = integer(expected, "expect_status");
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException(
            "expect_status must be an HTTP status (100 to 599), not " + status);
      }
      expect = OptionalInt.of(status);
    }
    Object retriesValue = parameters.get("retries");
    int retries = retriesValue == null ? 0 : integer(retriesValue, "retries");
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative, not " + retries);
    }
    Object intervalValue = parameters.get("interval");
    Duration interval = intervalValue == null ? DEFAULT_INTERVAL : duration(intervalValue);
    Object report = parameters.get("report");
    boolean tls = false;
    if (report != null) {
      if (!TLS_CERTIFICATE.equals(report)) {
        throw new IllegalArgumentException(
            "report must be " + TLS_CERTIFICATE + ", not '" + report + "'");
      }
      if (!"https".equalsIgnoreCase(url.getScheme())) {
        throw new IllegalArgumentException("report " + TLS_CERTIFICATE + " needs an https url");
      }
      tls = true;
    }
    return new CheckRequest(url, expect, retries, interval, tls);
  }

  /**
   * The retries this check makes: as many as asked, but never so many that the waits between
   * attempts add up to more than {@link #MAX_TOTAL_WAIT}.
   */
  int cappedRetries() {
    long fit = MAX_TOTAL_WAIT.toMillis() / interval.toMillis();
    return (int) Math.min(retries, fit);
  }

  /** Whether a status counts as success. */
  boolean expected(int status) {
    return expectStatus.isPresent() ? status == expectStatus.getAsInt() : status / 100 == 2;
  }

  /** What the check expects, for a summary. */
  String expectation() {
    return expectStatus.isPresent() ? String.valueOf(expectStatus.getAsInt()) : "2xx";
  }

  private static URI url(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException("http.check needs a url");
    }
    URI url;
    try {
      url = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "url is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
    if (!url.isAbsolute() || url.isOpaque()) {
      throw new IllegalArgumentException("url must be absolute, like https://host/path");
    }
    return url;
  }

  private static int integer(Object value, String name) {
    if (value instanceof Long || value instanceof Integer) {
      long number = ((Number) value).longValue();
      if (number == (int) number) {
        return (int) number;
      }
    } else if (value instanceof String text && text.trim().matches("-?[0-9]{1,9}")) {
      return Integer.parseInt(text.trim());
    }
    throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
  }

  private static Duration duration(Object value) {
    Matcher parts =
        DURATION.matcher(value instanceof String text ? text.trim().toLowerCase(Locale.ROOT) : "");
    if (!parts.matches()) {
      throw new IllegalArgumentException(
          "interval must be a duration like 10ms, 30s, 2m or 1h, not '" + value + "'");
    }
    long amount = Long.parseLong(parts.group(1));
    Duration interval =
        switch (parts.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
    if (interval.isZero() || interval.compareTo(MAX_TOTAL_WAIT) > 0) {
      throw new IllegalArgumentException(
          "interval must be more than 0 and at most 5m, not '" + value + "'");
    }
    return interval;
  }
}
