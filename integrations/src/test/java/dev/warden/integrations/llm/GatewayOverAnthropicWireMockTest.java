package dev.warden.integrations.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.warden.integrations.llm.GatewayHarness.DETERMINISTIC;
import static dev.warden.integrations.llm.GatewayHarness.PRICE;
import static dev.warden.integrations.llm.GatewayHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.warden.core.llm.LlmAnswer;
import dev.warden.core.llm.LlmAnswer.Producer;
import dev.warden.core.llm.LlmProvider;
import dev.warden.core.llm.TokenCounter;
import dev.warden.core.llm.UsageRecord;
import dev.warden.integrations.llm.GatewayHarness.RecordingSink;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway end to end over the real Anthropic adapter and a fake Messages endpoint speaking the
 * real event sequence: what the user gets, what the meters and the ledger say, what was sent.
 */
class GatewayOverAnthropicWireMockTest {
  private static final String PATH = "/v1/messages";
  private static final String MODEL = "claude-haiku-4-5";
  private static final String LABEL = "anthropic/" + MODEL;
  private static final int TOKENS_IN = 1234;
  private static final int TOKENS_OUT = 56;
  private static final String ANSWER = "Disk pressure on node-3.";
  private static final String OK = stream("Disk", " pressure", " on node-3.");

  private final WireMockServer server =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private GatewayHarness harness;

  @BeforeAll
  static void warmUp() {
    GatewayHarness.warmUp(GatewayOverAnthropicWireMockTest::anthropic, PATH, OK, MODEL);
  }

  @BeforeEach
  void start() {
    server.start();
    harness = new GatewayHarness(anthropic(server.port()), MODEL);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private static LlmProvider anthropic(int port) {
    return SpringAiProviders.create(
        new ProviderSettings("anthropic", "http://127.0.0.1:" + port, "test-key"));
  }

  // --- the wire format: Messages API server-sent events

  private static String event(String type, String data) {
    return "event: " + type + "\ndata: " + data + "\n\n";
  }

  /** message_start with the input tokens, the text block's start, a ping, and the text deltas. */
  private static String cut(String... pieces) {
    StringBuilder body =
        new StringBuilder(
            event(
                    "message_start",
                    "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\","
                        + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\""
                        + MODEL
                        + "\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":"
                        + TOKENS_IN
                        + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
                        + "\"output_tokens\":1}}}")
                + event(
                    "content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                + event("ping", "{\"type\": \"ping\"}"));
    for (String piece : pieces) {
      body.append(
          event(
              "content_block_delta",
              "{\"type\":\"content_block_delta\",\"index\":0,"
                  + "\"delta\":{\"type\":\"text_delta\",\"text\":\""
                  + piece
                  + "\"}}"));
    }
    return body.toString();
  }

  /** A whole answer: the text, then the block's stop, the stop reason with usage, message_stop. */
  private static String stream(String... pieces) {
    return cut(pieces)
        + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
        + event(
            "message_delta",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":"
                + TOKENS_OUT
                + "}}")
        + event("message_stop", "{\"type\":\"message_stop\"}");
  }

  private static ResponseDefinitionBuilder sse(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream")
        .withBody(body)
        .withChunkedDribbleDelay(6, 150);
  }

  private static ResponseDefinitionBuilder status(int status, String type, String... headers) {
    ResponseDefinitionBuilder response =
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody(
                "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"no\"}}");
    for (int i = 0; i < headers.length; i += 2) {
      response.withHeader(headers[i], headers[i + 1]);
    }
    return response;
  }

  private void answers(ResponseDefinitionBuilder... responses) {
    GatewayHarness.inSequence(server, PATH, responses);
  }

  private List<LoggedRequest> requests() {
    return GatewayHarness.requests(server, PATH);
  }

  private void assertModelAnswer(LlmAnswer answer, RecordingSink sink) {
    assertThat(answer.text()).isEqualTo(ANSWER);
    assertThat(answer.producer()).isEqualTo(Producer.MODEL);
    assertThat(answer.label()).isEqualTo(LABEL);
    assertThat(answer.notes()).isEmpty();
    assertThat(answer.tokensIn()).isEqualTo(TOKENS_IN);
    assertThat(answer.tokensOut()).isEqualTo(TOKENS_OUT);
    assertThat(answer.costUsd()).isEqualByComparingTo(PRICE.cost(TOKENS_IN, TOKENS_OUT));
    assertThat(sink.shown()).isEqualTo(ANSWER);
  }

  /**
   * The model's answer after an attempt that streamed {@code partial} and failed: that attempt is
   * paid for too, its prompt estimated and its text counted.
   */
  private void assertModelAnswerAfterPartial(LlmAnswer answer, RecordingSink sink, String partial) {
    assertThat(answer.text()).isEqualTo(ANSWER);
    assertThat(answer.producer()).isEqualTo(Producer.MODEL);
    assertThat(answer.label()).isEqualTo(LABEL);
    assertThat(answer.tokensIn()).isGreaterThan(TOKENS_IN);
    assertThat(answer.tokensOut()).isEqualTo(TOKENS_OUT + TokenCounter.standard().count(partial));
    assertThat(answer.costUsd())
        .isEqualByComparingTo(PRICE.cost(answer.tokensIn(), answer.tokensOut()));
    assertThat(sink.shown()).isEqualTo(ANSWER);
  }

  @Test
  void aStreamArrivingInPiecesReachesTheSinkInOrderAndIsBilledByItsUsage() {
    answers(sse(OK));
    RecordingSink sink = new RecordingSink();

    LlmAnswer answer = harness.gateway().answer(request("10:01 OOMKilled (a1)").build(), sink);

    assertModelAnswer(answer, sink);
    assertThat(sink.tokens()).containsExactly("Disk", " pressure", " on node-3.");
    assertThat(sink.discards()).isEmpty();
    assertThat(answer.costUsd()).isEqualByComparingTo("0.003645");

    assertThat(harness.calls("ok")).isEqualTo(1);
    assertThat(harness.total("warden.llm.calls")).isEqualTo(1);
    assertThat(harness.modelCount("warden.llm.tokens", "direction", "in")).isEqualTo(TOKENS_IN);
    assertThat(harness.modelCount("warden.llm.tokens", "direction", "out")).isEqualTo(TOKENS_OUT);
    assertThat(harness.modelCount("warden.llm.cost")).isEqualTo(0.003645);
    assertThat(harness.timerCount("warden.llm.first.token")).isEqualTo(1);
    assertThat(harness.answers("model")).isEqualTo(1);
    assertThat(harness.total("warden.llm.retries")).isZero();
    assertThat(harness.total("warden.llm.fallbacks")).isZero();
    assertThat(harness.ledger.all())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.producer()).isEqualTo("model");
              assertThat(r.provider()).isEqualTo("anthropic");
              assertThat(r.model()).isEqualTo(MODEL);
              assertThat(r.tokensIn()).isEqualTo(TOKENS_IN);
              assertThat(r.tokensOut()).isEqualTo(TOKENS_OUT);
              assertThat(r.costUsd()).isEqualByComparingTo("0.003645");
            });
    assertThat(requests()).hasSize(1);
  }

  @Test
  void aRateLimitIsRetriedAfterTheRetryAfterTheServerAskedFor() {
    answers(status(429, "rate_limit_error", "Retry-After", "1"), sse(OK));
    RecordingSink sink = new RecordingSink();

    LlmAnswer answer = harness.gateway().answer(request("10:02 OOMKilled (a2)").build(), sink);

    assertModelAnswer(answer, sink);
    assertThat(harness.retries("rate_limited")).isEqualTo(1);
    assertThat(harness.total("warden.llm.retries")).isEqualTo(1);
    assertThat(harness.calls("rate_limited")).isEqualTo(1);
    assertThat(harness.calls("ok")).isEqualTo(1);
    assertThat(harness.total("warden.llm.calls")).isEqualTo(2);
    assertThat(harness.total("warden.llm.fallbacks")).isZero();
    assertThat(harness.ledger.all())
        .singleElement()
        .extracting(UsageRecord::producer)
        .isEqualTo("model");

    List<LoggedRequest> requests = requests();
    assertThat(requests).hasSize(2);
    long gap =
        requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
    assertThat(gap).as("Retry-After: 1 was honoured").isGreaterThanOrEqualTo(900);
  }

  @Test
  void aServerErrorIsRetriedWithBackoff() {
    answers(status(500, "api_error"), sse(OK));
    RecordingSink sink = new RecordingSink();

    LlmAnswer answer = harness.gateway().answer(request("10:03 OOMKilled (a3)").build(), sink);

    assertModelAnswer(answer, sink);
    assertThat(harness.retries("server_error")).isEqualTo(1);
    assertThat(harness.calls("server_error")).isEqualTo(1);
    assertThat(harness.calls("ok")).isEqualTo(1);
    assertThat(harness.total("warden.llm.fallbacks")).isZero();
    assertThat(requests()).hasSize(2);
  }

  @Test
  void anOverloadEventMidStreamIsDiscardedAndRetried() {
    answers(
        sse(
            cut("Memory")
                + event(
                    "error",
                    "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                        + "\"message\":\"Overloaded\"}}")),
        sse(OK));
    RecordingSink sink = new RecordingSink();

    LlmAnswer answer = harness.gateway().answer(request("10:04 OOMKilled (a4)").build(), sink);

    assertModelAnswerAfterPartial(answer, sink, "Memory");
    assertThat(sink.events())
        .containsExactly(
            "token:Memory",
            "discard:error event in stream overloaded_error (SseException)",
            "token:Disk",
            "token: pressure",
            "token: on node-3.");
    assertThat(harness.calls("server_error")).isEqualTo(1);
    assertThat(harness.retries("server_error")).isEqualTo(1);
    assertThat(requests()).hasSize(2);
  }

  @Test
  void aCutStreamIsDiscardedAndTheNextAttemptAnswers() {
    answers(sse(cut("Memory", " is")), sse(OK));
    RecordingSink sink = new RecordingSink();

    LlmAnswer answer = harness.gateway().answer(request("10:06 OOMKilled (a6)").build(), sink);

    assertModelAnswerAfterPartial(answer, sink, "Memory is");
    assertThat(sink.events())
        .containsExactly(
            "token:Memory",
            "token: is",
            "discard:the answer stream ended before the model finished",
            "token:Disk",
            "token: pressure",
            "token: on node-3.");
    assertThat(harness.calls("cut")).isEqualTo(1);
    assertThat(harness.calls("ok")).isEqualTo(1);
    assertThat(harness.retries("cut")).isEqualTo(1);
    assertThat(harness.total("warden.llm.fallbacks")).isZero();
    assertThat(requests()).hasSize(2);
  }

  @Test
  void whenEveryAttemptIsCutTheAnswerIsDeterministic() {
    answers(sse(cut("Memory", " is")));
    RecordingSink sink = new RecordingSink();

    LlmAnswer answer = harness.gateway().answer(request("10:06 OOMKilled (a6b)").build(), sink);

    assertThat(answer.text()).isEqualTo(DETERMINISTIC);
    assertThat(answer.producer()).isEqualTo(Producer.DETERMINISTIC);
    assertThat(answer.label())
        .isEqualTo(
            "deterministic analysis; no model answered ("
                + LABEL
                + ": the answer stream ended before the model finished)");
    assertThat(sink.discards()).hasSize(3);
    assertThat(sink.shown()).isEqualTo(DETERMINISTIC);
    assertThat(answer.costUsd())
        .as("three identical cut attempts were paid for, each rounded up to the micro-dollar")
        .isPositive()
        .isEqualByComparingTo(
            PRICE
                .cost(answer.tokensIn() / 3, answer.tokensOut() / 3)
                .multiply(java.math.BigDecimal.valueOf(3)));
    assertThat(harness.calls("cut")).isEqualTo(3);
    assertThat(harness.retries("cut")).isEqualTo(2);
    assertThat(harness.fallbacks("cut")).isEqualTo(1);
    assertThat(requests()).hasSize(3);
  }
}
