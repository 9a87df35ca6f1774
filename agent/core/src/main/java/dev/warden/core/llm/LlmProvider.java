package dev.warden.core.llm;

import java.time.Duration;
import java.util.Optional;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * A model provider as the gateway sees it: a Spring AI chat model, the options it takes, and how
 * its failures read.
 *
 * <p>Implementations must not retry by themselves (the gateway does, with one policy for all), and
 * must stream: {@link ChatModel#stream} is the only call the gateway makes.
 */
public interface LlmProvider {

  /**
   * The provider's name in configuration, metrics and labels ({@code openai}, {@code scripted}).
   */
  String name();

  /**
   * The chat model, with an HTTP client whose connect timeout is the one given. Implementations
   * keep one model per distinct timeout.
   */
  ChatModel chatModel(Duration connectTimeout);

  /**
   * The options of one call: model name, sampling temperature, output limit, whole-call timeout.
   */
  ChatOptions options(String model, double temperature, int maxOutputTokens, Duration timeout);

  /**
   * What a failure of this provider's model means, or empty when the error is not the provider's
   * (the gateway then treats it as permanent).
   */
  Optional<ProviderFailure> classify(Throwable error);
}
