package dev.warden.core.chat;

import java.util.Objects;
import java.util.Optional;

/**
 * A person clicked a button of a message Warden posted. The value is what the button carried (an
 * approval request id): an identifier to look up and check, never a thing to trust.
 *
 * @param actionId the button's action id ({@link ChatActions})
 * @param value the button's value
 * @param userId who clicked (the chat user id, as the chat service vouches for it)
 * @param channelId the channel of the message
 * @param message the message the button is on, when the service says
 */
public record ButtonClick(
    String actionId, String value, String userId, String channelId, Optional<MessageRef> message) {
  public ButtonClick {
    Objects.requireNonNull(actionId, "actionId");
    value = value == null ? "" : value;
    Objects.requireNonNull(userId, "userId");
    channelId = channelId == null ? "" : channelId;
    message = message == null ? Optional.empty() : message;
  }
}
