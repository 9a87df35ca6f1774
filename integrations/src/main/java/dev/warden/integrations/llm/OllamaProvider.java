package dev.warden.integrations.llm;

import dev.warden.core.llm.ProviderFailure;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.ai.ollama.api.common.OllamaApiConstants;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.client.DefaultResponseErrorHandler;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * A local (or self-hosted) Ollama through Spring AI's {@link OllamaChatModel}.
 *
 * <p>Streaming goes through a {@link WebClient} on the JDK HTTP client, which carries the connect
 * timeout; nothing here retries (the Spring AI retry template only wraps the blocking call, and it
 * is given one that never retries). Errors keep Spring's own exceptions ({@link
 * DefaultResponseErrorHandler} instead of Spring AI's, which would drop the status and headers).
 *
 * <p>Ollama's options have no per-call timeout: the gateway's own timeout on the stream bounds the
 * call, and its {@link java.util.concurrent.TimeoutException} reads as {@code TIMEOUT}.
 */
final class OllamaProvider extends SpringAiProvider {
  private static final RetryTemplate NO_RETRY = new RetryTemplate(RetryPolicy.withMaxRetries(0));

  OllamaProvider(ProviderSettings settings, Clock clock) {
    super(settings, clock);
  }

  @Override
  ChatModel newChatModel(Duration connectTimeout) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            // plain HTTP/1.1: no h2c upgrade dance with a local server or proxy
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    RestClient.Builder rest =
        RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(http));
    WebClient.Builder web = WebClient.builder().clientConnector(new JdkClientHttpConnector(http));
    if (settings().hasApiKey()) {
      // Ollama itself has no auth; a proxy in front of it may want a bearer token
      rest.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings().apiKey());
      web.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings().apiKey());
    }
    OllamaApi api =
        OllamaApi.builder()
            .baseUrl(
                settings().baseUrl() == null
                    ? OllamaApiConstants.DEFAULT_BASE_URL
                    : settings().baseUrl())
            .restClientBuilder(rest)
            .webClientBuilder(web)
            .responseErrorHandler(new DefaultResponseErrorHandler())
            .build();
    return OllamaChatModel.builder().ollamaApi(api).retryTemplate(NO_RETRY).build();
  }

  /** Ollama calls the output limit {@code num_predict}; it has no per-call timeout. */
  @Override
  public ChatOptions options(
      String model, double temperature, int maxOutputTokens, Duration timeout) {
    return OllamaChatOptions.builder()
        .model(model)
        .temperature(temperature)
        .numPredict(maxOutputTokens)
        .build();
  }

  @Override
  Optional<ProviderFailure> fromAnswer(Throwable error) {
    String what = error.getClass().getSimpleName();
    if (error instanceof WebClientResponseException e && e.getStatusCode().isError()) {
      return Optional.of(ofStatus(e.getStatusCode().value(), e.getHeaders()::getFirst, what));
    }
    if (error instanceof RestClientResponseException e) {
      HttpHeaders headers = e.getResponseHeaders();
      return Optional.of(
          ofStatus(
              e.getStatusCode().value(),
              name -> headers == null ? null : headers.getFirst(name),
              what));
    }
    return Optional.empty();
  }

  /** WebClient reports a body that broke after a 200 as a response exception with that 200. */
  @Override
  boolean brokeMidStream(Throwable error) {
    return error instanceof WebClientResponseException e && !e.getStatusCode().isError();
  }

  @Override
  boolean isTransportError(Throwable error) {
    return error instanceof WebClientRequestException || error instanceof ResourceAccessException;
  }
}
