package dev.warden.core.approval;

import java.time.Instant;

/**
 * Durable timers for request expiry: at {@code at}, the application calls {@link
 * dev.warden.core.gate.ActionGate#expire(String)}, even after a restart. Whether or not the timer
 * fires on time, a vote after the TTL is refused.
 */
public interface ExpiryScheduler {
  /** Arranges for the request to be expired at {@code at}; scheduling twice is harmless. */
  void schedule(String requestId, Instant at);

  /** A scheduler that schedules nothing: the TTL is enforced only when someone votes. */
  ExpiryScheduler NONE = (requestId, at) -> {};
}
