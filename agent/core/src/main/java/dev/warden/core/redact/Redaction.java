package dev.warden.core.redact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of redacting a text: the text with placeholders, and, in memory only, what each
 * placeholder stands for. The same secret gets the same placeholder throughout one redaction.
 */
public final class Redaction {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[REDACTED:[a-z0-9-]+#\\d+]");

  private final String text;
  private final Map<String, String> originals;

  Redaction(String text, Map<String, String> originals) {
    this.text = text;
    this.originals = Collections.unmodifiableMap(new LinkedHashMap<>(originals));
  }

  /** The redacted text. */
  public String text() {
    return text;
  }

  /** How many distinct secrets were replaced. */
  public int count() {
    return originals.size();
  }

  /**
   * {@code text} (the redacted text, or a model's answer quoting its placeholders) with the
   * placeholders of this redaction replaced by the original values. Only for showing to a person
   * who may see them; never for logs.
   */
  public String restore(String text) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder restored = new StringBuilder(text.length());
    while (matcher.find()) {
      String original = originals.get(matcher.group());
      matcher.appendReplacement(
          restored, Matcher.quoteReplacement(original != null ? original : matcher.group()));
    }
    matcher.appendTail(restored);
    return restored.toString();
  }

  /** Says how many secrets were redacted, never what they were. */
  @Override
  public String toString() {
    return "Redaction[" + originals.size() + " secrets]";
  }
}
