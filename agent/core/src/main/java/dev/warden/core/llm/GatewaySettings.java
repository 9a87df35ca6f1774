package dev.warden.core.llm;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the gateway is configured with, apart from the providers themselves.
 *
 * @param features per feature: its fallback chain, sampling, timeouts and budgets
 * @param prices per model ({@code provider/model}): context window and price
 * @param limits per provider: the client-side rate limits all features share
 * @param retry how failed attempts are retried
 * @param breaker when a provider's circuit opens
 * @param cache how long an answer is reused
 */
public record GatewaySettings(
    Map<Feature, FeatureSettings> features,
    Map<String, ModelPrice> prices,
    Map<String, RateLimits> limits,
    RetrySettings retry,
    BreakerSettings breaker,
    CacheSettings cache) {

  public GatewaySettings {
    features = Map.copyOf(features);
    prices = Map.copyOf(prices);
    limits = Map.copyOf(limits);
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(cache, "cache");
  }

  /** No model for any feature: every answer is deterministic. */
  public static GatewaySettings noModel() {
    Map<Feature, FeatureSettings> features = new EnumMap<>(Feature.class);
    for (Feature feature : Feature.values()) {
      features.put(feature, FeatureSettings.of(List.of()));
    }
    return new GatewaySettings(
        features,
        Map.of(),
        Map.of(),
        RetrySettings.DEFAULT,
        BreakerSettings.DEFAULT,
        CacheSettings.DEFAULT);
  }

  /** The settings of {@code feature}; a feature without settings has no model. */
  public FeatureSettings feature(Feature feature) {
    return features.getOrDefault(feature, FeatureSettings.of(List.of()));
  }

  /** What is known of {@code model}, or {@link ModelPrice#UNKNOWN}. */
  public ModelPrice price(ModelRef model) {
    return prices.getOrDefault(model.toString(), ModelPrice.UNKNOWN);
  }

  /** The rate limits of {@code provider}, or {@link RateLimits#DEFAULT}. */
  public RateLimits limits(String provider) {
    return limits.getOrDefault(provider, RateLimits.DEFAULT);
  }

  /**
   * One feature's settings.
   *
   * @param chain the models to try in order; empty means no model (deterministic only)
   * @param temperature sampling temperature
   * @param maxOutputTokens the longest answer
   * @param timeouts connect, first token, per attempt, and the whole answer
   * @param dailyBudgetUsd what the feature may spend per UTC day, over all scopes
   * @param scopeDailyBudgetUsd what the feature may spend per UTC day for one repo or channel
   */
  public record FeatureSettings(
      List<ModelRef> chain,
      double temperature,
      int maxOutputTokens,
      Timeouts timeouts,
      Optional<BigDecimal> dailyBudgetUsd,
      Optional<BigDecimal> scopeDailyBudgetUsd) {
    public FeatureSettings {
      chain = List.copyOf(chain);
      if (maxOutputTokens <= 0) {
        throw new IllegalArgumentException("max output tokens must be positive");
      }
      Objects.requireNonNull(timeouts, "timeouts");
      Objects.requireNonNull(dailyBudgetUsd, "dailyBudgetUsd");
      Objects.requireNonNull(scopeDailyBudgetUsd, "scopeDailyBudgetUsd");
    }

    /**
     * A chain with the defaults: temperature 0.2, 1,024 tokens out, default timeouts, no budget.
     */
    public static FeatureSettings of(List<ModelRef> chain) {
      return new FeatureSettings(
          chain, 0.2, 1024, Timeouts.DEFAULT, Optional.empty(), Optional.empty());
    }
  }

  /**
   * @param connect establishing the connection to the provider
   * @param firstToken from sending the request to the first piece of the answer
   * @param attempt one attempt, from request to the last token
   * @param deadline the whole answer, every attempt and fallback included: the user has an answer
   *     by then, the deterministic one if need be
   */
  public record Timeouts(
      Duration connect, Duration firstToken, Duration attempt, Duration deadline) {
    public static final Timeouts DEFAULT =
        new Timeouts(
            Duration.ofSeconds(5),
            Duration.ofSeconds(20),
            Duration.ofSeconds(60),
            Duration.ofSeconds(90));

    public Timeouts {
      for (Duration d : List.of(connect, firstToken, attempt, deadline)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("timeouts must be positive");
        }
      }
    }
  }

  /**
   * Client-side limits of one provider, shared by every feature. A call waits up to {@code maxWait}
   * for room, then is shed (the feature falls back) rather than sent.
   */
  public record RateLimits(int requestsPerMinute, int tokensPerMinute, Duration maxWait) {
    public static final RateLimits DEFAULT = new RateLimits(60, 200_000, Duration.ofSeconds(5));

    public RateLimits {
      if (requestsPerMinute <= 0 || tokensPerMinute <= 0) {
        throw new IllegalArgumentException("rate limits must be positive");
      }
      Objects.requireNonNull(maxWait, "maxWait");
    }
  }

  /**
   * Retries of transient failures (429, 5xx, timeouts, cut streams): exponential backoff with
   * jitter, or the provider's {@code Retry-After} when it gives one.
   */
  public record RetrySettings(
      int maxAttempts,
      Duration initialBackoff,
      double multiplier,
      double jitter,
      Duration maxBackoff) {
    public static final RetrySettings DEFAULT =
        new RetrySettings(3, Duration.ofMillis(500), 2.0, 0.5, Duration.ofSeconds(8));

    public RetrySettings {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("at least one attempt");
      }
      if (jitter < 0 || jitter >= 1) {
        throw new IllegalArgumentException("jitter is a fraction in [0, 1)");
      }
    }
  }

  /**
   * A provider's circuit opens when {@code failureRatePercent} of the last {@code window} calls (at
   * least {@code minimumCalls}) failed with 5xx, timeouts or cut streams, and stays open for {@code
   * openFor}.
   */
  public record BreakerSettings(
      float failureRatePercent, int window, int minimumCalls, Duration openFor) {
    public static final BreakerSettings DEFAULT =
        new BreakerSettings(50, 20, 5, Duration.ofSeconds(30));
  }

  /** Answers are reused for {@code ttl}; at most {@code maxEntries} are kept. */
  public record CacheSettings(Duration ttl, long maxEntries) {
    public static final CacheSettings DEFAULT = new CacheSettings(Duration.ofHours(1), 1_000);
  }
}
