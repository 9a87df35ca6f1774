package dev.warden.core.definition;

import java.util.Objects;

/**
 * One thing wrong (or worth a warning) in a definition file, at a place in it.
 *
 * @param file the file as it was given (relative paths stay relative)
 * @param line 1-based line
 * @param column 1-based column
 * @param severity whether it makes the file unusable
 * @param message what is wrong, for people; no trailing period
 */
public record Problem(String file, int line, int column, Severity severity, String message) {
  /** Whether a problem makes the definition unusable. */
  public enum Severity {
    /** The definition cannot be used. */
    ERROR,
    /** The definition can be used, but probably does not do what its author meant. */
    WARNING
  }

  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException(
          "line and column are 1-based, not " + line + ":" + column + " (" + message + ")");
    }
  }

  /** An error at a place in a file. */
  public static Problem error(String file, Location location, String message) {
    return new Problem(file, location.line(), location.column(), Severity.ERROR, message);
  }

  /** A warning at a place in a file. */
  public static Problem warning(String file, Location location, String message) {
    return new Problem(file, location.line(), location.column(), Severity.WARNING, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public Location location() {
    return new Location(line, column);
  }

  /** {@code file:line:column: message}, with {@code warning: } before a warning's message. */
  @Override
  public String toString() {
    return file
        + ":"
        + line
        + ":"
        + column
        + ": "
        + (severity == Severity.WARNING ? "warning: " : "")
        + message;
  }
}
