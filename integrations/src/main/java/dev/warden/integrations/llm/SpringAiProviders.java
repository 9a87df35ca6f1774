package dev.warden.integrations.llm;

import dev.warden.core.llm.LlmProvider;
import java.time.Clock;
import java.util.Objects;

/**
 * Turns provider settings into the gateway's {@link LlmProvider}s, backed by Spring AI's chat
 * models for OpenAI (and compatible servers), Anthropic and Ollama.
 */
public final class SpringAiProviders {
  private SpringAiProviders() {}

  /** The provider the settings describe. */
  public static LlmProvider create(ProviderSettings settings) {
    return create(settings, Clock.systemUTC());
  }

  /** The provider the settings describe; the clock reads {@code Retry-After} dates. */
  public static LlmProvider create(ProviderSettings settings, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    return switch (settings.type()) {
      case "openai", "openai-compatible" -> new OpenAiProvider(settings, clock);
      case "anthropic" -> new AnthropicProvider(settings, clock);
      case "ollama" -> new OllamaProvider(settings, clock);
      default -> throw new IllegalArgumentException("unknown provider type " + settings.type());
    };
  }
}
