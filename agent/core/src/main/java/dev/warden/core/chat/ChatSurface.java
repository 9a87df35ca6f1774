package dev.warden.core.chat;

/**
 * Where Warden talks to people: a chat workspace with channels, threads and messages that can be
 * edited. Text handed to it must already have been through the redactor; the surface posts what it
 * is given.
 *
 * <p>Every call is synchronous and either returns what the chat service answered or throws {@link
 * ChatException} (the service refused, or could not be reached after the retries the adapter
 * makes). Implementations are safe to call from several threads.
 */
public interface ChatSurface {

  /**
   * Posts a message to a channel, or into a thread when {@code thread} is given.
   *
   * @param channel the channel id (or name, where the service accepts one)
   * @param thread the root message of the thread to reply in; {@code null} for a new root message
   * @param message what to post
   * @return where the new message is, for later updates and thread replies
   */
  MessageRef post(String channel, MessageRef thread, ChatMessage message);

  /**
   * Replaces a message Warden posted earlier with new content.
   *
   * @return the message's reference as the service confirms it
   */
  MessageRef update(MessageRef message, ChatMessage content);

  /**
   * Shows a message to one user only, in a channel (or a thread of it) they are in; nobody else
   * sees it and it cannot be updated later.
   *
   * @param channel the channel id
   * @param user the user id who sees it
   * @param thread the thread to show it in; {@code null} for the channel
   * @return the ephemeral message's channel and timestamp
   */
  MessageRef postEphemeral(String channel, String user, MessageRef thread, ChatMessage message);
}
