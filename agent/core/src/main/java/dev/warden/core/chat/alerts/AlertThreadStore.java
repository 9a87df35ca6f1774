package dev.warden.core.chat.alerts;

import dev.warden.core.chat.MessageRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where alert threads live. Every change is atomic across threads and replicas: of several callers
 * claiming the same thread exactly one wins, and a state is replaced only by a caller that read the
 * version it expects.
 *
 * <p>The protocol that keeps a group to one root message: whoever finds no thread claims one
 * ({@link #claim}); the winner posts the root message and {@link #attach}es it; a loser that finds
 * the thread without a root yet tries again later. A winner whose post fails {@link #release}s the
 * claim, so that the next attempt can take it over at once; a claim whose winner died is taken over
 * once it is older than the caller's lease.
 */
public interface AlertThreadStore {

  /** The thread with that id, or empty. */
  Optional<AlertThread> find(String id);

  /** The group's thread of its latest episode, or empty if the group has none. */
  Optional<AlertThread> latest(AlertGroupId group);

  /**
   * Stores {@code thread} (without a root, at version 0) if no thread has its id; or takes over a
   * thread with that id that has no root and was claimed before {@code staleBefore}, replacing its
   * channel, state and claim time (and incrementing its version).
   *
   * @return the stored thread if this call holds the claim now; empty if another caller does
   */
  Optional<AlertThread> claim(AlertThread thread, Instant staleBefore);

  /**
   * Gives up the claim made at {@code claimedAt} on a thread that still has no root, so that the
   * next caller takes it over at once. Does nothing if the thread has a root or another claim.
   */
  void release(String id, Instant claimedAt);

  /**
   * Records the thread's root message, if it has none yet.
   *
   * @return whether this call recorded it
   */
  boolean attach(String id, MessageRef root);

  /**
   * Replaces the thread's state if its version is {@code expectedVersion}, incrementing the
   * version.
   *
   * @return whether this call replaced it
   */
  boolean update(String id, long expectedVersion, AlertGroupState state);

  /**
   * Records that the inbox event with that id was a notification of the thread's group. The first
   * link of an event stays.
   */
  void linkEvent(String threadId, String eventId);

  /** The thread of the group whose notification the inbox event with that id was. */
  Optional<String> threadOfEvent(String eventId);

  /**
   * Records that the run with that id was started for one of the thread's alerts; the first stays.
   */
  void linkRun(String threadId, String runId);

  /** The thread the run with that id was started for. */
  Optional<String> threadOfRun(String runId);

  /** The threads with a root message whose group fires, oldest claim first. */
  List<AlertThread> open();
}
