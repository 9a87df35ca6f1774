package dev.warden.integrations.llm;

import com.openai.core.ClientOptions;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import dev.warden.core.llm.ProviderFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * OpenAI, and any server that speaks its Chat Completions API ({@code openai-compatible}: vLLM,
 * LiteLLM, llama.cpp, a fake), through Spring AI's {@link OpenAiChatModel} on the official SDK.
 *
 * <p>The SDK's retries are off ({@code maxRetries 0}): the gateway retries, with one policy for all
 * providers, and a hidden second attempt would double the cost and the latency the gateway sees.
 * The base URL is always passed explicitly, so neither {@code OPENAI_BASE_URL} nor {@code
 * OPENAI_API_KEY} in the environment can redirect or re-key a configured provider.
 */
final class OpenAiProvider extends SpringAiProvider {
  private final boolean compatible;

  OpenAiProvider(ProviderSettings settings, Clock clock) {
    super(settings, clock);
    this.compatible = settings.type().equals("openai-compatible");
  }

  @Override
  ChatModel newChatModel(Duration connectTimeout) {
    String baseUrl =
        settings().baseUrl() == null ? ClientOptions.PRODUCTION_URL : settings().baseUrl();
    OpenAiChatOptions defaults =
        OpenAiChatOptions.builder()
            .baseUrl(baseUrl)
            // an empty key makes Spring AI send no Authorization header (a keyless local server)
            .apiKey(settings().hasApiKey() ? settings().apiKey() : "")
            .maxRetries(0)
            .streamUsage(true)
            .build();
    return OpenAiChatModel.builder()
        .options(defaults)
        .httpClientBuilderCustomizer(http -> http.interceptor(connectTimeout(connectTimeout)))
        .build();
  }

  /**
   * {@code max_completion_tokens} for OpenAI itself (its reasoning models reject {@code
   * max_tokens}, which the API deprecated); {@code max_tokens} for compatible servers, which do not
   * all know the newer name. The timeout bounds the whole call, the stream included.
   */
  @Override
  public ChatOptions options(
      String model, double temperature, int maxOutputTokens, Duration timeout) {
    OpenAiChatOptions.Builder options =
        OpenAiChatOptions.builder()
            .model(model)
            .temperature(temperature)
            .streamUsage(true)
            .timeout(timeout);
    if (compatible) {
      options.maxTokens(maxOutputTokens);
    } else {
      options.maxCompletionTokens(maxOutputTokens);
    }
    return options.build();
  }

  @Override
  Optional<ProviderFailure> fromAnswer(Throwable error) {
    if (!(error instanceof OpenAIServiceException e)) {
      return Optional.empty();
    }
    String what = e.getClass().getSimpleName();
    if (e instanceof SseException && e.statusCode() < 400) {
      return Optional.of(ofStreamError(e.type().or(e::code).orElse(""), what));
    }
    return Optional.of(ofStatus(e.statusCode(), name -> first(e.headers().values(name)), what));
  }

  /**
   * The SDK reports an I/O failure while reading the event stream as "Stream failed", and one
   * before the answer as "Request failed" (a test pins this).
   */
  @Override
  boolean brokeMidStream(Throwable error) {
    return error instanceof OpenAIIoException && "Stream failed".equals(error.getMessage());
  }

  @Override
  boolean isTransportError(Throwable error) {
    return error instanceof OpenAIIoException || error instanceof OpenAIRetryableException;
  }
}
