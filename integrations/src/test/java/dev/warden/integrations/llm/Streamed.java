package dev.warden.integrations.llm;

import dev.warden.core.llm.LlmProvider;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import reactor.core.publisher.Flux;

/** What one streamed call produced: every {@link ChatResponse}, and how the stream ended. */
record Streamed(List<ChatResponse> responses, Throwable error, Duration took) {

  /** Streams "s"/"u" through a {@link ChatClient}, as the gateway does. */
  static Streamed call(
      LlmProvider provider, Duration connectTimeout, String model, Duration callTimeout) {
    Flux<ChatResponse> flux =
        ChatClient.create(provider.chatModel(connectTimeout))
            .prompt()
            .system("s")
            .user("u")
            .options(provider.options(model, 0.2, 100, callTimeout).mutate())
            .stream()
            .chatResponse();
    return of(flux);
  }

  static Streamed of(Flux<ChatResponse> flux) {
    List<ChatResponse> seen = new CopyOnWriteArrayList<>();
    long start = System.nanoTime();
    Throwable error = null;
    try {
      flux.doOnNext(seen::add).blockLast(Duration.ofSeconds(15));
    } catch (RuntimeException e) {
      error = e;
    }
    return new Streamed(List.copyOf(seen), error, Duration.ofNanos(System.nanoTime() - start));
  }

  /** The classes of the error and its causes, outermost first. */
  List<Class<?>> errorChain() {
    List<Class<?>> chain = new java.util.ArrayList<>();
    for (Throwable t = error; t != null && chain.size() < 20; t = t.getCause()) {
      chain.add(t.getClass());
    }
    return chain;
  }

  /** The streamed text, in order. */
  String text() {
    StringBuilder text = new StringBuilder();
    for (ChatResponse response : responses) {
      for (Generation generation : response.getResults()) {
        String part = generation.getOutput().getText();
        if (part != null) {
          text.append(part);
        }
      }
    }
    return text.toString();
  }

  /** The indexes of the responses whose metadata reports token usage. */
  List<Integer> withUsage() {
    return java.util.stream.IntStream.range(0, responses.size())
        .filter(i -> hasUsage(responses.get(i)))
        .boxed()
        .toList();
  }

  /** The usage of the last response that reports any. */
  Optional<Usage> usage() {
    List<Integer> indexes = withUsage();
    return indexes.isEmpty()
        ? Optional.empty()
        : Optional.of(responses.get(indexes.get(indexes.size() - 1)).getMetadata().getUsage());
  }

  /** The finish reasons of all responses, in order, nulls left out. */
  List<String> finishReasons() {
    return responses.stream()
        .flatMap(r -> r.getResults().stream())
        .map(g -> g.getMetadata().getFinishReason())
        .filter(Objects::nonNull)
        .filter(reason -> !reason.isEmpty())
        .toList();
  }

  /** The finish reason on the last response's result, or null when it has none. */
  String lastFinishReason() {
    if (responses.isEmpty()) {
      return null;
    }
    Generation result = responses.get(responses.size() - 1).getResult();
    return result == null ? null : result.getMetadata().getFinishReason();
  }

  private static boolean hasUsage(ChatResponse response) {
    Usage usage = response.getMetadata() == null ? null : response.getMetadata().getUsage();
    return usage != null
        && usage.getPromptTokens() != null
        && (usage.getPromptTokens() > 0
            || (usage.getCompletionTokens() != null && usage.getCompletionTokens() > 0));
  }
}
