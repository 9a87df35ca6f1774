package dev.warden.core.chat.command;

import java.util.Objects;
import java.util.Optional;

/** What a command answers: a text at once, or work that answers later. */
sealed interface Answer {

  /** An ephemeral answer at once; {@code text} is in chat markup, its outside values escaped. */
  record Now(String text) implements Answer {
    public Now {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Work for the executor, acknowledged at once with "Working on it…".
   *
   * @param what the command, for "failed: ..." when the work throws (in chat markup)
   * @param work the work; its reply, if any, goes through the responder
   */
  record Later(String what, Work work) implements Answer {
    public Later {
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(work, "work");
    }
  }

  /** The slow part of a command. */
  @FunctionalInterface
  interface Work {
    /** Does the work; empty when it answered in some other way (a message it posted). */
    Optional<Reply> run();
  }

  /** A later answer: to the person only, or to the channel. */
  record Reply(boolean inChannel, String text) {
    public Reply {
      Objects.requireNonNull(text, "text");
    }

    static Optional<Reply> ephemeral(String text) {
      return Optional.of(new Reply(false, text));
    }

    static Optional<Reply> inChannel(String text) {
      return Optional.of(new Reply(true, text));
    }
  }

  static Answer now(String text) {
    return new Now(text);
  }

  static Answer later(String what, Work work) {
    return new Later(what, work);
  }
}
