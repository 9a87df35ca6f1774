package dev.warden.core.chat.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {
  @Test
  void splitsAtWhitespaceExceptInsideDoubleQuotes() {
    assertThat(Words.split("  deny 1f \"not now\"  ")).hasValue(List.of("deny", "1f", "not now"));
    assertThat(Words.split("runbook plan x \"summary=a b\" c=d"))
        .hasValue(List.of("runbook", "plan", "x", "summary=a b", "c=d"));
    assertThat(Words.split("k=\"a b\"c")).hasValue(List.of("k=a bc"));
    assertThat(Words.split("deny x \"\"")).hasValue(List.of("deny", "x", ""));
    assertThat(Words.split("")).hasValue(List.of());
  }

  @Test
  void curlyQuotesCountAndApostrophesDoNot() {
    assertThat(Words.split("deny x “it’s friday”")).hasValue(List.of("deny", "x", "it’s friday"));
    assertThat(Words.split("deny x it's friday")).hasValue(List.of("deny", "x", "it's", "friday"));
  }

  @Test
  void anUnclosedQuoteIsNoWords() {
    assertThat(Words.split("deny x \"not now")).isEmpty();
  }

  @Test
  void theChatServicesEscapesAreUndone() {
    assertThat(Words.split("&lt;!channel&gt; a&amp;b &amp;lt;"))
        .hasValue(List.of("<!channel>", "a&b", "&lt;"));
  }
}
