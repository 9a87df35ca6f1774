package dev.warden.core.llm.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the flag file, evaluated the way the gateway evaluates it: through an OpenFeature
 * client whose domain has the provider. Each test has its own API instance, never the global one.
 */
class WardenFlagProviderTest {
  private static final String DOMAIN = "warden-test";

  /** The example of the documentation; review's rollout is 25. */
  private static final String EXAMPLE =
      """
      kill-switch: false
      features:
        summarise:
          enabled: true
          rollout: 100
          allow: ["acme/payments", "#sre-oncall"]
        review:
          enabled: true
          rollout: 25
          allow: ["acme/payments"]
        triage:
          enabled: false
          allow: ["acme/payments"]
      """;

  private final OpenFeatureAPI api = new OpenFeatureAPI() {};
  private final AtomicReference<FlagSet> flags = new AtomicReference<>(parse(EXAMPLE));

  private Client client;

  private Client client() {
    if (client == null) {
      api.setProviderAndWait(DOMAIN, new WardenFlagProvider(flags::get));
      client = api.getClient(DOMAIN);
    }
    return client;
  }

  @AfterEach
  void shutDown() {
    api.shutdown();
  }

  private static FlagSet parse(String text) {
    FlagSet.Parsed parsed = FlagSet.parse("flags.yaml", text);
    assertThat(parsed.problems()).isEmpty();
    return parsed.flags().orElseThrow();
  }

  private FlagEvaluationDetails<Boolean> details(String key, boolean fallback, String scope) {
    return client().getBooleanDetails(key, fallback, new ImmutableContext(scope));
  }

  @Test
  void providerIsNamedAfterWardensConfiguration() {
    client();
    assertThat(api.getProviderMetadata(DOMAIN).getName()).isEqualTo("warden-config");
  }

  @Test
  void killSwitchTurnsEveryFeatureOffEvenForAllowedScopesAndUnmentionedFeatures() {
    flags.set(parse(EXAMPLE.replace("kill-switch: false", "kill-switch: true")));

    for (String key : new String[] {"llm.summarise", "llm.review", "llm.unmentioned"}) {
      FlagEvaluationDetails<Boolean> details = details(key, true, "acme/payments");
      assertThat(details.getValue()).as(key).isFalse();
      assertThat(details.getReason()).as(key).isEqualTo(Reason.DISABLED.toString());
      assertThat(details.getVariant()).as(key).isEqualTo("kill-switch");
      assertThat(details.getErrorCode()).as(key).isNull();
    }
  }

  @Test
  void disabledFeatureIsOffEvenForAnAllowedScope() {
    FlagEvaluationDetails<Boolean> details = details("llm.triage", true, "acme/payments");

    assertThat(details.getValue()).isFalse();
    assertThat(details.getReason()).isEqualTo(Reason.DISABLED.toString());
    assertThat(details.getVariant()).isEqualTo("disabled");
  }

  @Test
  void allowedScopeIsOnWhateverItsBucket() {
    // acme/payments is in bucket 98 of review: outside a 25% rollout
    assertThat(FlagSet.bucket("review", "acme/payments")).isEqualTo(98);

    FlagEvaluationDetails<Boolean> details = details("llm.review", false, "acme/payments");

    assertThat(details.getValue()).isTrue();
    assertThat(details.getReason()).isEqualTo(Reason.TARGETING_MATCH.toString());
    assertThat(details.getVariant()).isEqualTo("allow");
  }

  @Test
  void allowListMatchesRepositoriesWhateverTheirCase() {
    assertThat(details("llm.review", false, " Acme/Payments ").getValue()).isTrue();
  }

  @Test
  void rolloutOfAHundredIsOnForEveryScopeAndForNone() {
    for (String scope : new String[] {"acme/web", "#random", "C024BE91L"}) {
      FlagEvaluationDetails<Boolean> details = details("llm.summarise", false, scope);
      assertThat(details.getValue()).as(scope).isTrue();
      assertThat(details.getReason()).as(scope).isEqualTo(Reason.STATIC.toString());
    }
    assertThat(
            client().getBooleanDetails("llm.summarise", false, new ImmutableContext()).getValue())
        .isTrue();
  }

  @Test
  void rolloutOfZeroIsOffForEveryScopeButAllowedOnes() {
    flags.set(parse(EXAMPLE.replace("rollout: 25", "rollout: 0")));

    // acme/web is in bucket 6 of review: inside any rollout above 6
    assertThat(FlagSet.bucket("review", "acme/web")).isEqualTo(6);
    FlagEvaluationDetails<Boolean> details = details("llm.review", true, "acme/web");
    assertThat(details.getValue()).isFalse();
    assertThat(details.getReason()).isEqualTo(Reason.STATIC.toString());
    assertThat(details.getVariant()).isEqualTo("off");
    assertThat(details("llm.review", false, "acme/payments").getValue()).isTrue();
  }

  @Test
  void partialRolloutSplitsByTheScopesBucket() {
    // buckets of review, computed independently: 6, 24, 25, 26
    FlagEvaluationDetails<Boolean> web = details("llm.review", false, "acme/web");
    assertThat(web.getValue()).isTrue();
    assertThat(web.getReason()).isEqualTo(Reason.SPLIT.toString());
    assertThat(web.getVariant()).isEqualTo("on");
    assertThat(web.getFlagMetadata().getInteger("bucket")).isEqualTo(6);
    assertThat(web.getFlagMetadata().getInteger("rollout")).isEqualTo(25);

    assertThat(details("llm.review", false, "acme/repo-42").getValue()).isTrue();
    FlagEvaluationDetails<Boolean> edge = details("llm.review", true, "acme/repo-70");
    assertThat(edge.getValue()).isFalse();
    assertThat(edge.getVariant()).isEqualTo("off");
    assertThat(edge.getFlagMetadata().getInteger("bucket")).isEqualTo(25);
    assertThat(details("llm.review", true, "#sre-oncall").getValue()).isFalse();

    flags.set(parse(EXAMPLE.replace("rollout: 25", "rollout: 27")));
    assertThat(details("llm.review", false, "#sre-oncall").getValue()).isTrue();
  }

  @Test
  void partialRolloutIsOffWithoutAScope() {
    FlagEvaluationDetails<Boolean> details =
        client().getBooleanDetails("llm.review", true, new ImmutableContext());

    assertThat(details.getValue()).isFalse();
    assertThat(details.getReason()).isEqualTo(Reason.SPLIT.toString());
    assertThat(details.getVariant()).isEqualTo("no-scope");
    assertThat(details("llm.review", true, "   ").getValue()).isFalse();
  }

  @Test
  void featureTheFileDoesNotMentionGetsTheCallersDefault() {
    flags.set(parse("features:\n  summarise:\n    enabled: true\n"));

    for (boolean fallback : new boolean[] {true, false}) {
      FlagEvaluationDetails<Boolean> details = details("llm.review", fallback, "acme/web");
      assertThat(details.getValue()).isEqualTo(fallback);
      assertThat(details.getReason()).isEqualTo(Reason.DEFAULT.toString());
      assertThat(details.getErrorCode()).isNull();
    }
  }

  @Test
  void keyOutsideLlmIsNotFound() {
    FlagEvaluationDetails<Boolean> details = details("summarise", true, "acme/web");

    assertThat(details.getValue()).isTrue();
    assertThat(details.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    assertThat(details.getReason()).isEqualTo(Reason.ERROR.toString());
  }

  @Test
  void otherTypesAreATypeMismatchWithTheDefault() {
    EvaluationContext context = new ImmutableContext("acme/web");

    FlagEvaluationDetails<String> string =
        client().getStringDetails("llm.summarise", "fallback", context);
    assertThat(string.getValue()).isEqualTo("fallback");
    assertThat(string.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    assertThat(client().getIntegerDetails("llm.summarise", 7, context).getValue()).isEqualTo(7);
    assertThat(client().getDoubleDetails("llm.summarise", 0.5, context).getErrorCode())
        .isEqualTo(ErrorCode.TYPE_MISMATCH);
    assertThat(client().getObjectDetails("llm.summarise", new Value("x"), context).getValue())
        .isEqualTo(new Value("x"));
    assertThat(client().getStringDetails("other", "x", context).getErrorCode())
        .isEqualTo(ErrorCode.FLAG_NOT_FOUND);
  }

  @Test
  void aSwappedFlagSetAppliesWithoutResettingTheProvider() {
    assertThat(details("llm.triage", false, "acme/web").getValue()).isFalse();

    flags.set(new FlagSet(false, Map.of("triage", new FlagSet.Feature(true, 100, Set.of()))));

    assertThat(details("llm.triage", false, "acme/web").getValue()).isTrue();
  }

  @Test
  void allOnTurnsEveryKnownFeatureOn() {
    flags.set(FlagSet.ALL_ON);

    for (String feature : FlagSet.FEATURES) {
      assertThat(details("llm." + feature, false, "acme/web").getValue()).as(feature).isTrue();
      assertThat(details("llm." + feature, false, "").getValue()).as(feature).isTrue();
    }
  }

  @Test
  void facadeAsksThroughTheClient() {
    FeatureFlags features = new FeatureFlags(client());

    assertThat(features.enabled("summarise", "acme/web")).isTrue();
    assertThat(features.enabled("review", "acme/web")).isTrue();
    assertThat(features.enabled("review", "acme/repo-70")).isFalse();
    assertThat(features.enabled("review", null)).isFalse();
    assertThat(features.enabled("triage", "acme/payments")).isFalse();
    assertThat(features.enabled("unmentioned", "acme/web")).isFalse();
    assertThat(FeatureFlags.flagKey("summarise")).isEqualTo("llm.summarise");
  }

  @Test
  void facadeAnswersFalseWhenTheProviderFails() {
    api.setProviderAndWait(
        DOMAIN,
        new WardenFlagProvider(
            () -> {
              throw new IllegalStateException("flag store down");
            }));

    assertThat(new FeatureFlags(api.getClient(DOMAIN)).enabled("summarise", "acme/web")).isFalse();
    assertThat(
            api.getClient(DOMAIN)
                .getBooleanDetails("llm.summarise", false, new ImmutableContext("acme/web"))
                .getErrorCode())
        .isEqualTo(ErrorCode.GENERAL);
  }

  @Test
  void facadeAnswersFalseWithoutAProvider() {
    assertThat(new FeatureFlags(api.getClient("nothing-set")).enabled("summarise", "acme/web"))
        .isFalse();
  }
}
