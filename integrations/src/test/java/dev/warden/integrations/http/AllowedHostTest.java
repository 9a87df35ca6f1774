package dev.warden.integrations.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Entries of {@code warden.http-check.allowed-hosts} and what they allow. */
class AllowedHostTest {

  @Test
  void anExactHostAllowsThatHostOnAnyPortIgnoringCase() {
    AllowedHost shop = AllowedHost.parse("Shop.Example.com");

    assertThat(shop.allows("shop.example.com", 443)).isTrue();
    assertThat(shop.allows("SHOP.example.com.", 8080)).isTrue();
    assertThat(shop.allows("example.com", 443)).isFalse();
    assertThat(shop.allows("shop.example.com.evil.test", 443)).isFalse();
  }

  @Test
  void aSuffixPatternAllowsNamesBelowItOnly() {
    AllowedHost pattern = AllowedHost.parse("*.example.com");

    assertThat(pattern.allows("shop.example.com", 443)).isTrue();
    assertThat(pattern.allows("a.b.example.com", 80)).isTrue();
    assertThat(pattern.allows("example.com", 443)).isFalse();
    assertThat(pattern.allows("evilexample.com", 443)).isFalse();
    assertThat(pattern.allows("example.com.evil.test", 443)).isFalse();
  }

  @Test
  void aPortRestrictsTheEntryToThatPort() {
    AllowedHost withPort = AllowedHost.parse("*.svc.cluster.local:8080");

    assertThat(withPort.allows("shop.default.svc.cluster.local", 8080)).isTrue();
    assertThat(withPort.allows("shop.default.svc.cluster.local", 80)).isFalse();
  }

  @Test
  void anIpv6AddressMatchesInAnySpelling() {
    AllowedHost loopback = AllowedHost.parse("[::1]:8080");

    assertThat(loopback.allows("[0:0:0:0:0:0:0:1]", 8080)).isTrue();
    assertThat(loopback.allows("[::2]", 8080)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "*.com", "shop.*.com", "a..b", "host:99999", "http://host", ""})
  void rejectsMalformedOrTooWideEntries(String entry) {
    assertThatThrownBy(() -> AllowedHost.parse(entry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("warden.http-check.allowed-hosts");
  }

  @Test
  void settingsRejectASchemeOtherThanHttpOrHttps() {
    assertThatThrownBy(
            () ->
                HttpCheckSettings.allowing(java.util.List.of())
                    .withAllowedSchemes(java.util.Set.of("file")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allowed-schemes");
  }
}
