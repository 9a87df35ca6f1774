package dev.warden.core.chat.alerts;

import dev.warden.core.chat.Mrkdwn;
import dev.warden.core.redact.Redactor;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Untrusted text (label values, annotations) made safe for the chat's light markup: secrets
 * redacted first, then the markup's control characters escaped ({@code &}, {@code <}, {@code >}, so
 * {@code <!channel>} or {@code <@U123>} never become mentions), then plain {@code @here}-style
 * words broken with an invisible space so they do not notify anyone, and the result shortened.
 */
final class Markup {
  private static final Redactor REDACTOR = Redactor.standard();

  private Markup() {}

  /** {@code text} redacted, escaped, mention-free and at most {@code max} characters. */
  static String safe(String text, int max) {
    return safe(text, max, false);
  }

  /** {@link #safe} on one line: line breaks and tabs become spaces. */
  static String inline(String text, int max) {
    return safe(text, max, true);
  }

  /** {@link #inline} for code spans: backticks, which would end the span, become quotes. */
  static String code(String text, int max) {
    return "`" + inline(text, max).replace('`', '\'') + "`";
  }

  private static String safe(String text, int max, boolean oneLine) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    // redacted first, on the text as it came: the redactor reads secrets by their surroundings
    String redacted = REDACTOR.redact(text).text();
    if (oneLine) {
      redacted = redacted.replaceAll("[\\r\\n\\t]+", " ");
    }
    return escape(shorten(redacted, max));
  }

  /** Labels as {@code `name=value`} code spans, sorted by name, each shortened. */
  static String labels(Map<String, String> labels, int maxValue) {
    return labels.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(entry -> code(entry.getKey() + "=" + entry.getValue(), maxValue))
        .collect(Collectors.joining(" "));
  }

  /**
   * A link to {@code url} labelled {@code label} (trusted), if the URL is an absolute http(s) URL
   * with a host and nothing the redactor would change; otherwise empty.
   */
  static Optional<String> link(String url, String label) {
    if (url == null || url.isBlank() || url.length() > 2000) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      return Optional.empty();
    }
    // URI accepts neither spaces nor < > | unencoded; a URL holding a secret is left out whole
    if (url.indexOf('|') >= 0 || !REDACTOR.redact(url).text().equals(url)) {
      return Optional.empty();
    }
    return Optional.of("<" + url.replace("&", "&amp;") + "|" + label + ">");
  }

  /** At most {@code max} characters, with an ellipsis when cut ({@link Mrkdwn#shorten}). */
  static String shorten(String text, int max) {
    return Mrkdwn.shorten(text, max);
  }

  private static String escape(String text) {
    return Mrkdwn.escape(text);
  }
}
