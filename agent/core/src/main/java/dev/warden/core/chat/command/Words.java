package dev.warden.core.chat.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The words of a command's text: split at whitespace, except inside double quotes ({@code deny
 * 1f0e... "not now"}; curly quotes, which chat clients type for straight ones, count too), quotes
 * removed. Single quotes are ordinary characters, so that {@code it's} needs no quoting. The chat
 * service's escapes of {@code &}, {@code <} and {@code >} are undone first: words are what the
 * person typed, and are escaped again wherever they are shown.
 */
final class Words {
  private Words() {}

  /** The words, or empty when a quote is not closed. */
  static Optional<List<String>> split(String text) {
    String typed = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (int i = 0; i < typed.length(); i++) {
      char c = typed.charAt(i);
      if (c == '"' || c == '“' || c == '”') {
        quoted = !quoted;
        inWord = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quoted) {
      return Optional.empty();
    }
    if (inWord) {
      words.add(word.toString());
    }
    return Optional.of(words);
  }
}
