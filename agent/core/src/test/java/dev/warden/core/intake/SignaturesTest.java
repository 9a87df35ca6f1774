package dev.warden.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SignaturesTest {

  @Test
  void computesGitHubsPublishedTestVector() {
    byte[] mac =
        Signatures.hmacSha256(
            "It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8));

    assertThat(HexFormat.of().formatHex(mac))
        .isEqualTo("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  }

  @Test
  void hmacOfPartsIsHmacOfTheirConcatenation() {
    byte[] whole = Signatures.hmacSha256("k", "1634025063:{}".getBytes(StandardCharsets.UTF_8));
    byte[] parts =
        Signatures.hmacSha256(
            "k",
            "1634025063".getBytes(StandardCharsets.UTF_8),
            ":{}".getBytes(StandardCharsets.UTF_8));

    assertThat(parts).isEqualTo(whole);
  }

  @Test
  void hexMatchesIgnoresCaseAndRejectsMalformedHex() {
    byte[] expected = {(byte) 0xab, 0x01};

    assertThat(Signatures.hexMatches("AB01", expected)).isTrue();
    assertThat(Signatures.hexMatches("ab01", expected)).isTrue();
    assertThat(Signatures.hexMatches("ab02", expected)).isFalse();
    assertThat(Signatures.hexMatches("ab0", expected)).isFalse();
    assertThat(Signatures.hexMatches("zz01", expected)).isFalse();
    assertThat(Signatures.hexMatches("", expected)).isFalse();
  }

  @Test
  void sameSecretComparesWholeValues() {
    assertThat(Signatures.sameSecret("token", "token")).isTrue();
    assertThat(Signatures.sameSecret("token", "token ")).isFalse();
    assertThat(Signatures.sameSecret("toke", "token")).isFalse();
    assertThat(Signatures.sameSecret("", "token")).isFalse();
  }
}
