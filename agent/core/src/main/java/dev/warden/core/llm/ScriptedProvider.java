package dev.warden.core.llm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider that answers from a JSON Lines file of canned answers, for demos, tests and
 * reproducible evaluations. Each line is one answer:
 *
 * <pre>{@code
 * {"feature": "summarise", "contains": ["OOMKilled"], "answer": "The pod ran out of memory ..."}
 * }</pre>
 *
 * <p>The first line whose {@code feature} is the asking feature and whose {@code contains} strings
 * all occur in the prompt (system and data) answers; a line without {@code contains} answers any
 * prompt of its feature. The answer is streamed in {@code chunks} pieces (default 4) and billed by
 * the shared tokenizer. No matching line is a client error, so the gateway falls back.
 */
public final class ScriptedProvider implements LlmProvider {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern FEATURE = Pattern.compile("^Warden feature: ([a-z]+)");
  private static final int KEPT_PROMPTS = 100;

  private final List<Line> lines;
  private final ScriptedChatModel model = new ScriptedChatModel();
  private final Deque<Prompt> received = new ArrayDeque<>();

  private ScriptedProvider(List<Line> lines) {
    this.lines = List.copyOf(lines);
  }

  /**
   * Reads a script.
   *
   * @throws IllegalArgumentException naming the file and line of the first bad entry
   */
  public static ScriptedProvider load(Path file) throws IOException {
    return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Reads a script from its text.
   *
   * @throws IllegalArgumentException naming the file and line of the first bad entry
   */
  public static ScriptedProvider parse(String file, String text) {
    List<Line> lines = new ArrayList<>();
    String[] rows = text.split("\n", -1);
    for (int i = 0; i < rows.length; i++) {
      String row = rows[i].strip();
      if (row.isEmpty() || row.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      JsonNode node;
      try {
        node = JSON.readTree(row);
      } catch (JacksonException e) {
        throw new IllegalArgumentException(where + "not JSON: " + e.getOriginalMessage(), e);
      }
      if (!node.isObject() || !node.path("feature").isString() || !node.path("answer").isString()) {
        throw new IllegalArgumentException(
            where + "each line needs \"feature\" and \"answer\" strings");
      }
      Feature.of(node.get("feature").asString());
      List<String> contains = new ArrayList<>();
      JsonNode wanted = node.path("contains");
      if (wanted.isString()) {
        contains.add(wanted.asString());
      } else if (wanted.isArray()) {
        wanted.valueStream().forEach(v -> contains.add(v.asString()));
      } else if (!wanted.isMissingNode()) {
        throw new IllegalArgumentException(where + "\"contains\" is a string or a list of strings");
      }
      int chunks = node.path("chunks").asInt(4);
      if (chunks < 1) {
        throw new IllegalArgumentException(where + "\"chunks\" is at least 1");
      }
      lines.add(
          new Line(
              node.get("feature").asString(), contains, node.get("answer").asString(), chunks));
    }
    return new ScriptedProvider(lines);
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public ChatModel chatModel(Duration connectTimeout) {
    return model;
  }

  @Override
  public ChatOptions options(
      String model, double temperature, int maxOutputTokens, Duration timeout) {
    return ChatOptions.builder()
        .model(model)
        .temperature(temperature)
        .maxTokens(maxOutputTokens)
        .build();
  }

  @Override
  public Optional<ProviderFailure> classify(Throwable error) {
    if (error instanceof NoScriptedAnswer) {
      return Optional.of(
          new ProviderFailure(
              ProviderFailure.Kind.CLIENT_ERROR, 404, Optional.empty(), error.getMessage()));
    }
    return Optional.empty();
  }

  /** The prompts received, the newest last (at most the last 100): what would have been sent. */
  public synchronized List<Prompt> received() {
    return List.copyOf(received);
  }

  private synchronized void keep(Prompt prompt) {
    received.addLast(prompt);
    if (received.size() > KEPT_PROMPTS) {
      received.removeFirst();
    }
  }

  private Line match(Prompt prompt) {
    String system = "";
    StringBuilder all = new StringBuilder();
    for (Message message : prompt.getInstructions()) {
      if (message.getMessageType() == MessageType.SYSTEM && system.isEmpty()) {
        system = message.getText();
      }
      all.append(message.getText()).append('\n');
    }
    Matcher feature = FEATURE.matcher(system);
    String asked = feature.find() ? feature.group(1) : "";
    for (Line line : lines) {
      if (line.feature().equals(asked)
          && line.contains().stream().allMatch(s -> all.indexOf(s) >= 0)) {
        return line;
      }
    }
    throw new NoScriptedAnswer("no scripted answer for feature '" + asked + "' and this prompt");
  }

  private record Line(String feature, List<String> contains, String answer, int chunks) {
    Line {
      Objects.requireNonNull(answer, "answer");
    }
  }

  /** No line of the script matches the prompt. */
  static final class NoScriptedAnswer extends RuntimeException {
    NoScriptedAnswer(String message) {
      super(message);
    }
  }

  private final class ScriptedChatModel implements ChatModel {
    @Override
    public ChatResponse call(Prompt prompt) {
      return stream(prompt).reduce((a, b) -> b).block();
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
      return Flux.defer(
          () -> {
            keep(prompt);
            Line line = match(prompt);
            List<String> pieces = split(line.answer(), line.chunks());
            int in = 0;
            for (Message message : prompt.getInstructions()) {
              in += TokenCounter.standard().count(message.getText());
            }
            int out = TokenCounter.standard().count(line.answer());
            String model = prompt.getOptions() == null ? "" : prompt.getOptions().getModel();
            List<ChatResponse> responses = new ArrayList<>();
            for (int i = 0; i < pieces.size(); i++) {
              boolean last = i == pieces.size() - 1;
              ChatGenerationMetadata metadata =
                  last
                      ? ChatGenerationMetadata.builder().finishReason("STOP").build()
                      : ChatGenerationMetadata.NULL;
              ChatResponseMetadata.Builder response = ChatResponseMetadata.builder().model(model);
              if (last) {
                response.usage(new DefaultUsage(in, out));
              }
              responses.add(
                  new ChatResponse(
                      List.of(new Generation(new AssistantMessage(pieces.get(i)), metadata)),
                      response.build()));
            }
            return Flux.fromIterable(responses);
          });
    }
  }

  private static List<String> split(String answer, int chunks) {
    List<String> pieces = new ArrayList<>();
    int size = Math.max(1, (answer.length() + chunks - 1) / chunks);
    for (int at = 0; at < answer.length(); at += size) {
      pieces.add(answer.substring(at, Math.min(answer.length(), at + size)));
    }
    if (pieces.isEmpty()) {
      pieces.add("");
    }
    return pieces;
  }
}
