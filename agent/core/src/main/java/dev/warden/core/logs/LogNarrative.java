package dev.warden.core.logs;

import dev.warden.core.llm.Feature;
import dev.warden.core.llm.LlmAnswer;
import dev.warden.core.llm.LlmGateway;
import dev.warden.core.llm.LlmRequest;
import dev.warden.core.llm.PromptTemplate;
import dev.warden.core.llm.TokenSink;
import dev.warden.core.llm.Untrusted;
import dev.warden.core.redact.Redactor;
import tools.jackson.databind.node.ObjectNode;

/**
 * A model's short narrative of a log summary, through the {@link LlmGateway}: the rendered
 * deterministic summary goes to the model as untrusted data with the {@code summarise} prompt. The
 * deterministic answer is empty: the summary stands on its own, so without a model (or when no
 * model answers) there is no narrative, only the answer's label saying why.
 */
public final class LogNarrative {
  /** The prompt's word limit. */
  public static final String MAX_WORDS = "120";

  private static final PromptTemplate PROMPT = PromptTemplate.load("summarise", 1);

  private LogNarrative() {}

  /**
   * Asks the gateway for a narrative of {@code summaryMarkdown}.
   *
   * @param subject what the log is of: a file name, a pod
   * @param scope the service or channel it is for, for the prompt and for the gateway's flags and
   *     budgets; may be empty
   */
  public static LlmAnswer ask(
      LlmGateway gateway, String subject, String scope, String summaryMarkdown) {
    return ask(gateway, subject, scope, summaryMarkdown, TokenSink.none());
  }

  /**
   * Asks as {@link #ask(LlmGateway, String, String, String)} does, showing the narrative to {@code
   * sink} as the model writes it (a chat message that grows).
   */
  public static LlmAnswer ask(
      LlmGateway gateway, String subject, String scope, String summaryMarkdown, TokenSink sink) {
    LlmRequest request =
        LlmRequest.builder(Feature.SUMMARISE, PROMPT)
            .value("subject", subject)
            .value("scope", scope.isBlank() ? "the service" : scope)
            .value("maxWords", MAX_WORDS)
            .data(new Untrusted("log summary", "log", summaryMarkdown, 10, Untrusted.Keep.HEAD))
            .scope(scope)
            .deterministic(() -> "")
            .build();
    return gateway.answer(request, sink);
  }

  /** Whether the answer is a narrative: a model (or the cache) wrote something. */
  public static boolean hasNarrative(LlmAnswer answer) {
    return answer.fromModel() && !answer.text().isBlank();
  }

  /**
   * The summary with the narrative above it, quoted and labelled ({@code > Narrative
   * (openai/gpt-4o-mini): ...}); without one, a quoted line with the answer's label ({@code >
   * deterministic analysis; no model configured}). The narrative is redacted again: it is printed.
   */
  public static String markdown(LlmAnswer answer, String summaryMarkdown) {
    StringBuilder out = new StringBuilder();
    if (hasNarrative(answer)) {
      String[] lines = text(answer).split("\n", -1);
      out.append("> Narrative (")
          .append(answer.label())
          .append("): ")
          .append(lines[0])
          .append('\n');
      for (int i = 1; i < lines.length; i++) {
        out.append(lines[i].isBlank() ? ">" : "> " + lines[i]).append('\n');
      }
      for (String note : answer.notes()) {
        out.append(">\n> (").append(note).append(")\n");
      }
    } else {
      out.append("> ").append(answer.label()).append('\n');
    }
    return out.append('\n').append(summaryMarkdown).toString();
  }

  /** Adds {@code narrative} to a summary's JSON: text (empty without one), label, producer. */
  public static ObjectNode json(LlmAnswer answer, ObjectNode summary) {
    ObjectNode narrative = summary.putObject("narrative");
    narrative.put("text", hasNarrative(answer) ? text(answer) : "");
    narrative.put("label", answer.label());
    narrative.put("producer", answer.producer().id());
    var notes = narrative.putArray("notes");
    answer.notes().forEach(notes::add);
    return summary;
  }

  /** The narrative, its secrets' placeholders kept (never {@link LlmAnswer#restored()}). */
  private static String text(LlmAnswer answer) {
    return Redactor.standard().redact(answer.text().strip()).text();
  }
}
