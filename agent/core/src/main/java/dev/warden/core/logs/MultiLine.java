package dev.warden.core.logs;

/**
 * Recognises the lines that continue a multi-line record rather than start one: the frames of a
 * Java stack trace ({@code \tat ...}, {@code ... 12 more}, {@code Caused by:}), of a Python
 * traceback ({@code File "...", line 3}) and of a Go panic (an indented source location, {@code
 * goroutine 7 [running]:}). Anything else starts a record.
 */
final class MultiLine {
  private MultiLine() {}

  static boolean continues(String line) {
    if (line.isEmpty()) {
      return false;
    }
    char first = line.charAt(0);
    if (first == ' ' || first == '\t') {
      String trimmed = line.strip();
      return trimmed.startsWith("at ")
          || trimmed.startsWith("... ")
          || trimmed.startsWith("File \"")
          || trimmed.startsWith("/")
          || trimmed.startsWith("Caused by:")
          || line.startsWith("    ");
    }
    return line.startsWith("Caused by: ")
        || line.startsWith("Traceback (most recent call last):")
        || line.startsWith("goroutine ");
  }
}
