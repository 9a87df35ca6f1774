package dev.warden.core.testing;

import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.ChatSurface;
import dev.warden.core.chat.MessageRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake {@link ChatSurface} that records every call in order and gives each posted message a new
 * timestamp ({@code 1000000000.000001}, {@code ...002}, ...). Safe to call from several threads.
 */
public final class RecordingChatSurface implements ChatSurface {

  /** What was called: {@code post}, {@code update} or {@code ephemeral}. */
  public enum Method {
    POST,
    UPDATE,
    EPHEMERAL
  }

  /**
   * One call.
   *
   * @param method which call
   * @param ref the message it made or changed (for an ephemeral message, its channel and a stamp)
   * @param thread the thread it was posted in, when it was a reply
   * @param user the user an ephemeral message was shown to
   * @param message what was sent
   */
  public record Call(
      Method method,
      MessageRef ref,
      Optional<MessageRef> thread,
      Optional<String> user,
      ChatMessage message) {}

  private final List<Call> calls = new ArrayList<>();
  private final AtomicLong stamps = new AtomicLong();

  @Override
  public MessageRef post(String channel, MessageRef thread, ChatMessage message) {
    MessageRef ref = new MessageRef(channel, nextStamp());
    record(new Call(Method.POST, ref, Optional.ofNullable(thread), Optional.empty(), message));
    return ref;
  }

  @Override
  public MessageRef update(MessageRef message, ChatMessage content) {
    record(new Call(Method.UPDATE, message, Optional.empty(), Optional.empty(), content));
    return message;
  }

  @Override
  public MessageRef postEphemeral(
      String channel, String user, MessageRef thread, ChatMessage message) {
    MessageRef ref = new MessageRef(channel, nextStamp());
    record(
        new Call(Method.EPHEMERAL, ref, Optional.ofNullable(thread), Optional.of(user), message));
    return ref;
  }

  /** Every call so far, in order. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The calls of one method, in order. */
  public synchronized List<Call> calls(Method method) {
    return calls.stream().filter(call -> call.method() == method).toList();
  }

  /** The root messages (posts outside any thread), in order. */
  public synchronized List<Call> roots() {
    return calls.stream()
        .filter(call -> call.method() == Method.POST && call.thread().isEmpty())
        .toList();
  }

  /** The replies in the thread of {@code root}, in order. */
  public synchronized List<Call> replies(MessageRef root) {
    return calls.stream()
        .filter(call -> call.method() == Method.POST && call.thread().equals(Optional.of(root)))
        .toList();
  }

  /** The content {@code message} shows now: its last update, or what was posted. */
  public synchronized Optional<ChatMessage> current(MessageRef message) {
    ChatMessage shown = null;
    for (Call call : calls) {
      if ((call.method() == Method.POST || call.method() == Method.UPDATE)
          && call.ref().equals(message)) {
        shown = call.message();
      }
    }
    return Optional.ofNullable(shown);
  }

  private synchronized void record(Call call) {
    calls.add(call);
  }

  private String nextStamp() {
    return String.format("1000000000.%06d", stamps.incrementAndGet());
  }
}
