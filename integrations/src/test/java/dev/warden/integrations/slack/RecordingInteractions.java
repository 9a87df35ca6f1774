package dev.warden.integrations.slack;

import dev.warden.core.chat.ButtonClick;
import dev.warden.core.chat.ChatInteractions;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.CommandRequest;
import dev.warden.core.chat.Mention;
import dev.warden.core.chat.Responder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;

/**
 * {@link ChatInteractions} that records what the adapter hands over, answers commands with a fixed
 * message, and can hold clicks until a test lets them go.
 */
final class RecordingInteractions implements ChatInteractions {
  final List<CommandRequest> commands = new CopyOnWriteArrayList<>();
  final List<ButtonClick> clicks = new CopyOnWriteArrayList<>();
  final List<Mention> mentions = new CopyOnWriteArrayList<>();
  final List<String> threads = new CopyOnWriteArrayList<>();
  private final ChatMessage reply;
  private volatile BiConsumer<CommandRequest, Responder> onCommand = (request, later) -> {};
  private volatile BiConsumer<ButtonClick, Responder> onClick = (click, later) -> {};
  private volatile CountDownLatch clickGate = new CountDownLatch(0);

  RecordingInteractions(ChatMessage reply) {
    this.reply = reply;
  }

  /** What each command does besides answering (answer later through the responder, say). */
  RecordingInteractions onCommand(BiConsumer<CommandRequest, Responder> action) {
    this.onCommand = action;
    return this;
  }

  /** What each click does after it was recorded (answer through the responder, say). */
  RecordingInteractions onClick(BiConsumer<ButtonClick, Responder> action) {
    this.onClick = action;
    return this;
  }

  /** Holds every click until {@code gate} opens. */
  RecordingInteractions holdClicksUntil(CountDownLatch gate) {
    this.clickGate = gate;
    return this;
  }

  @Override
  public ChatMessage command(CommandRequest request, Responder later) {
    commands.add(request);
    threads.add(Thread.currentThread().getName());
    onCommand.accept(request, later);
    return reply;
  }

  @Override
  public void clicked(ButtonClick click, Responder later) {
    clicks.add(click);
    threads.add(Thread.currentThread().getName());
    try {
      clickGate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    onClick.accept(click, later);
  }

  @Override
  public void mentioned(Mention mention) {
    mentions.add(mention);
    threads.add(Thread.currentThread().getName());
  }
}
