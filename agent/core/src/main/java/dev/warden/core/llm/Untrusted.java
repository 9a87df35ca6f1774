package dev.warden.core.llm;

import java.util.Objects;

/**
 * Content from outside (log lines, a diff, PR or alert text, Kubernetes events) that goes to the
 * model as data, fenced, never as instructions.
 *
 * @param label what it is, for the model and for "left out" notes ({@code logs of api-7f9c})
 * @param channel where it came from ({@code log}, {@code diff}, {@code pr_body}, ...)
 * @param text the content itself
 * @param priority higher is kept first when the context is too small
 * @param keep which end survives when it must be cut; {@link Keep#WHOLE} is all or nothing
 */
public record Untrusted(String label, String channel, String text, int priority, Keep keep) {

  /** Which part of a text that does not fit is kept. */
  public enum Keep {
    /** The text is dropped whole rather than cut. */
    WHOLE,
    /** The first lines are kept (a diff: the files in order). */
    HEAD,
    /** The last lines are kept (a log: the newest lines). */
    TAIL
  }

  public Untrusted {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(keep, "keep");
    if (label.isBlank() || channel.isBlank()) {
      throw new IllegalArgumentException("untrusted content needs a label and a channel");
    }
  }
}
