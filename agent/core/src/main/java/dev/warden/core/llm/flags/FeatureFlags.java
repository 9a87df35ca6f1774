package dev.warden.core.llm.flags;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.ImmutableContext;
import java.util.Objects;

/**
 * The one question the LLM gateway asks about flags: is this AI feature on for this repository or
 * channel?
 *
 * <p>It asks through an OpenFeature {@link Client}, not Warden's flag file directly, so that the
 * provider is a matter of configuration: {@link WardenFlagProvider} by default, flagd or a vendor's
 * provider where a deployment already runs one. The flag is {@code llm.<feature>}, the scope is the
 * evaluation context's targeting key.
 *
 * <p>Anything that goes wrong (no provider yet, an unknown flag, a provider that throws) answers
 * false: an AI feature that cannot be confirmed as on stays off and the deterministic path runs.
 */
public final class FeatureFlags {
  private final Client client;

  /**
   * @param client a client whose domain has the flag provider set (with {@code setProviderAndWait},
   *     or early evaluations answer false until the provider is ready)
   */
  public FeatureFlags(Client client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** The OpenFeature flag key of an AI feature ({@code summarise}: {@code llm.summarise}). */
  public static String flagKey(String feature) {
    return WardenFlagProvider.PREFIX + feature;
  }

  /**
   * Whether {@code feature} is on for {@code scope}.
   *
   * @param feature the AI feature, without the {@code llm.} prefix ({@code summarise})
   * @param scope the repository ({@code owner/name}) or Slack channel ({@code #name} or id) the
   *     output is for; null or blank for none, which a partial rollout answers with false
   */
  public boolean enabled(String feature, String scope) {
    EvaluationContext context =
        scope == null || scope.isBlank() ? new ImmutableContext() : new ImmutableContext(scope);
    try {
      return Boolean.TRUE.equals(client.getBooleanValue(flagKey(feature), false, context));
    } catch (RuntimeException e) {
      // the SDK already turns provider errors into the default; this guards hooks and odd clients
      return false;
    }
  }
}
