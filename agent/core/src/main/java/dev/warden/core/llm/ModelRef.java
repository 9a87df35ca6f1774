package dev.warden.core.llm;

import java.util.Objects;

/**
 * One model of one provider: a link in a feature's fallback chain.
 *
 * @param provider the provider's name ({@code openai}, {@code anthropic}, {@code scripted})
 * @param model the provider's model name ({@code gpt-4o-mini})
 */
public record ModelRef(String provider, String model) {
  public ModelRef {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    if (provider.isBlank() || model.isBlank()) {
      throw new IllegalArgumentException("a model needs a provider and a name");
    }
  }

  /** Reads {@code provider/model}; the model name may itself contain slashes. */
  public static ModelRef parse(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException(
          "a model is written provider/model (openai/gpt-4o-mini), not '" + text + "'");
    }
    return new ModelRef(text.substring(0, slash), text.substring(slash + 1));
  }

  @Override
  public String toString() {
    return provider + "/" + model;
  }
}
