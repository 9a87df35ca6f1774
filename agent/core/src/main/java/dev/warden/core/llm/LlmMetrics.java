package dev.warden.core.llm;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The gateway's meters, all prefixed {@code warden.llm}, tagged by provider, model and feature
 * where they apply. On {@code /actuator/prometheus} they read {@code warden_llm_calls_total},
 * {@code warden_llm_latency_seconds_bucket}, and so on.
 */
final class LlmMetrics {
  private final MeterRegistry registry;

  LlmMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * One attempt at a model, by outcome ({@code ok}, {@code rate_limited}, {@code timeout}, ...).
   */
  void call(ModelRef model, Feature feature, String outcome) {
    Counter.builder("warden.llm.calls")
        .description("Attempts at a model, by outcome")
        .tags(tags(model, feature))
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  void tokens(ModelRef model, Feature feature, long in, long out) {
    Counter.builder("warden.llm.tokens")
        .description("Tokens billed")
        .tags(tags(model, feature))
        .tag("direction", "in")
        .register(registry)
        .increment(in);
    Counter.builder("warden.llm.tokens")
        .description("Tokens billed")
        .tags(tags(model, feature))
        .tag("direction", "out")
        .register(registry)
        .increment(out);
  }

  void cost(ModelRef model, Feature feature, BigDecimal usd) {
    Counter.builder("warden.llm.cost")
        .description("What model calls cost, by the configured price table")
        .baseUnit("usd")
        .tags(tags(model, feature))
        .register(registry)
        .increment(usd.doubleValue());
  }

  void latency(ModelRef model, Feature feature, Duration duration) {
    Timer.builder("warden.llm.latency")
        .description("From request to the last token of a successful attempt")
        .publishPercentileHistogram()
        .tags(tags(model, feature))
        .register(registry)
        .record(duration);
  }

  void firstToken(ModelRef model, Feature feature, Duration duration) {
    Timer.builder("warden.llm.first.token")
        .description("From request to the first token")
        .publishPercentileHistogram()
        .tags(tags(model, feature))
        .register(registry)
        .record(duration);
  }

  void cache(Feature feature, boolean hit) {
    Counter.builder("warden.llm.cache")
        .description("Response cache lookups")
        .tag("feature", feature.id())
        .tag("result", hit ? "hit" : "miss")
        .register(registry)
        .increment();
  }

  void retry(ModelRef model, Feature feature, String reason) {
    Counter.builder("warden.llm.retries")
        .description("Attempts repeated after a transient failure")
        .tags(tags(model, feature))
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  void fallback(Feature feature, String from, String reason) {
    Counter.builder("warden.llm.fallbacks")
        .description("Fallbacks to the next model of the chain or to the deterministic answer")
        .tag("feature", feature.id())
        .tag("from", from)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  void budgetRefusal(Feature feature) {
    Counter.builder("warden.llm.budget.refusals")
        .description("Answers given deterministically because a budget was spent")
        .tag("feature", feature.id())
        .register(registry)
        .increment();
  }

  void answer(Feature feature, LlmAnswer.Producer producer) {
    Counter.builder("warden.llm.answers")
        .description("Answers given, by what produced them")
        .tag("feature", feature.id())
        .tag("producer", producer.id())
        .register(registry)
        .increment();
  }

  /** 0 closed, 1 open, 2 half-open, 3 any other state (disabled, forced open, metrics only). */
  void circuit(String provider, CircuitBreaker breaker) {
    Gauge.builder("warden.llm.circuit.state", breaker, LlmMetrics::stateValue)
        .description("The provider's circuit: 0 closed, 1 open, 2 half-open")
        .tag("provider", provider)
        .register(registry);
  }

  private static double stateValue(CircuitBreaker breaker) {
    return switch (breaker.getState()) {
      case CLOSED -> 0;
      case OPEN -> 1;
      case HALF_OPEN -> 2;
      default -> 3;
    };
  }

  private static String[] tags(ModelRef model, Feature feature) {
    return new String[] {
      "provider", model.provider(), "model", model.model(), "feature", feature.id()
    };
  }
}
