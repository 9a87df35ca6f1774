package dev.warden.core.runbook;

import dev.warden.core.policy.Glob;
import java.util.Objects;
import java.util.regex.Pattern;

/** How a runbook matches one alert label: an exact value, a glob or a regular expression. */
public sealed interface LabelMatcher {
  /** Whether the label's value (null when the alert lacks the label) matches. */
  boolean matches(String value);

  /** The label's value must be exactly this. */
  record Exact(String value) implements LabelMatcher {
    public Exact {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean matches(String actual) {
      return value.equals(actual);
    }

    @Override
    public String toString() {
      return "\"" + value + "\"";
    }
  }

  /** The label's value must match this glob ({@code *} any run, {@code ?} one character). */
  record GlobMatcher(String pattern) implements LabelMatcher {
    public GlobMatcher {
      Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public boolean matches(String actual) {
      return actual != null && Glob.of(pattern).matches(actual);
    }

    @Override
    public String toString() {
      return "glob(\"" + pattern + "\")";
    }
  }

  /** The whole of the label's value must match this regular expression. */
  record Regex(Pattern pattern) implements LabelMatcher {
    public Regex {
      Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public boolean matches(String actual) {
      return actual != null && pattern.matcher(actual).matches();
    }

    @Override
    public String toString() {
      return "regex(\"" + pattern.pattern() + "\")";
    }
  }
}
