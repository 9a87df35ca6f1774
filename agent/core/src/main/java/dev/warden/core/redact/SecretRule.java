package dev.warden.core.redact;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kind of secret: a pattern, the group of it that is the secret itself (the rest is context
 * that stays, such as {@code password=}), and a cheap literal that must occur in the text for the
 * match to be near (the pattern is tried only around the anchors' occurrences).
 *
 * @param name names the placeholder ({@code [REDACTED:github-token#1]})
 * @param pattern what to look for
 * @param group the group holding the secret (0 for the whole match)
 * @param anchors literals of which every match contains one, within 64 characters of its start
 */
record SecretRule(String name, Pattern pattern, int group, List<String> anchors) {
  SecretRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pattern, "pattern");
    anchors = List.copyOf(anchors);
    if (anchors.isEmpty()) {
      throw new IllegalArgumentException("rule " + name + " needs at least one anchor");
    }
  }

  static SecretRule of(String name, String regex, int group, String... anchors) {
    return new SecretRule(name, Pattern.compile(regex), group, List.of(anchors));
  }
}
