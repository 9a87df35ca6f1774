package dev.warden.core.chat;

import java.util.List;

/**
 * A message's content: the plain text every message carries (the notification and the fallback
 * where blocks cannot be shown) and, optionally, its layout as blocks.
 *
 * @param text the text; never blank
 * @param blocks the layout, in order; empty for a text-only message
 */
public record ChatMessage(String text, List<Block> blocks) {

  public ChatMessage {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a chat message needs a text, not " + text);
    }
    blocks = blocks == null ? List.of() : List.copyOf(blocks);
  }

  /** A text-only message. */
  public static ChatMessage text(String text) {
    return new ChatMessage(text, List.of());
  }
}
