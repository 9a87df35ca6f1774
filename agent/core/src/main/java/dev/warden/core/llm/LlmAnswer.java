package dev.warden.core.llm;

import dev.warden.core.redact.Redaction;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a feature gets back, always: the text, and what produced it.
 *
 * @param text the answer; placeholders of redacted secrets stay in it (see {@link #restored()})
 * @param producer a model, the cache, or the feature's deterministic analysis
 * @param label what produced it, in words to show next to the answer ({@code openai/gpt-4o-mini},
 *     {@code deterministic analysis; no model configured})
 * @param model the model that wrote it (for cached answers too), if a model did
 * @param structured the JSON answer, validated against the request's schema, if one was asked for
 * @param notes what the reader should know: content left out to fit the context, fallbacks taken
 * @param tokensIn prompt tokens billed
 * @param tokensOut answer tokens billed
 * @param costUsd what the answer cost
 * @param template the prompt template and version used
 */
public record LlmAnswer(
    String text,
    Producer producer,
    String label,
    Optional<ModelRef> model,
    Optional<JsonNode> structured,
    List<String> notes,
    long tokensIn,
    long tokensOut,
    BigDecimal costUsd,
    String template,
    Redaction redaction) {

  /** What wrote an answer. */
  public enum Producer {
    MODEL,
    CACHE,
    DETERMINISTIC;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public LlmAnswer {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(producer, "producer");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(structured, "structured");
    notes = List.copyOf(notes);
    Objects.requireNonNull(costUsd, "costUsd");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(redaction, "redaction");
  }

  /**
   * The text with the redacted secrets put back, only for a person allowed to see them (never for
   * logs, audit entries or channels).
   */
  public String restored() {
    return redaction.restore(text);
  }

  /** Whether a model wrote this answer, now or earlier (cache). */
  public boolean fromModel() {
    return producer != Producer.DETERMINISTIC;
  }

  /** Never shows the text's secrets: the redaction only says how many there were. */
  @Override
  public String toString() {
    return "LlmAnswer[" + label + ", " + text.length() + " chars, " + redaction + "]";
  }
}
