package dev.warden.core.llm;

import dev.warden.core.action.ActionJson;

/**
 * How untrusted content is framed for the model: between an opening and a closing line that carry
 * the same identifier, derived from the content itself. Content cannot close its own fence: to
 * forge the closing line it would have to contain the hash of a text that contains that hash. The
 * identifier is deterministic (and blind to runs of whitespace, as the response cache's key is), so
 * the same content gives the same prompt and the cache works.
 */
final class Fence {
  private Fence() {}

  /** The fenced block for one piece of content, with a note when part of it was left out. */
  static String wrap(Untrusted part, String text, String omission) {
    String normalised = collapseWhitespace(text);
    String id = ActionJson.sha256(part.channel() + "\n" + normalised).substring(0, 12);
    StringBuilder block = new StringBuilder(text.length() + 160);
    block
        .append("<<<DATA ")
        .append(id)
        .append(" channel=")
        .append(part.channel())
        .append(" label=\"")
        .append(part.label().replace('"', '\''))
        .append("\">>>\n")
        .append(text);
    if (!text.endsWith("\n")) {
      block.append('\n');
    }
    block.append("<<<END DATA ").append(id).append(">>>\n");
    if (!omission.isEmpty()) {
      block.append("(").append(omission).append(")\n");
    }
    return block.toString();
  }

  /** The text stripped, with every run of whitespace replaced by one space. */
  static String collapseWhitespace(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
