package dev.warden.core.inbox;

/** Where an inbox entry is in its life. */
public enum State {
  /** Stored, not yet picked up. */
  PENDING,
  /** Claimed by a worker, whose lease on it runs until a deadline. */
  PROCESSING,
  /** Failed at least once; will be tried again at its next attempt time. */
  RETRYING,
  /** Processed; never run again. */
  DONE,
  /** Failed on every allowed attempt; kept for a person to look at and requeue. */
  DEAD
}
