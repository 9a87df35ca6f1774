package dev.warden.app.runbook;

import java.time.Instant;
import java.util.Optional;

/** A run's timer could not be stored or looked up in the job store. */
public class RunSchedulingException extends RuntimeException {
  private final String runId;
  private final Instant at;

  RunSchedulingException(String runId, Instant at, Throwable cause) {
    super(
        "could not "
            + (at == null ? "look up" : "schedule")
            + " the timer of runbook run "
            + runId
            + (at == null ? "" : " at " + at)
            + ": "
            + cause.getMessage(),
        cause);
    this.runId = runId;
    this.at = at;
  }

  /** The run whose timer it was. */
  public String runId() {
    return runId;
  }

  /** When it was to fire, when scheduling failed. */
  public Optional<Instant> at() {
    return Optional.ofNullable(at);
  }
}
