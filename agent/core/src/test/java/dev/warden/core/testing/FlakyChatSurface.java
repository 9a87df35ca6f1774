package dev.warden.core.testing;

import dev.warden.core.chat.ChatException;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.ChatSurface;
import dev.warden.core.chat.MessageRef;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chat surface that fails the next few root posts, updates or replies with a {@link
 * ChatException} (as Slack does when it cannot be reached) and passes everything else to a {@link
 * RecordingChatSurface}. Failed calls are not recorded. Safe to call from several threads.
 */
public final class FlakyChatSurface implements ChatSurface {
  private final RecordingChatSurface recorded;
  private final AtomicInteger rootPostsToFail = new AtomicInteger();
  private final AtomicInteger updatesToFail = new AtomicInteger();
  private final AtomicInteger repliesToFail = new AtomicInteger();

  public FlakyChatSurface(RecordingChatSurface recorded) {
    this.recorded = recorded;
  }

  /** Fails the next {@code count} posts of root messages. */
  public FlakyChatSurface failRootPosts(int count) {
    rootPostsToFail.set(count);
    return this;
  }

  /** Fails the next {@code count} updates. */
  public FlakyChatSurface failUpdates(int count) {
    updatesToFail.set(count);
    return this;
  }

  /** Fails the next {@code count} thread replies. */
  public FlakyChatSurface failReplies(int count) {
    repliesToFail.set(count);
    return this;
  }

  @Override
  public MessageRef post(String channel, MessageRef thread, ChatMessage message) {
    if (takeOne(thread == null ? rootPostsToFail : repliesToFail)) {
      throw new ChatException("chat.postMessage", "io_error", "connection reset", null);
    }
    return recorded.post(channel, thread, message);
  }

  @Override
  public MessageRef update(MessageRef message, ChatMessage content) {
    if (takeOne(updatesToFail)) {
      throw new ChatException("chat.update", "ratelimited", null, null);
    }
    return recorded.update(message, content);
  }

  @Override
  public MessageRef postEphemeral(
      String channel, String user, MessageRef thread, ChatMessage message) {
    return recorded.postEphemeral(channel, user, thread, message);
  }

  private static boolean takeOne(AtomicInteger counter) {
    return counter.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
  }
}
