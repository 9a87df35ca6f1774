package dev.warden.integrations.llm;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where one model provider lives and how Warden authenticates to it.
 *
 * <p>The key is a credential: {@link #toString()} only says whether one is set, and no adapter puts
 * it into a log line or an exception message.
 *
 * @param name the provider's name in configuration, metrics and labels (defaults to the type)
 * @param type {@code openai}, {@code openai-compatible}, {@code anthropic} or {@code ollama}
 * @param baseUrl where the API is; {@code null} means the vendor's own endpoint ({@code openai},
 *     {@code anthropic}) or a local Ollama. For {@code openai-compatible} it is the URL that {@code
 *     /chat/completions} follows, usually ending in {@code /v1}; for Anthropic the one {@code
 *     /v1/messages} follows, for Ollama the one {@code /api/chat} follows.
 * @param apiKey the API key; required for {@code openai} and {@code anthropic}, optional otherwise
 */
public record ProviderSettings(String name, String type, String baseUrl, String apiKey) {

  /** The provider types the adapters know. */
  public static final Set<String> TYPES =
      Set.of("openai", "openai-compatible", "anthropic", "ollama");

  public ProviderSettings {
    Objects.requireNonNull(type, "type");
    type = type.trim().toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("unknown provider type " + type + "; known: " + TYPES);
    }
    name = name == null || name.isBlank() ? type : name.trim();
    baseUrl = blankToNull(baseUrl);
    if (baseUrl != null && baseUrl.endsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
    apiKey = blankToNull(apiKey);
    if (type.equals("openai-compatible") && baseUrl == null) {
      throw new IllegalArgumentException(
          "provider " + name + ": openai-compatible needs a baseUrl");
    }
    if ((type.equals("openai") || type.equals("anthropic")) && apiKey == null) {
      throw new IllegalArgumentException("provider " + name + ": " + type + " needs an apiKey");
    }
  }

  /** Settings whose name is the type. */
  public ProviderSettings(String type, String baseUrl, String apiKey) {
    this(null, type, baseUrl, apiKey);
  }

  /** Whether an API key is configured. */
  public boolean hasApiKey() {
    return apiKey != null;
  }

  @Override
  public String toString() {
    return "ProviderSettings[name="
        + name
        + ", type="
        + type
        + ", baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "<none>" : "<redacted>")
        + "]";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
