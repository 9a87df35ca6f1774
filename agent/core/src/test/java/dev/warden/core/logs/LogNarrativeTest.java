package dev.warden.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.llm.Feature;
import dev.warden.core.llm.GatewaySettings;
import dev.warden.core.llm.GatewaySettings.FeatureSettings;
import dev.warden.core.llm.LlmAnswer;
import dev.warden.core.llm.LlmGateway;
import dev.warden.core.llm.ModelRef;
import dev.warden.core.llm.ScriptedProvider;
import dev.warden.core.testing.InMemoryUsageLedger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import tools.jackson.databind.node.ObjectNode;

class LogNarrativeTest {
  private final InMemoryUsageLedger ledger = new InMemoryUsageLedger();

  private static String summary() {
    return LogSummarizer.summarize(
            List.of(
                "2026-11-27 10:00:01 INFO api: started",
                "2026-11-27 10:00:02 ERROR api: OOMKilled container api-7f9c token=ghp_"
                    + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"),
            Optional.empty())
        .render("api.log", 2000)
        .markdown();
  }

  private LlmGateway scripted(ScriptedProvider provider) {
    return LlmGateway.builder()
        .provider(provider)
        .settings(
            new GatewaySettings(
                Map.of(
                    Feature.SUMMARISE,
                    FeatureSettings.of(List.of(new ModelRef("scripted", "demo")))),
                Map.of(),
                Map.of(),
                GatewaySettings.RetrySettings.DEFAULT,
                GatewaySettings.BreakerSettings.DEFAULT,
                GatewaySettings.CacheSettings.DEFAULT))
        .ledger(ledger)
        .build();
  }

  @Test
  void theNarrativeGoesAboveTheSummaryWithItsLabel() {
    ScriptedProvider provider =
        ScriptedProvider.parse(
            "script.jsonl",
            """
            {"feature": "summarise", "contains": ["OOMKilled", "log summary"], "answer": "The api container ran out of memory at 10:00:02.\\nLook at its memory limit."}
            """);
    String summary = summary();

    LlmAnswer answer = LogNarrative.ask(scripted(provider), "api.log", "payments", summary);
    String markdown = LogNarrative.markdown(answer, summary);

    assertThat(answer.producer()).isEqualTo(LlmAnswer.Producer.MODEL);
    assertThat(markdown)
        .isEqualTo(
            "> Narrative (scripted/demo): The api container ran out of memory at 10:00:02.\n"
                + "> Look at its memory limit.\n\n"
                + summary);
    // what the model saw: the summary as fenced data, with the prompt's values
    List<Message> sent = provider.received().get(0).getInstructions();
    String system =
        sent.stream()
            .filter(m -> m.getMessageType() == MessageType.SYSTEM)
            .findFirst()
            .orElseThrow()
            .getText();
    String user =
        sent.stream()
            .filter(m -> m.getMessageType() == MessageType.USER)
            .findFirst()
            .orElseThrow()
            .getText();
    assertThat(system)
        .contains("summarise the logs of api.log for the on-call engineer of payments");
    assertThat(system).contains("at most 120 words");
    assertThat(user).contains("<<<DATA").contains("# Log summary: api.log");
    assertThat(user).doesNotContain("A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8");
    assertThat(ledger.all())
        .singleElement()
        .satisfies(r -> assertThat(r.template()).isEqualTo("summarise@1"));

    ObjectNode json =
        LogNarrative.json(
            answer,
            LogSummarizer.summarize(List.of("x"), Optional.empty()).render("api.log", 2000).json());
    assertThat(json.at("/narrative/label").asString()).isEqualTo("scripted/demo");
    assertThat(json.at("/narrative/producer").asString()).isEqualTo("model");
    assertThat(json.at("/narrative/text").asString())
        .startsWith("The api container ran out of memory");
  }

  @Test
  void withoutAModelThereIsNoNarrativeButALineSayingSo() {
    LlmGateway gateway = LlmGateway.builder().ledger(ledger).build();
    String summary = summary();

    LlmAnswer answer = LogNarrative.ask(gateway, "api.log", "", summary);

    assertThat(LogNarrative.markdown(answer, summary))
        .isEqualTo("> deterministic analysis; no model configured\n\n" + summary);
    ObjectNode json = LogNarrative.json(answer, JsonNodes.object());
    assertThat(json.at("/narrative/text").asString()).isEmpty();
    assertThat(json.at("/narrative/producer").asString()).isEqualTo("deterministic");
  }

  @Test
  void whenNoScriptedAnswerMatchesTheLabelSaysWhy() {
    ScriptedProvider provider =
        ScriptedProvider.parse(
            "script.jsonl",
            "{\"feature\": \"summarise\", \"contains\": \"nothing like it\", \"answer\": \"x\"}");
    String summary = summary();

    LlmAnswer answer = LogNarrative.ask(scripted(provider), "api.log", "", summary);

    assertThat(LogNarrative.markdown(answer, summary))
        .startsWith("> deterministic analysis; no model answered (scripted/demo: ")
        .endsWith("\n\n" + summary);
  }

  /** An empty JSON object. */
  private static final class JsonNodes {
    static ObjectNode object() {
      return tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
    }
  }
}
