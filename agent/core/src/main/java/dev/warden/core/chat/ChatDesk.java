package dev.warden.core.chat;

import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each chat interaction to whoever handles it: commands to the command set, a click to the
 * handler of its button's action id ({@link ChatActions}), and a mention to the command set as if
 * it were typed, answered in the mention's thread where the channel can see it.
 */
public final class ChatDesk implements ChatInteractions {
  private static final Logger log = LoggerFactory.getLogger(ChatDesk.class);

  /** Answers commands; see {@link ChatInteractions#command}. */
  @FunctionalInterface
  public interface Commands {
    ChatMessage handle(CommandRequest request, Responder later);
  }

  /** Acts on the clicks of one kind of button. */
  @FunctionalInterface
  public interface ClickHandler {
    void clicked(ButtonClick click, Responder later);
  }

  private final Commands commands;
  private final Map<String, ClickHandler> clicks;
  private final ChatSurface surface;

  /**
   * @param commands the command set
   * @param clicks the click handlers by button action id
   * @param surface where mentions are answered
   */
  public ChatDesk(Commands commands, Map<String, ClickHandler> clicks, ChatSurface surface) {
    this.commands = Objects.requireNonNull(commands, "commands");
    this.clicks = Map.copyOf(clicks);
    this.surface = Objects.requireNonNull(surface, "surface");
  }

  @Override
  public ChatMessage command(CommandRequest request, Responder later) {
    return commands.handle(request, later);
  }

  @Override
  public void clicked(ButtonClick click, Responder later) {
    ClickHandler handler = clicks.get(click.actionId());
    if (handler == null) {
      log.info("chat click ignored action_id={} user={}", click.actionId(), click.userId());
      later.ephemeral(ChatMessage.text("Warden does not know this button any more."));
      return;
    }
    handler.clicked(click, later);
  }

  @Override
  public void mentioned(Mention mention) {
    MessageRef thread = mention.replyThread();
    Responder inThread =
        new Responder() {
          @Override
          public void ephemeral(ChatMessage message) {
            surface.postEphemeral(mention.channelId(), mention.userId(), thread, message);
          }

          @Override
          public void inChannel(ChatMessage message) {
            surface.post(mention.channelId(), thread, message);
          }
        };
    ChatMessage answer =
        commands.handle(
            new CommandRequest("@warden", mention.text(), mention.userId(), mention.channelId()),
            inThread);
    surface.post(mention.channelId(), thread, answer);
  }
}
