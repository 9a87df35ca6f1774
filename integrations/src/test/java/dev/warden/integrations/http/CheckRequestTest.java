package dev.warden.integrations.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parameters of an {@code http.check} step as the shipped runbooks write them. */
class CheckRequestTest {

  @Test
  void readsRetriesAndInterval() {
    CheckRequest request =
        CheckRequest.from(
            Map.of(
                "url",
                "https://shop.example.com/healthz",
                "expect_status",
                200L,
                "retries",
                5L,
                "interval",
                "30s"));

    assertThat(request.expectStatus()).hasValue(200);
    assertThat(request.retries()).isEqualTo(5);
    assertThat(request.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(request.cappedRetries()).isEqualTo(5);
  }

  @Test
  void capsTheWaitBetweenAttemptsAtFiveMinutesInTotal() {
    CheckRequest request =
        CheckRequest.from(
            Map.of("url", "https://shop.example.com/", "retries", 20L, "interval", "2m"));

    assertThat(request.cappedRetries()).isEqualTo(2);
  }

  @Test
  void defaultsToAny2xxAndNoRetries() {
    CheckRequest request = CheckRequest.from(Map.of("url", "https://shop.example.com/"));

    assertThat(request.expected(204)).isTrue();
    assertThat(request.expected(301)).isFalse();
    assertThat(request.cappedRetries()).isZero();
  }

  @Test
  void rejectsMalformedParametersNamingThem() {
    assertThatThrownBy(() -> CheckRequest.from(Map.of("url", "https://a.test/", "retries", -1L)))
        .hasMessageContaining("retries");
    assertThatThrownBy(
            () -> CheckRequest.from(Map.of("url", "https://a.test/", "expect_status", 42L)))
        .hasMessageContaining("expect_status");
    assertThatThrownBy(() -> CheckRequest.from(Map.of("url", "https://a.test/", "interval", "10m")))
        .hasMessageContaining("at most 5m");
    assertThatThrownBy(() -> CheckRequest.from(Map.of("url", "https://a.test/", "report", "body")))
        .hasMessageContaining("report must be tls-certificate");
    assertThatThrownBy(() -> CheckRequest.from(Map.of("url", "/healthz")))
        .hasMessageContaining("absolute");
  }
}
