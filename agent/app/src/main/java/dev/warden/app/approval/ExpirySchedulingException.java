package dev.warden.app.approval;

import java.time.Instant;
import java.util.Optional;

/** An expiry timer could not be stored or looked up in the job store. */
public class ExpirySchedulingException extends RuntimeException {
  private final String requestId;
  private final Instant at;

  ExpirySchedulingException(String requestId, Instant at, Throwable cause) {
    super(
        "could not "
            + (at == null ? "look up" : "schedule")
            + " the expiry of approval request "
            + requestId
            + (at == null ? "" : " at " + at)
            + ": "
            + cause.getMessage(),
        cause);
    this.requestId = requestId;
    this.at = at;
  }

  /** The request whose timer it was. */
  public String requestId() {
    return requestId;
  }

  /** When it was to fire, when scheduling failed. */
  public Optional<Instant> at() {
    return Optional.ofNullable(at);
  }
}
