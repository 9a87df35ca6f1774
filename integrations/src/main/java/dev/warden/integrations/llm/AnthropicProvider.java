package dev.warden.integrations.llm;

import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicRetryableException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.SseException;
import com.anthropic.models.ErrorType;
import dev.warden.core.llm.ProviderFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * Anthropic's Messages API through Spring AI's {@link AnthropicChatModel} on the official SDK.
 *
 * <p>As for OpenAI, the SDK's retries are off and the base URL is explicit (a fake's, or the
 * vendor's), so {@code ANTHROPIC_BASE_URL} in the environment cannot redirect a configured
 * provider. Overload (529, or an {@code overloaded_error} event mid-stream) reads as a server
 * error, which the gateway retries.
 */
final class AnthropicProvider extends SpringAiProvider {
  /** The SDK's own default; passed explicitly because a null base URL consults the environment. */
  static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

  AnthropicProvider(ProviderSettings settings, Clock clock) {
    super(settings, clock);
  }

  @Override
  ChatModel newChatModel(Duration connectTimeout) {
    AnthropicChatOptions defaults =
        AnthropicChatOptions.builder()
            .baseUrl(settings().baseUrl() == null ? DEFAULT_BASE_URL : settings().baseUrl())
            .apiKey(settings().apiKey())
            .maxRetries(0)
            .build();
    return AnthropicChatModel.builder()
        .options(defaults)
        .httpClientBuilderCustomizer(http -> http.interceptor(connectTimeout(connectTimeout)))
        .build();
  }

  /** {@code max_tokens} is required by the Messages API; the timeout bounds the whole call. */
  @Override
  public ChatOptions options(
      String model, double temperature, int maxOutputTokens, Duration timeout) {
    return AnthropicChatOptions.builder()
        .model(model)
        .temperature(temperature)
        .maxTokens(maxOutputTokens)
        .timeout(timeout)
        .build();
  }

  @Override
  Optional<ProviderFailure> fromAnswer(Throwable error) {
    if (!(error instanceof AnthropicServiceException e)) {
      return Optional.empty();
    }
    String what = e.getClass().getSimpleName();
    if (e instanceof SseException && e.statusCode() < 400) {
      return Optional.of(ofStreamError(e.errorType().map(ErrorType::asString).orElse(""), what));
    }
    return Optional.of(ofStatus(e.statusCode(), name -> first(e.headers().values(name)), what));
  }

  /**
   * The SDK reports an I/O failure while reading the event stream as "Stream failed", and one
   * before the answer as "Request failed" (a test pins this).
   */
  @Override
  boolean brokeMidStream(Throwable error) {
    return error instanceof AnthropicIoException && "Stream failed".equals(error.getMessage());
  }

  @Override
  boolean isTransportError(Throwable error) {
    return error instanceof AnthropicIoException || error instanceof AnthropicRetryableException;
  }
}
