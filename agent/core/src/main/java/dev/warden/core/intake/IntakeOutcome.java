package dev.warden.core.intake;

import java.util.List;

/** What became of a delivery. Each outcome maps to one HTTP answer in the application. */
public sealed interface IntakeOutcome {

  /** Stored for the first time; will be processed. */
  record Accepted(long inboxId, String dedupKey, String type) implements IntakeOutcome {}

  /** Authentic, but already stored under the same key: nothing new happens. */
  record Duplicate(long inboxId, String dedupKey) implements IntakeOutcome {}

  /** A connectivity test, answered and not stored. */
  record Pong(String reply) implements IntakeOutcome {}

  /** The source is not configured; nothing was read. The reason says what to configure. */
  record Unavailable(String reason) implements IntakeOutcome {}

  /** Bad or missing signature or credential; nothing stored. */
  record Unauthenticated(String reason) implements IntakeOutcome {}

  /** Authentic but not JSON or not the source's shape; nothing stored. */
  record Malformed(String detail, List<String> problems) implements IntakeOutcome {}
}
