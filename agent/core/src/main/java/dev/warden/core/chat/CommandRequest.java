package dev.warden.core.chat;

import java.util.Objects;

/**
 * A person typed a command ({@code /warden runbook plan oom-kill namespace=shop}).
 *
 * @param command the command's name as the team registered it ({@code /warden})
 * @param text what followed the name, as typed; untrusted
 * @param userId who typed it (the chat user id)
 * @param channelId where
 */
public record CommandRequest(String command, String text, String userId, String channelId) {
  public CommandRequest {
    command = command == null || command.isBlank() ? "/warden" : command.trim();
    text = text == null ? "" : text;
    Objects.requireNonNull(userId, "userId");
    channelId = channelId == null ? "" : channelId;
  }
}
