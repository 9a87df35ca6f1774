package dev.warden.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.testing.RecordingChatSurface;
import dev.warden.core.testing.RecordingChatSurface.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatDeskTest {
  private final RecordingChatSurface surface = new RecordingChatSurface();
  private final List<CommandRequest> commands = new ArrayList<>();
  private final List<ButtonClick> approvals = new ArrayList<>();
  private final ChatDesk desk =
      new ChatDesk(
          (request, later) -> {
            commands.add(request);
            later.inChannel(ChatMessage.text("later: " + request.text()));
            return ChatMessage.text("now: " + request.text());
          },
          Map.of(ChatActions.APPROVE, (click, later) -> approvals.add(click)),
          surface);

  @Test
  void aClickGoesToTheHandlerOfItsActionId() {
    ButtonClick click = new ButtonClick(ChatActions.APPROVE, "req-1", "U1", "C1", Optional.empty());

    desk.clicked(click, Responder.NONE);

    assertThat(approvals).containsExactly(click);
  }

  @Test
  void aClickOnAButtonNobodyHandlesIsAnsweredOnlyToTheClicker() {
    List<ChatMessage> ephemeral = new ArrayList<>();
    Responder later =
        new Responder() {
          @Override
          public void ephemeral(ChatMessage message) {
            ephemeral.add(message);
          }

          @Override
          public void inChannel(ChatMessage message) {
            throw new AssertionError("nothing goes to the channel");
          }
        };

    desk.clicked(new ButtonClick("old.button", "x", "U1", "C1", Optional.empty()), later);

    assertThat(approvals).isEmpty();
    assertThat(ephemeral).singleElement().extracting(ChatMessage::text).asString().isNotBlank();
  }

  @Test
  void aMentionRunsAsACommandAndIsAnsweredInItsThread() {
    MessageRef mention = new MessageRef("C1", "1700000000.000200");
    MessageRef thread = new MessageRef("C1", "1700000000.000100");

    desk.mentioned(new Mention("U1", "C1", "status", mention, Optional.of(thread)));

    assertThat(commands)
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.text()).isEqualTo("status");
              assertThat(request.userId()).isEqualTo("U1");
            });
    assertThat(surface.replies(thread))
        .extracting(call -> call.message().text())
        .containsExactly("later: status", "now: status");
    assertThat(surface.roots()).isEmpty();
    assertThat(surface.calls(Method.EPHEMERAL)).isEmpty();
  }

  @Test
  void aMentionOutsideAThreadStartsOneUnderTheMention() {
    MessageRef mention = new MessageRef("C1", "1700000000.000300");

    desk.mentioned(new Mention("U1", "C1", "help", mention, Optional.empty()));

    assertThat(surface.replies(mention)).hasSize(2);
  }
}
