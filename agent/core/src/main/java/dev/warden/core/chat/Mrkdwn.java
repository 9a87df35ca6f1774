package dev.warden.core.chat;

import java.util.regex.Pattern;

/**
 * Text from outside (labels, parameters, logs, what people typed, a model's words) made safe for
 * the chat's markup, which every message's text is written in. One place, so that every message
 * defuses the same things: the redactor runs before it, and what it returns can be placed in markup
 * as plain text.
 */
public final class Mrkdwn {
  /** An {@code @} that starts a word: what a chat service may read as a mention. */
  private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}._%+-])@(?=\\S)");

  private static final char ZERO_WIDTH_SPACE = '\u200B';

  private Mrkdwn() {}

  /**
   * {@code &}, {@code <} and {@code >} escaped as the markup needs them, so that nothing becomes a
   * link, a user or channel mention or a special mention ({@code <!channel>}); and an {@code @}
   * that starts a word followed by a zero-width space, so that {@code @here} or {@code @channel} is
   * read, not broadcast.
   */
  public static String escape(String text) {
    String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return MENTION.matcher(escaped).replaceAll("@" + ZERO_WIDTH_SPACE);
  }

  /**
   * At most {@code max} characters, ending in an ellipsis when cut; never cut inside a surrogate
   * pair or an escape ({@code &amp;}).
   */
  public static String shorten(String text, int max) {
    if (max < 1) {
      return "";
    }
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    int amp = end > 0 ? text.lastIndexOf('&', end - 1) : -1;
    int semicolon = amp >= 0 ? text.indexOf(';', amp) : -1;
    if (amp >= 0 && (semicolon < 0 || semicolon >= end)) {
      end = amp;
    }
    return text.substring(0, end) + "…";
  }
}
