package dev.warden.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * What is to be appended: a type ({@code decision}, {@code approval.vote}, {@code execution}, ...),
 * a time and a canonical JSON body.
 *
 * @param type what happened
 * @param at when; stored at microsecond precision, which is what the hash covers
 * @param body canonical JSON (sorted keys, no whitespace) describing it
 */
public record AuditRecord(String type, Instant at, String body) {
  public AuditRecord {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(body, "body");
    if (!type.matches("[a-z][a-z.-]*")) {
      throw new IllegalArgumentException("audit type must be lower-case words and dots: " + type);
    }
  }
}
