package dev.warden.core.notify;

import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.ChatSurface;
import dev.warden.core.chat.MessageRef;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends a runbook's {@code notify} steps to chat: into the thread of the alert group the run
 * belongs to when there is one, otherwise to the default channel. A chat failure propagates, so the
 * step fails and says why; with no thread and no channel the step fails too, rather than report a
 * message nobody got.
 */
public final class ChatNotifier implements Notifier {
  private final ChatSurface surface;
  private final Function<String, Optional<MessageRef>> threadOfRun;
  private final Optional<String> defaultChannel;

  /**
   * @param threadOfRun the root message of the alert thread a run belongs to, by run id
   * @param defaultChannel where the notifications of other runs go
   */
  public ChatNotifier(
      ChatSurface surface,
      Function<String, Optional<MessageRef>> threadOfRun,
      Optional<String> defaultChannel) {
    this.surface = Objects.requireNonNull(surface, "surface");
    this.threadOfRun = Objects.requireNonNull(threadOfRun, "threadOfRun");
    this.defaultChannel = Objects.requireNonNull(defaultChannel, "defaultChannel");
  }

  @Override
  public String notify(String text, String runId) {
    Optional<MessageRef> thread =
        runId == null || runId.isBlank() ? Optional.empty() : threadOfRun.apply(runId);
    if (thread.isPresent()) {
      MessageRef posted =
          surface.post(thread.get().channel(), thread.get(), ChatMessage.text(text));
      return "thread of " + posted.channel() + " " + thread.get().ts();
    }
    String channel =
        defaultChannel.orElseThrow(
            () ->
                new IllegalStateException(
                    "no chat channel for this run: set warden.slack.default-channel"));
    MessageRef posted = surface.post(channel, null, ChatMessage.text(text));
    return posted.channel();
  }
}
