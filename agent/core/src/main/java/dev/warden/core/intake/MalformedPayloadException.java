package dev.warden.core.intake;

import java.util.List;

/**
 * A delivery's body is not JSON, or not the shape its source sends. Carries every problem found,
 * each naming where in the body it is (a JSON path such as {@code $.alerts[0].fingerprint}).
 */
public class MalformedPayloadException extends RuntimeException {
  private final List<String> problems;

  public MalformedPayloadException(String message, List<String> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  public MalformedPayloadException(String message) {
    this(message, List.of());
  }

  /** The individual problems, possibly empty when the message says it all. */
  public List<String> problems() {
    return problems;
  }
}
