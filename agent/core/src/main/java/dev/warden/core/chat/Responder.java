package dev.warden.core.chat;

/**
 * Answers one person after their command or click was acknowledged: Slack's {@code response_url},
 * which accepts a few answers within half an hour. Used for anything that takes longer than the
 * acknowledgement may (Slack allows 3 seconds).
 */
public interface Responder {

  /** Shows {@code message} to the person who asked only. */
  void ephemeral(ChatMessage message);

  /** Shows {@code message} to everyone in the channel the person asked in. */
  void inChannel(ChatMessage message);

  /** Answers nobody: for callers that have no way back to the person. */
  Responder NONE =
      new Responder() {
        @Override
        public void ephemeral(ChatMessage message) {}

        @Override
        public void inChannel(ChatMessage message) {}
      };
}
