package dev.warden.integrations.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.llm.LlmProvider;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

class ProviderSettingsTest {
  private static final String KEY = "sk-FAKE-settings-key-for-tests-only";

  @Test
  void neverPrintsTheKey() {
    ProviderSettings settings = new ProviderSettings("openai", null, KEY);

    assertThat(settings.toString())
        .doesNotContain(KEY)
        .isEqualTo("ProviderSettings[name=openai, type=openai, baseUrl=null, apiKey=<redacted>]");
    assertThat(new ProviderSettings("ollama", null, null).toString()).contains("apiKey=<none>");
  }

  @Test
  void namesDefaultToTheTypeAndInputIsTrimmed() {
    ProviderSettings settings =
        new ProviderSettings(" ", " OpenAI-Compatible ", " http://127.0.0.1:8000/v1/ ", " ");

    assertThat(settings.name()).isEqualTo("openai-compatible");
    assertThat(settings.type()).isEqualTo("openai-compatible");
    assertThat(settings.baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
    assertThat(settings.hasApiKey()).isFalse();
    assertThat(new ProviderSettings("vllm", "openai-compatible", "http://h/v1", null).name())
        .isEqualTo("vllm");
  }

  @Test
  void rejectsWhatCannotWork() {
    assertThatThrownBy(() -> new ProviderSettings("gemini", null, KEY))
        .hasMessageStartingWith("unknown provider type gemini");
    assertThatThrownBy(() -> new ProviderSettings("openai-compatible", null, null))
        .hasMessage("provider openai-compatible: openai-compatible needs a baseUrl");
    assertThatThrownBy(() -> new ProviderSettings("anthropic", null, " "))
        .hasMessage("provider anthropic: anthropic needs an apiKey");
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "openai-compatible", "anthropic", "ollama"})
  void buildsEveryTypeWithoutTouchingTheNetwork(String type) {
    ProviderSettings settings =
        new ProviderSettings(type, type.equals("openai-compatible") ? "http://h/v1" : null, KEY);

    LlmProvider provider = SpringAiProviders.create(settings);

    assertThat(provider.name()).isEqualTo(type);
    assertThat(provider.chatModel(Duration.ofSeconds(1))).isNotNull();
  }

  @Test
  void theOptionsAreEachProvidersOwn() {
    Duration timeout = Duration.ofSeconds(30);

    var openai =
        (OpenAiChatOptions)
            SpringAiProviders.create(new ProviderSettings("openai", null, KEY))
                .options("gpt-4o-mini", 0.2, 100, timeout);
    assertThat(openai.getModel()).isEqualTo("gpt-4o-mini");
    assertThat(openai.getTemperature()).isEqualTo(0.2);
    assertThat(openai.getMaxCompletionTokens()).isEqualTo(100);
    assertThat(openai.getMaxTokens()).isNull();
    assertThat(openai.getTimeout()).isEqualTo(timeout);
    assertThat(openai.getApiKey()).isNull();

    var anthropic =
        (AnthropicChatOptions)
            SpringAiProviders.create(new ProviderSettings("anthropic", null, KEY))
                .options("claude-haiku-4-5", 0.2, 100, timeout);
    assertThat(anthropic.getMaxTokens()).isEqualTo(100);
    assertThat(anthropic.getTimeout()).isEqualTo(timeout);

    var ollama =
        (OllamaChatOptions)
            SpringAiProviders.create(new ProviderSettings("ollama", null, null))
                .options("llama3.2", 0.2, 100, timeout);
    assertThat(ollama.getNumPredict()).isEqualTo(100);
    assertThat(ollama.getTemperature()).isEqualTo(0.2);
  }

  @Test
  void theModelsAreSpringAisOwn() {
    Duration connect = Duration.ofSeconds(1);
    assertThat(
            SpringAiProviders.create(new ProviderSettings("openai", null, KEY)).chatModel(connect))
        .isInstanceOf(OpenAiChatModel.class);
    assertThat(
            SpringAiProviders.create(new ProviderSettings("anthropic", null, KEY))
                .chatModel(connect))
        .isInstanceOf(AnthropicChatModel.class);
    assertThat(
            SpringAiProviders.create(new ProviderSettings("ollama", null, null)).chatModel(connect))
        .isInstanceOf(OllamaChatModel.class);
  }

  @Test
  void rejectsANonPositiveConnectTimeout() {
    LlmProvider provider = SpringAiProviders.create(new ProviderSettings("ollama", null, null));

    assertThatThrownBy(() -> provider.chatModel(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
