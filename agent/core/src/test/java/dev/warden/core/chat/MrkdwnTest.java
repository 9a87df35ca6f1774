package dev.warden.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MrkdwnTest {

  @Test
  void nothingFromOutsideBecomesALinkOrAMention() {
    assertThat(Mrkdwn.escape("<!channel> <@U024BE7LH> <https://evil.example|docs> a & b"))
        .isEqualTo(
            "&lt;!channel&gt; &lt;@\u200BU024BE7LH&gt; &lt;https://evil.example|docs&gt; a &amp; b");
    assertThat(Mrkdwn.escape("@here, (@channel) and @everyone"))
        .isEqualTo("@\u200Bhere, (@\u200Bchannel) and @\u200Beveryone");
  }

  @Test
  void anAddressOrAnAtInsideAWordStaysAsItIs() {
    assertThat(Mrkdwn.escape("mail oncall@example.com, pay 5@3"))
        .isEqualTo("mail oncall@example.com, pay 5@3");
  }

  @Test
  void shorteningNeverCutsAnEscapeOrASurrogatePair() {
    assertThat(Mrkdwn.shorten("abc &amp; def", 7)).isEqualTo("abc …");
    assertThat(Mrkdwn.shorten("ab\uD83D\uDE00cd", 4)).isEqualTo("ab…");
    assertThat(Mrkdwn.shorten("short", 10)).isEqualTo("short");
    assertThat(Mrkdwn.shorten("anything", 0)).isEmpty();
  }
}
