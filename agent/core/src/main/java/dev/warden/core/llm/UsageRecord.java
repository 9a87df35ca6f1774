package dev.warden.core.llm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One answer of the gateway, as the cost ledger keeps it.
 *
 * @param at when the answer was complete
 * @param feature the feature that asked ({@code summarise}, {@code review}, {@code triage})
 * @param scope the repository or channel the call was for, or empty
 * @param provider the provider that answered, or {@code none} for a deterministic answer
 * @param model the model that answered, or empty
 * @param template the prompt template and version ({@code summarise@2})
 * @param producer what produced the answer: {@code model}, {@code cache} or {@code deterministic}
 * @param tokensIn prompt tokens billed (0 for cache hits and deterministic answers)
 * @param tokensOut completion tokens billed
 * @param costUsd what the call cost, by the configured price table
 */
public record UsageRecord(
    Instant at,
    String feature,
    String scope,
    String provider,
    String model,
    String template,
    String producer,
    long tokensIn,
    long tokensOut,
    BigDecimal costUsd) {
  public UsageRecord {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(producer, "producer");
    Objects.requireNonNull(costUsd, "costUsd");
  }
}
