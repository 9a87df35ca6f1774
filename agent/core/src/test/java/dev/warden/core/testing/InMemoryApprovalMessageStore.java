package dev.warden.core.testing;

import dev.warden.core.chat.MessageRef;
import dev.warden.core.chat.approval.ApprovalMessageStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake {@link ApprovalMessageStore} in memory; the first message remembered for a request wins.
 */
public final class InMemoryApprovalMessageStore implements ApprovalMessageStore {
  private final Map<String, MessageRef> messages = new ConcurrentHashMap<>();

  @Override
  public Optional<MessageRef> find(String requestId) {
    return Optional.ofNullable(messages.get(requestId));
  }

  @Override
  public boolean remember(String requestId, MessageRef message) {
    return messages.putIfAbsent(requestId, message) == null;
  }
}
