package dev.warden.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

  @Test
  void theShippedTemplatesLoadWithTheirVersion() {
    PromptTemplate summarise = PromptTemplate.load("summarise", 1);

    assertThat(summarise.id()).isEqualTo("summarise@1");
    assertThat(summarise.placeholders()).containsExactly("subject", "scope", "maxWords");
    assertThat(PromptTemplate.load("triage", 1).placeholders()).containsExactly("scope");
    assertThatThrownBy(() -> PromptTemplate.load("summarise", 99))
        .hasMessage("no prompt template prompts/summarise.v99.md");
  }

  @Test
  void everyPlaceholderNeedsAValueAndEveryValueAPlaceholder() {
    PromptTemplate template = new PromptTemplate("t", 2, "Logs of {{subject}} in {{scope}}.");

    assertThat(template.render(Map.of("subject", "api", "scope", "prod")))
        .isEqualTo("Logs of api in prod.");
    assertThat(template.render(Map.of("subject", "$1 {{scope}}", "scope", "prod")))
        .as("values are inserted literally, never rendered again")
        .isEqualTo("Logs of $1 {{scope}} in prod.");
    assertThatThrownBy(() -> template.render(Map.of("subject", "api")))
        .hasMessage("template t@2 needs a value for {{scope}}");
    assertThatThrownBy(() -> template.render(Map.of("subject", "a", "scope", "b", "extra", "c")))
        .hasMessage("template t@2 has no placeholder {{extra}}");
  }

  @Test
  void aPriceIsChargedPerMillionTokensRoundedUpToTheMicroDollar() {
    ModelPrice price = new ModelPrice(128_000, new BigDecimal("0.15"), new BigDecimal("0.60"));

    assertThat(price.cost(1_000, 100)).isEqualByComparingTo("0.000210");
    assertThat(price.cost(1, 0)).isEqualByComparingTo("0.000001");
    assertThat(price.cost(0, 0)).isEqualByComparingTo("0");
  }

  @Test
  void retryAfterIsReadInSecondsOrAsAnHttpDate() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    assertThat(ProviderFailure.parseRetryAfter("2", clock)).contains(Duration.ofSeconds(2));
    assertThat(ProviderFailure.parseRetryAfter("0.5", clock)).contains(Duration.ofMillis(500));
    assertThat(ProviderFailure.parseRetryAfter("Fri, 27 Nov 2026 10:00:30 GMT", clock))
        .contains(Duration.ofSeconds(30));
    assertThat(ProviderFailure.parseRetryAfter("soon", clock)).isEmpty();
    assertThat(ProviderFailure.ofStatus(429, Optional.empty(), "m").kind().retryable()).isTrue();
    assertThat(ProviderFailure.ofStatus(529, Optional.empty(), "m").kind())
        .isEqualTo(ProviderFailure.Kind.SERVER_ERROR);
    assertThat(ProviderFailure.ofStatus(401, Optional.empty(), "m").kind().retryable()).isFalse();
  }
}
