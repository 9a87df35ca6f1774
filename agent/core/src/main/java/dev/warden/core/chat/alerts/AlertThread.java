package dev.warden.core.chat.alerts;

import dev.warden.core.chat.MessageRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The chat thread of one episode of an alert group: where its root message is, and what Warden
 * knows of the group. An episode ends when the group resolves; when the same group fires again
 * later (the sender deleted the resolved group and started a new one with the same key), the next
 * episode gets a thread of its own.
 *
 * @param id {@link AlertGroupId#threadId} of the group and episode
 * @param group the alert group
 * @param episode which episode, from 1
 * @param channel the channel its root message is (or is to be) posted in
 * @param root the root message; empty between the claim and the post
 * @param state what is known of the group
 * @param version incremented by every change of the state, for optimistic updates
 * @param claimedAt when the process posting the root message claimed the thread ({@link
 *     Instant#EPOCH} once it gave the claim up)
 */
public record AlertThread(
    String id,
    AlertGroupId group,
    int episode,
    String channel,
    Optional<MessageRef> root,
    AlertGroupState state,
    long version,
    Instant claimedAt) {
  public AlertThread {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(group, "group");
    if (episode < 1) {
      throw new IllegalArgumentException("episodes count from 1, was " + episode);
    }
    if (channel == null || channel.isBlank()) {
      throw new IllegalArgumentException("an alert thread needs a channel, not " + channel);
    }
    root = root == null ? Optional.empty() : root;
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(claimedAt, "claimedAt");
  }

  /** The same thread with another state, at the same version. */
  public AlertThread withState(AlertGroupState newState) {
    return new AlertThread(id, group, episode, channel, root, newState, version, claimedAt);
  }

  /** The thread as {@link AlertThreadStore#update} leaves it: the new state, the next version. */
  public AlertThread updated(AlertGroupState newState) {
    return new AlertThread(id, group, episode, channel, root, newState, version + 1, claimedAt);
  }
}
