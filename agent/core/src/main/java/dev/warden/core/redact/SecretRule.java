package dev.warden.core.redact;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kind of secret: a pattern, the group of it that is the secret itself (the rest is context
 * that stays, such as {@code password=}), and a cheap literal that must occur in the text for the
 * pattern to be worth running.
 *
 * @param name names the placeholder ({@code [REDACTED:github-token#1]})
 * @param pattern what to look for
 * @param group the group holding the secret (0 for the whole match)
 * @param anchor a literal the text must contain, or empty to always run the pattern
 */
record SecretRule(String name, Pattern pattern, int group, String anchor) {
  SecretRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(anchor, "anchor");
  }

  static SecretRule of(String name, String regex, int group, String anchor) {
    return new SecretRule(name, Pattern.compile(regex), group, anchor);
  }
}
