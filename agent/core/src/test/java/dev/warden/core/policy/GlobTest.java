package dev.warden.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
  @ParameterizedTest
  @CsvSource({
    "prod*, prod, true",
    "prod*, prod-payments, true",
    "prod*, staging-prod, false",
    "*prod*, staging-prod-2, true",
    "kubernetes.*, kubernetes.rollout-restart, true",
    "kubernetes.*, kubernetesx, false",
    "*.delete*, kubernetes.delete-pod, true",
    "acme/?pi, acme/api, true",
    "acme/?pi, acme/aapi, false",
    "a*b*c, abbbc, true",
    "a*b*c, abcb, false",
    "'', '', true",
    "*, '', true",
    "exact, exact, true",
    "exact, exactly, false"
  })
  void matchesTheWholeText(String pattern, String text, boolean expected) {
    assertThat(Glob.of(pattern).matches(text)).isEqualTo(expected);
  }
}
