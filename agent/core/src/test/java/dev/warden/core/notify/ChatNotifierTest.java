package dev.warden.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.chat.ChatException;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.ChatSurface;
import dev.warden.core.chat.MessageRef;
import dev.warden.core.testing.RecordingChatSurface;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatNotifierTest {
  private static final MessageRef ROOT = new MessageRef("C0ALERTS", "1700000000.000100");

  private final RecordingChatSurface surface = new RecordingChatSurface();
  private final ChatNotifier notifier =
      new ChatNotifier(
          surface,
          runId -> Optional.ofNullable(Map.of("run-with-alert", ROOT).get(runId)),
          Optional.of("C0DEFAULT"));

  @Test
  void aRunOfAnAlertGroupNotifiesInThatGroupsThread() {
    String where = notifier.notify("restarted shop/api", "run-with-alert");

    assertThat(surface.roots()).isEmpty();
    assertThat(surface.replies(ROOT))
        .singleElement()
        .satisfies(call -> assertThat(call.message().text()).isEqualTo("restarted shop/api"));
    assertThat(where).contains("C0ALERTS");
  }

  @Test
  void anyOtherRunNotifiesTheDefaultChannel() {
    String where = notifier.notify("drained node-7", "run-by-hand");

    assertThat(surface.roots())
        .singleElement()
        .satisfies(call -> assertThat(call.ref().channel()).isEqualTo("C0DEFAULT"));
    assertThat(where).isEqualTo("C0DEFAULT");
  }

  @Test
  void withNowhereToPostTheStepFailsInsteadOfPretending() {
    ChatNotifier nowhere = new ChatNotifier(surface, runId -> Optional.empty(), Optional.empty());

    assertThatThrownBy(() -> nowhere.notify("hello", "r1"))
        .hasMessageContaining("warden.slack.default-channel");
    assertThat(surface.calls()).isEmpty();
  }

  @Test
  void aChatFailureReachesTheStep() {
    ChatSurface down =
        new ChatSurface() {
          @Override
          public MessageRef post(String channel, MessageRef thread, ChatMessage message) {
            throw new ChatException("chat.postMessage", "not_in_channel", null, null);
          }

          @Override
          public MessageRef update(MessageRef message, ChatMessage content) {
            throw new UnsupportedOperationException();
          }

          @Override
          public MessageRef postEphemeral(
              String channel, String user, MessageRef thread, ChatMessage message) {
            throw new UnsupportedOperationException();
          }
        };

    assertThatThrownBy(
            () ->
                new ChatNotifier(down, runId -> Optional.empty(), Optional.of("C0DEFAULT"))
                    .notify("hello", "r1"))
        .isInstanceOf(ChatException.class)
        .hasMessageContaining("not_in_channel");
  }
}
