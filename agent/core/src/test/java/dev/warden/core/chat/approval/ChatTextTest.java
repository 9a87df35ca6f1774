package dev.warden.core.chat.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.redact.Redactor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting safe markup to the chat's limits without breaking it. */
class ChatTextTest {
  private final ChatText text = new ChatText(Redactor.standard());

  @Test
  void shortensWithAnEllipsisAndNeverInsideAnEscapeOrASurrogatePair() {
    assertThat(ChatText.shorten("abcdef", 6)).isEqualTo("abcdef");
    assertThat(ChatText.shorten("abcdef", 4)).isEqualTo("abc…");
    assertThat(ChatText.shorten("ab&amp;cd", 5)).isEqualTo("ab…");
    assertThat(ChatText.shorten("ab&amp;cd", 8)).isEqualTo("ab&amp;…");
    assertThat(ChatText.shorten("ab😀cd", 4)).isEqualTo("ab…");
    assertThat(ChatText.shorten("abc", 0)).isEmpty();
  }

  @Test
  void cutsLongTextIntoPiecesAtLineEndsAndKeepsEveryCharacter() {
    String safe = "line one\nline two\nline three\n";

    List<String> pieces = ChatText.pieces(safe, 12, 10);

    assertThat(pieces).containsExactly("line one\n", "line two\n", "line three\n");
    assertThat(String.join("", ChatText.pieces("x".repeat(100), 30, 10))).hasSize(100);
    assertThat(ChatText.pieces("x".repeat(100), 30, 2))
        .hasSize(2)
        .last()
        .satisfies(last -> assertThat(last).endsWith("…").hasSizeLessThanOrEqualTo(30));
  }

  @Test
  void mentionsOnlyWellFormedIds() {
    assertThat(text.user("U024BE7LH")).isEqualTo("<@U024BE7LH>");
    assertThat(text.user("<!channel>")).isEqualTo("`&lt;!channel&gt;`");
    assertThat(text.approver("slack-group:S0123ABCD")).isEqualTo("<!subteam^S0123ABCD>");
    assertThat(text.approver("slack-group:S1|x>")).isEqualTo("`slack-group:S1|x&gt;`");
    assertThat(text.approver("github-team:acme/sre")).isEqualTo("GitHub team `acme/sre`");
  }

  @Test
  void aCodeSpanIsOneLineThatNoBacktickCloses() {
    assertThat(text.code("a`b\nc", 40)).isEqualTo("`aˋb ⏎ c`");
  }
}
