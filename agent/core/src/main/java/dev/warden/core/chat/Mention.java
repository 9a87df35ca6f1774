package dev.warden.core.chat;

import java.util.Objects;
import java.util.Optional;

/**
 * A person mentioned Warden in a channel ({@code @warden status}).
 *
 * @param userId who
 * @param channelId where
 * @param text the message's text without the mention itself; untrusted
 * @param message the message that mentions Warden
 * @param thread the thread the message is in, if it is a reply
 */
public record Mention(
    String userId, String channelId, String text, MessageRef message, Optional<MessageRef> thread) {
  public Mention {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(channelId, "channelId");
    text = text == null ? "" : text;
    Objects.requireNonNull(message, "message");
    thread = thread == null ? Optional.empty() : thread;
  }

  /** Where an answer goes: the thread the mention is in, or a new thread under the mention. */
  public MessageRef replyThread() {
    return thread.orElse(message);
  }
}
