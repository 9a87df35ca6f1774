package dev.warden.core.chat;

/**
 * What Warden does when people talk to it in chat: commands, button clicks and mentions. The chat
 * adapter verifies each request, calls this, and acknowledges; implementations must be safe to call
 * from several threads.
 */
public interface ChatInteractions {

  /**
   * Answers a command. Called while the chat service waits for the acknowledgement, so it must
   * return at once (well under a second): anything slow continues on another thread and answers
   * through {@code later}.
   *
   * @return what the person sees at once, only them
   */
  ChatMessage command(CommandRequest request, Responder later);

  /**
   * Acts on a click. Called after the click was acknowledged, off the request thread: it may take
   * its time.
   */
  void clicked(ButtonClick click, Responder later);

  /** Answers a mention, in its thread. Called after the event was acknowledged. */
  void mentioned(Mention mention);

  /** Knows no commands and ignores clicks and mentions. */
  ChatInteractions NONE =
      new ChatInteractions() {
        @Override
        public ChatMessage command(CommandRequest request, Responder later) {
          return ChatMessage.text("Warden has no chat commands configured.");
        }

        @Override
        public void clicked(ButtonClick click, Responder later) {}

        @Override
        public void mentioned(Mention mention) {}
      };
}
