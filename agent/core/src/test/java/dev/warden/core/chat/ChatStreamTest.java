package dev.warden.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.testing.MutableClock;
import dev.warden.core.testing.RecordingChatSurface;
import dev.warden.core.testing.RecordingChatSurface.Call;
import dev.warden.core.testing.RecordingChatSurface.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class ChatStreamTest {
  private static final String SECRET = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final RecordingChatSurface surface = new RecordingChatSurface();

  private ChatStream.Builder stream() {
    return ChatStream.posting(surface, "C0OPS", null).clock(clock);
  }

  @Test
  void aHundredTokensOverThreeSecondsAreAtMostFourUpdatesAndTheFinalText() {
    ChatStream stream = stream().build();
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      String token = "word" + i + " ";
      all.append(token);
      assertThat(stream.onToken(token)).isTrue();
      clock.advance(Duration.ofMillis(30));
    }
    MessageRef message = stream.finish(all.toString().strip());

    List<Call> calls = surface.calls();
    assertThat(calls.get(0).method()).isEqualTo(Method.POST);
    assertThat(calls).hasSizeLessThanOrEqualTo(5).hasSizeGreaterThanOrEqualTo(3);
    assertThat(calls.subList(1, calls.size())).allMatch(call -> call.method() == Method.UPDATE);
    assertThat(calls).allMatch(call -> call.ref().equals(message));
    // the partial texts grow, and the last call shows the final text, without the ellipsis
    assertThat(calls.get(1).message().text()).startsWith("word0 word1").endsWith(" …");
    assertThat(surface.current(message).orElseThrow().text()).isEqualTo(all.toString().strip());
  }

  @Test
  void theFinalTextReplacesThePartialOneEvenWithinTheInterval() {
    ChatStream stream = stream().build();
    stream.onToken("The pod ");
    stream.onToken("ran out of ");
    clock.advance(Duration.ofMillis(200));

    MessageRef message = stream.finish("The pod ran out of memory.");

    assertThat(surface.calls())
        .extracting(Call::method, call -> call.message().text())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Method.POST, "The pod …"),
            org.assertj.core.groups.Tuple.tuple(Method.UPDATE, "The pod ran out of memory."));
    assertThat(surface.current(message).orElseThrow().text())
        .isEqualTo("The pod ran out of memory.");
  }

  @Test
  void aDiscardResetsTheTextSoFar() {
    ChatStream stream = stream().build();
    stream.onToken("first attempt that failed ");
    stream.onDiscard("the model timed out");
    clock.advance(Duration.ofSeconds(1));
    stream.onToken("second ");
    clock.advance(Duration.ofSeconds(1));
    stream.onToken("attempt ");

    List<Call> calls = surface.calls();
    assertThat(calls.get(0).message().text()).isEqualTo("first attempt that failed …");
    assertThat(calls.get(calls.size() - 1).message().text()).isEqualTo("second attempt …");
    assertThat(calls)
        .noneMatch(
            call -> call.method() == Method.UPDATE && call.message().text().contains("first"));
  }

  @Test
  void everyTextSentIsRedactedAndAWordIsShownOnlyWhenComplete() {
    ChatStream stream = stream().interval(Duration.ZERO).build();
    stream.onToken("the token is ");
    stream.onToken(SECRET.substring(0, 10));
    stream.onToken(SECRET.substring(10));
    stream.onToken(" in the log ");
    stream.finish("the token is " + SECRET + " in the log");

    assertThat(surface.calls()).isNotEmpty();
    for (Call call : surface.calls()) {
      assertThat(call.message().text()).doesNotContain(SECRET).doesNotContain("ghp_A1b2");
    }
    assertThat(surface.calls().get(surface.calls().size() - 1).message().text())
        .contains("[REDACTED:");
  }

  @Test
  void theModelsThreadOnlyHandsUpdatesToTheExecutorAndNoPartialTextFollowsTheFinalOne() {
    Deque<Runnable> queued = new ArrayDeque<>();
    Executor later = queued::add;
    ChatStream stream = stream().executor(later).build();

    stream.onToken("Checking ");
    assertThat(surface.calls()).isEmpty();
    assertThat(queued).hasSize(1);
    queued.poll().run();
    assertThat(surface.calls())
        .singleElement()
        .satisfies(c -> assertThat(c.method()).isEqualTo(Method.POST));

    clock.advance(Duration.ofSeconds(2));
    stream.onToken("the pod ");
    assertThat(queued).hasSize(1);
    stream.finish("Checking the pod: done.");
    queued.poll().run();

    assertThat(surface.calls())
        .extracting(call -> call.message().text())
        .containsExactly("Checking …", "Checking the pod: done.");
  }

  @Test
  void aStreamIntoAnExistingMessageUpdatesIt() {
    MessageRef existing = surface.post("C0OPS", null, ChatMessage.text("Thinking …"));
    ChatStream stream = ChatStream.updating(surface, existing).clock(clock).build();

    stream.onToken("Found it ");
    stream.finish("Found it.");

    assertThat(surface.calls(Method.POST)).hasSize(1);
    assertThat(surface.calls(Method.UPDATE)).allMatch(call -> call.ref().equals(existing));
    assertThat(surface.current(existing).orElseThrow().text()).isEqualTo("Found it.");
  }

  @Test
  void aFailedUpdateNeverReachesTheModelAndTheFinalTextStillArrives() {
    FailingOnce failing = new FailingOnce(surface);
    ChatStream stream = ChatStream.posting(failing, "C0OPS", null).clock(clock).build();

    assertThat(stream.onToken("partial ")).isTrue();
    MessageRef message = stream.finish("complete");

    assertThat(surface.current(message).orElseThrow().text()).isEqualTo("complete");
  }

  /** Refuses the first post, as a rate-limited service would. */
  private static final class FailingOnce implements ChatSurface {
    private final ChatSurface delegate;
    private boolean failed;

    FailingOnce(ChatSurface delegate) {
      this.delegate = delegate;
    }

    @Override
    public MessageRef post(String channel, MessageRef thread, ChatMessage message) {
      if (!failed) {
        failed = true;
        throw new ChatException("chat.postMessage", "ratelimited", null, null);
      }
      return delegate.post(channel, thread, message);
    }

    @Override
    public MessageRef update(MessageRef message, ChatMessage content) {
      return delegate.update(message, content);
    }

    @Override
    public MessageRef postEphemeral(
        String channel, String user, MessageRef thread, ChatMessage message) {
      return delegate.postEphemeral(channel, user, thread, message);
    }
  }
}
