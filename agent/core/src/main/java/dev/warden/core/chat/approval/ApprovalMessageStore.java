package dev.warden.core.chat.approval;

import dev.warden.core.chat.MessageRef;
import java.util.Optional;

/**
 * Where the chat message of each approval request is, so that votes and decisions update the one
 * message that asked for them. Shared by every replica (the application keeps it in the database).
 */
public interface ApprovalMessageStore {

  /** The message of the request, or empty when none was remembered (yet). */
  Optional<MessageRef> find(String requestId);

  /**
   * Remembers the message of a request unless one is remembered already. Atomic across threads and
   * replicas: of several callers for the same request exactly one succeeds, so that one message
   * owns the request.
   *
   * @return whether this call remembered it; {@code false} when the request already had a message,
   *     which stays as it was
   */
  boolean remember(String requestId, MessageRef message);
}
