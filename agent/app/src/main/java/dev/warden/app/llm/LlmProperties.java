package dev.warden.app.llm;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The LLM gateway's configuration ({@code warden.llm.*}). With {@code provider: none}, the default,
 * no model is called and every feature gives its deterministic answer.
 *
 * @param provider {@code none}, {@code openai}, {@code openai-compatible}, {@code anthropic},
 *     {@code ollama} or {@code scripted}
 * @param baseUrl the provider's API; needed for {@code openai-compatible} (ending in {@code /v1})
 * @param apiKey the provider's key; set it through the environment ({@code WARDEN_LLM_APIKEY}),
 *     never in a file under version control
 * @param script the JSON Lines file of canned answers of the {@code scripted} provider
 * @param models the fallback chain of every feature without its own, by model name; empty means the
 *     provider's default model
 * @param features per feature ({@code summarise}, {@code review}, {@code triage})
 * @param prices per model name: context window and price in USD per million tokens
 * @param rateLimit the provider's client-side limits, shared by all features
 * @param retry retries of transient failures
 * @param circuitBreaker when the provider's circuit opens
 * @param cache the response cache
 * @param flagsFile the OpenFeature flags of the AI features, re-read while Warden runs
 * @param flagsReloadInterval how often the flag file is checked for changes
 */
@ConfigurationProperties("warden.llm")
public record LlmProperties(
    @DefaultValue("none") String provider,
    String baseUrl,
    String apiKey,
    Path script,
    @DefaultValue List<String> models,
    @DefaultValue Map<String, FeatureProperties> features,
    @DefaultValue Map<String, PriceProperties> prices,
    @DefaultValue RateLimitProperties rateLimit,
    @DefaultValue RetryProperties retry,
    @DefaultValue BreakerProperties circuitBreaker,
    @DefaultValue CacheProperties cache,
    @DefaultValue("policies/features/flags.yaml") Path flagsFile,
    @DefaultValue("5s") Duration flagsReloadInterval) {

  /** Never shows the key. */
  @Override
  public String toString() {
    return "LlmProperties[provider="
        + provider
        + ", baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null || apiKey.isBlank() ? "(none)" : "(set)")
        + ", models="
        + models
        + "]";
  }

  /**
   * One feature's settings.
   *
   * @param models its fallback chain by model name, tried in order before the deterministic answer
   * @param dailyBudgetUsd what it may spend per UTC day; unset means no budget
   * @param scopeDailyBudgetUsd what it may spend per UTC day for one repository or channel
   */
  public record FeatureProperties(
      @DefaultValue List<String> models,
      @DefaultValue("0.2") double temperature,
      @DefaultValue("1024") int maxOutputTokens,
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("20s") Duration firstTokenTimeout,
      @DefaultValue("60s") Duration attemptTimeout,
      @DefaultValue("90s") Duration deadline,
      BigDecimal dailyBudgetUsd,
      BigDecimal scopeDailyBudgetUsd) {}

  /** A model's context window and price (USD per million tokens). */
  public record PriceProperties(
      @DefaultValue("8192") int contextTokens,
      @DefaultValue("0") BigDecimal inputPerMillion,
      @DefaultValue("0") BigDecimal outputPerMillion) {}

  /**
   * Requests and tokens per minute; a call waits at most {@code maxWait} for room, then is shed.
   */
  public record RateLimitProperties(
      @DefaultValue("60") int requestsPerMinute,
      @DefaultValue("200000") int tokensPerMinute,
      @DefaultValue("5s") Duration maxWait) {}

  /** Attempts per model, and the exponential backoff with jitter between them. */
  public record RetryProperties(
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("500ms") Duration initialBackoff,
      @DefaultValue("2.0") double multiplier,
      @DefaultValue("0.5") double jitter,
      @DefaultValue("8s") Duration maxBackoff) {}

  /** The circuit opens at this failure rate over the last calls, for {@code openFor}. */
  public record BreakerProperties(
      @DefaultValue("50") float failureRatePercent,
      @DefaultValue("20") int window,
      @DefaultValue("5") int minimumCalls,
      @DefaultValue("30s") Duration openFor) {}

  /** How long, and how many, answers are reused. */
  public record CacheProperties(
      @DefaultValue("1h") Duration ttl, @DefaultValue("1000") long maxEntries) {}
}
