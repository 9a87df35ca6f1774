package dev.warden.core.chat.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.redact.Redactor;
import org.junit.jupiter.api.Test;

class MarkupTest {
  private final Markup markup = new Markup(Redactor.standard());

  @Test
  void valuesAreRedactedThenEscaped() {
    assertThat(
            markup.text("<!channel> & <@U0BOB0001> token=ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"))
        .startsWith("&lt;!channel&gt; &amp; &lt;@\u200BU0BOB0001&gt; token=[REDACTED:")
        .doesNotContain("ghp_");
  }

  @Test
  void codeCannotBeClosedFromInsideAndIsShort() {
    assertThat(markup.code("a`b\nc")).isEqualTo("`a'b c`");
    assertThat(markup.code("x".repeat(100))).hasSize(Markup.SHORT + 2).endsWith("…`");
    assertThat(markup.block("```\n<b>")).isEqualTo("```\n'''\n&lt;b&gt;\n```");
    assertThat(markup.quote("one\n\ntwo")).isEqualTo("> one\n>\n> two");
  }

  @Test
  void mentionsOnlyForIdsThatLookLikeIds() {
    assertThat(markup.user("U0ALICE01")).isEqualTo("<@U0ALICE01>");
    assertThat(markup.user("<!channel>")).isEqualTo("`&lt;!channel&gt;`");
    assertThat(markup.channel("C0OPS0001")).isEqualTo("<#C0OPS0001>");
    assertThat(markup.channel("general|x")).isEqualTo("`general|x`");
  }
}
