package dev.warden.app.llm;

import dev.openfeature.sdk.OpenFeatureAPI;
import dev.warden.core.integration.Availability;
import dev.warden.core.integration.Integration;
import dev.warden.core.llm.Feature;
import dev.warden.core.llm.GatewaySettings;
import dev.warden.core.llm.GatewaySettings.FeatureSettings;
import dev.warden.core.llm.LlmGateway;
import dev.warden.core.llm.LlmProvider;
import dev.warden.core.llm.ModelPrice;
import dev.warden.core.llm.ModelRef;
import dev.warden.core.llm.ScriptedProvider;
import dev.warden.core.llm.flags.FeatureFlags;
import dev.warden.core.llm.flags.FlagFile;
import dev.warden.core.llm.flags.WardenFlagProvider;
import dev.warden.integrations.llm.ProviderSettings;
import dev.warden.integrations.llm.SpringAiProviders;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the LLM gateway from {@code warden.llm.*}: the one provider, each feature's chain of its
 * models, the price table, the limits, the usage ledger in the database and the OpenFeature flags
 * read from the flag file.
 */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {
  private static final Logger log = LoggerFactory.getLogger(LlmConfiguration.class);

  /** The OpenFeature domain of Warden's flags. */
  static final String FLAG_DOMAIN = "warden";

  /** The model a provider uses when none is configured. */
  private static final Map<String, String> DEFAULT_MODELS =
      Map.of(
          "openai", "gpt-4o-mini",
          "anthropic", "claude-haiku-4-5",
          "ollama", "llama3.1",
          "scripted", "scripted");

  /** The {@code llm} entry of the integrations' health. */
  @Bean
  Integration llmIntegration(LlmGateway gateway, LlmProperties properties) {
    return new Integration() {
      @Override
      public String name() {
        return "llm";
      }

      @Override
      public Availability availability() {
        return gateway.modelConfigured()
            ? Availability.enabled("provider " + properties.provider())
            : Availability.disabled(
                "no model configured (warden.llm.provider=none): deterministic analysis only");
      }
    };
  }

  @Bean
  JdbcUsageLedger usageLedger(DataSource dataSource) {
    return new JdbcUsageLedger(dataSource);
  }

  @Bean
  FlagFile flagFile(LlmProperties properties) {
    FlagFile file = new FlagFile(properties.flagsFile());
    file.problems().forEach(problem -> log.warn("feature flags: {}", problem));
    return file;
  }

  @Bean
  FeatureFlags featureFlags(FlagFile flagFile) {
    OpenFeatureAPI api = OpenFeatureAPI.getInstance();
    api.setProviderAndWait(FLAG_DOMAIN, new WardenFlagProvider(flagFile));
    return new FeatureFlags(api.getClient(FLAG_DOMAIN));
  }

  @Bean
  LlmGateway llmGateway(
      LlmProperties properties,
      JdbcUsageLedger ledger,
      FeatureFlags flags,
      MeterRegistry meters,
      Clock clock) {
    LlmGateway.Builder gateway =
        LlmGateway.builder().ledger(ledger).flags(flags::enabled).clock(clock).meters(meters);
    String type = properties.provider().trim().toLowerCase(Locale.ROOT);
    if (type.equals("none")) {
      log.info("LLM gateway: no model configured; every feature gives its deterministic answer");
      return gateway.build();
    }
    LlmProvider provider = provider(type, properties);
    GatewaySettings settings = settings(provider.name(), type, properties);
    settings
        .features()
        .forEach(
            (feature, config) ->
                config.chain().stream()
                    .filter(model -> !settings.prices().containsKey(model.toString()))
                    .forEach(
                        model ->
                            log.warn(
                                "LLM gateway: no price for {} (warden.llm.prices.{}); its calls"
                                    + " cost nothing to the budgets of {}",
                                model,
                                model.model(),
                                feature.id())));
    log.info(
        "LLM gateway: provider {} ({}), chains {}",
        provider.name(),
        type,
        settings.features().values().stream().map(FeatureSettings::chain).distinct().toList());
    return gateway.provider(provider).settings(settings).build();
  }

  private static LlmProvider provider(String type, LlmProperties properties) {
    if (type.equals("scripted")) {
      if (properties.script() == null) {
        throw new IllegalStateException(
            "warden.llm.provider=scripted needs warden.llm.script (a JSON Lines file)");
      }
      try {
        return ScriptedProvider.load(properties.script());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read warden.llm.script " + properties.script(), e);
      }
    }
    return SpringAiProviders.create(
        new ProviderSettings(type, properties.baseUrl(), properties.apiKey()));
  }

  static GatewaySettings settings(String providerName, String type, LlmProperties properties) {
    List<String> defaultChain =
        !properties.models().isEmpty()
            ? properties.models()
            : Optional.ofNullable(DEFAULT_MODELS.get(type)).map(List::of).orElse(List.of());
    Map<Feature, FeatureSettings> features = new EnumMap<>(Feature.class);
    for (Feature feature : Feature.values()) {
      LlmProperties.FeatureProperties own = properties.features().get(feature.id());
      List<String> models = own != null && !own.models().isEmpty() ? own.models() : defaultChain;
      List<ModelRef> chain = models.stream().map(m -> new ModelRef(providerName, m)).toList();
      features.put(
          feature,
          own == null
              ? FeatureSettings.of(chain)
              : new FeatureSettings(
                  chain,
                  own.temperature(),
                  own.maxOutputTokens(),
                  new GatewaySettings.Timeouts(
                      own.connectTimeout(),
                      own.firstTokenTimeout(),
                      own.attemptTimeout(),
                      own.deadline()),
                  Optional.ofNullable(own.dailyBudgetUsd()),
                  Optional.ofNullable(own.scopeDailyBudgetUsd())));
    }
    for (String name : properties.features().keySet()) {
      Feature.of(name);
    }
    Map<String, ModelPrice> prices = new LinkedHashMap<>();
    properties
        .prices()
        .forEach(
            (model, price) ->
                prices.put(
                    new ModelRef(providerName, model).toString(),
                    new ModelPrice(
                        price.contextTokens(), price.inputPerMillion(), price.outputPerMillion())));
    LlmProperties.RateLimitProperties limits = properties.rateLimit();
    LlmProperties.RetryProperties retry = properties.retry();
    LlmProperties.BreakerProperties breaker = properties.circuitBreaker();
    return new GatewaySettings(
        features,
        prices,
        Map.of(
            providerName,
            new GatewaySettings.RateLimits(
                limits.requestsPerMinute(), limits.tokensPerMinute(), limits.maxWait())),
        new GatewaySettings.RetrySettings(
            retry.maxAttempts(),
            retry.initialBackoff(),
            retry.multiplier(),
            retry.jitter(),
            retry.maxBackoff()),
        new GatewaySettings.BreakerSettings(
            breaker.failureRatePercent(),
            breaker.window(),
            breaker.minimumCalls(),
            breaker.openFor()),
        new GatewaySettings.CacheSettings(
            properties.cache().ttl(), properties.cache().maxEntries()));
  }
}
