package dev.warden.core.redact;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kind of secret: a pattern, the group of it that is the secret itself (the rest is context
 * that stays, such as {@code password=}), how sure a match is, and literals that every match is
 * near (the pattern is tried only around the anchors' occurrences).
 *
 * @param name names the placeholder ({@code [REDACTED:github-token#1]})
 * @param pattern what to look for
 * @param group the group holding the secret (0 for the whole match)
 * @param certainty how exactly a match bounds the secret
 * @param reach how far after an anchor a match may end
 * @param anchors literals of which every match contains one, within 64 characters of its start
 */
record SecretRule(
    String name, Pattern pattern, int group, Certainty certainty, int reach, List<String> anchors) {
  /** How far after its anchor a match of most rules may end. */
  static final int DEFAULT_REACH = 16_384;

  SecretRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(certainty, "certainty");
    anchors = List.copyOf(anchors);
    if (anchors.isEmpty()) {
      throw new IllegalArgumentException("rule " + name + " needs at least one anchor");
    }
  }

  /** A secret with a shape of its own (a token prefix, a PEM block). */
  static SecretRule shaped(String name, String regex, int group, String... anchors) {
    return new SecretRule(
        name, Pattern.compile(regex), group, Certainty.SHAPED, DEFAULT_REACH, List.of(anchors));
  }

  /** A secret found by where it stands (a header, a command-line flag). */
  static SecretRule placed(String name, String regex, int group, String... anchors) {
    return new SecretRule(
        name, Pattern.compile(regex), group, Certainty.PLACED, DEFAULT_REACH, List.of(anchors));
  }

  /** This rule with matches that may run to the end of the text (a long private key). */
  SecretRule reachingToTheEnd() {
    return new SecretRule(name, pattern, group, certainty, Integer.MAX_VALUE, anchors);
  }
}
