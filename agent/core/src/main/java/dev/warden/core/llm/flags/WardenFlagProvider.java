package dev.warden.core.llm.flags;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import dev.warden.core.llm.flags.FlagSet.Decision;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An OpenFeature provider that answers Warden's {@code llm.<feature>} flags from Warden's own flag
 * file, so that running Warden needs no flag service; a deployment that has one (flagd, a vendor's)
 * configures that provider instead and {@link FeatureFlags} does not change.
 *
 * <p>The flags come from a {@link Supplier} asked on every evaluation, so the application can swap
 * in a reloaded file ({@link FlagFile}) without re-registering the provider or restarting.
 *
 * <p>Only boolean flags exist. Following the OpenFeature conventions: a key outside {@code llm.} is
 * {@link ErrorCode#FLAG_NOT_FOUND}; an {@code llm.} key asked for as another type is {@link
 * ErrorCode#TYPE_MISMATCH}; a feature the file does not mention gets the caller's default with
 * reason {@link Reason#DEFAULT}. Errors are returned, not thrown, and carry the caller's default,
 * which the client hands back with reason {@link Reason#ERROR}.
 *
 * <p>Variants name the rule that decided ({@code kill-switch}, {@code disabled}, {@code allow},
 * {@code on}, {@code off}, {@code no-scope}); a split's flag metadata carries the {@code rollout}
 * and the scope's {@code bucket}, so that "why is this repository off?" has an answer in the logs.
 */
public final class WardenFlagProvider implements FeatureProvider {
  /** The provider's name in OpenFeature's metadata. */
  public static final String NAME = "warden-config";

  /** The prefix of every flag this provider knows. */
  public static final String PREFIX = "llm.";

  private final Supplier<FlagSet> flags;

  /**
   * @param flags the current flag set, asked on every evaluation: a {@link FlagFile}, or {@code ()
   *     -> FlagSet.ALL_ON} when no file is configured
   */
  public WardenFlagProvider(Supplier<FlagSet> flags) {
    this.flags = Objects.requireNonNull(flags, "flags");
  }

  @Override
  public Metadata getMetadata() {
    return () -> NAME;
  }

  @Override
  public ProviderEvaluation<Boolean> getBooleanEvaluation(
      String key, Boolean defaultValue, EvaluationContext ctx) {
    if (key == null || !key.startsWith(PREFIX)) {
      return error(
          defaultValue,
          ErrorCode.FLAG_NOT_FOUND,
          "no flag '" + key + "': Warden's flags are " + PREFIX + "<feature>");
    }
    FlagSet set = flags.get();
    if (set == null) {
      return error(defaultValue, ErrorCode.GENERAL, "no flag set loaded");
    }
    String feature = key.substring(PREFIX.length());
    String scope = ctx == null ? null : ctx.getTargetingKey();
    Optional<Decision> decision = set.decide(feature, scope);
    if (decision.isEmpty()) {
      return ProviderEvaluation.<Boolean>builder()
          .value(defaultValue)
          .reason(Reason.DEFAULT.toString())
          .build();
    }
    Decision decided = decision.get();
    ProviderEvaluation.ProviderEvaluationBuilder<Boolean> result =
        ProviderEvaluation.<Boolean>builder().value(decided.on());
    switch (decided.rule()) {
      case KILL_SWITCH -> result.reason(Reason.DISABLED.toString()).variant("kill-switch");
      case DISABLED -> result.reason(Reason.DISABLED.toString()).variant("disabled");
      case ALLOW -> result.reason(Reason.TARGETING_MATCH.toString()).variant("allow");
      case ROLLOUT_ALL -> result.reason(Reason.STATIC.toString()).variant("on");
      case ROLLOUT_NONE -> result.reason(Reason.STATIC.toString()).variant("off");
      case NO_SCOPE -> result.reason(Reason.SPLIT.toString()).variant("no-scope");
      case ROLLOUT_SPLIT ->
          result
              .reason(Reason.SPLIT.toString())
              .variant(decided.on() ? "on" : "off")
              .flagMetadata(
                  ImmutableMetadata.builder()
                      .addInteger("rollout", set.features().get(feature).rollout())
                      .addInteger("bucket", decided.bucket().orElseThrow())
                      .build());
    }
    return result.build();
  }

  @Override
  public ProviderEvaluation<String> getStringEvaluation(
      String key, String defaultValue, EvaluationContext ctx) {
    return notBoolean(key, defaultValue);
  }

  @Override
  public ProviderEvaluation<Integer> getIntegerEvaluation(
      String key, Integer defaultValue, EvaluationContext ctx) {
    return notBoolean(key, defaultValue);
  }

  @Override
  public ProviderEvaluation<Double> getDoubleEvaluation(
      String key, Double defaultValue, EvaluationContext ctx) {
    return notBoolean(key, defaultValue);
  }

  @Override
  public ProviderEvaluation<Value> getObjectEvaluation(
      String key, Value defaultValue, EvaluationContext ctx) {
    return notBoolean(key, defaultValue);
  }

  private static <T> ProviderEvaluation<T> notBoolean(String key, T defaultValue) {
    if (key == null || !key.startsWith(PREFIX)) {
      return error(defaultValue, ErrorCode.FLAG_NOT_FOUND, "no flag '" + key + "'");
    }
    return error(defaultValue, ErrorCode.TYPE_MISMATCH, "flag '" + key + "' is a boolean");
  }

  private static <T> ProviderEvaluation<T> error(T defaultValue, ErrorCode code, String message) {
    return ProviderEvaluation.<T>builder()
        .value(defaultValue)
        .reason(Reason.ERROR.toString())
        .errorCode(code)
        .errorMessage(message)
        .build();
  }
}
