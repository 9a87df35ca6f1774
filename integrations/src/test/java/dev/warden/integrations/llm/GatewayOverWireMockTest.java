package dev.warden.integrations.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.warden.integrations.llm.GatewayHarness.DETERMINISTIC;
import static dev.warden.integrations.llm.GatewayHarness.PRICE;
import static dev.warden.integrations.llm.GatewayHarness.SUMMARY;
import static dev.warden.integrations.llm.GatewayHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.warden.core.llm.GatewaySettings.BreakerSettings;
import dev.warden.core.llm.GatewaySettings.RateLimits;
import dev.warden.core.llm.GatewaySettings.RetrySettings;
import dev.warden.core.llm.GatewaySettings.Timeouts;
import dev.warden.core.llm.LlmAnswer;
import dev.warden.core.llm.LlmAnswer.Producer;
import dev.warden.core.llm.LlmGateway;
import dev.warden.core.llm.LlmProvider;
import dev.warden.core.llm.TokenCounter;
import dev.warden.core.llm.UsageRecord;
import dev.warden.integrations.llm.GatewayHarness.RecordingSink;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway end to end over the real OpenAI adapter and a fake Chat Completions endpoint: what
 * the user gets, what the meters and the ledger say, and what reached the server.
 */
class GatewayOverWireMockTest {
  private static final String PATH = "/v1/chat/completions";
  private static final String MODEL = "gpt-4o-mini";
  private static final String LABEL = "openai-compatible/" + MODEL;
  private static final int TOKENS_IN = 1234;
  private static final TokenCounter COUNTER = TokenCounter.standard();
  private static final int TOKENS_OUT = 56;
  private static final String ANSWER = "Disk pressure on node-3.";
  private static final String OK = stream("Disk", " pressure", " on node-3.");
  private static final String JSON = stream("{\\\"summary\\\":", "\\\"disk pressure\\\"}");

  private final WireMockServer server =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private GatewayHarness harness;

  @BeforeAll
  static void warmUp() {
    GatewayHarness.warmUp(GatewayOverWireMockTest::compatible, PATH, OK, MODEL);
  }

  @BeforeEach
  void start() {
    server.start();
    harness = new GatewayHarness(compatible(server.port()), MODEL);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private static LlmProvider compatible(int port) {
    return SpringAiProviders.create(
        new ProviderSettings("openai-compatible", "http://127.0.0.1:" + port + "/v1", "test-key"));
  }

  // --- the wire format: Chat Completions chunks as OpenAI streams them

  private static String chunk(String delta, String finishReason) {
    return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1732700000,\"model\":\"gpt-4o-mini-2024-07-18\","
        + "\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"logprobs\":null,\"finish_reason\":"
        + (finishReason == null ? "null" : "\"" + finishReason + "\"")
        + "}],\"usage\":null}\n\n";
  }

  /** The role chunk and the content chunks, without a finish reason, usage or [DONE]. */
  private static String cut(String... pieces) {
    StringBuilder body =
        new StringBuilder(
            chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null));
    for (String piece : pieces) {
      body.append(chunk("{\"content\":\"" + piece + "\"}", null));
    }
    return body.toString();
  }

  /** A whole answer: content, finish reason, the usage chunk, [DONE]. */
  private static String stream(String... pieces) {
    return cut(pieces)
        + chunk("{}", "stop")
        + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1732700000,\"model\":\"gpt-4o-mini-2024-07-18\","
        + "\"system_fingerprint\":\"fp_1\",\"choices\":[],\"usage\":{\"prompt_tokens\":"
        + TOKENS_IN
        + ",\"completion_tokens\":"
        + TOKENS_OUT
        + ",\"total_tokens\":"
        + (TOKENS_IN + TOKENS_OUT)
        + "}}\n\n"
        + "data: [DONE]\n\n";
  }

  private static ResponseDefinitionBuilder sse(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream")
        .withBody(body)
        .withChunkedDribbleDelay(6, 150);
  }

  private static ResponseDefinitionBuilder status(int status, String... headers) {
    ResponseDefinitionBuilder response =
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody(
                "{\"error\":{\"message\":\"no\",\"type\":\"x\",\"param\":null,\"code\":\"x\"}}");
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

  private static void assertDeterministic(LlmAnswer answer) {
    assertThat(answer.text()).isEqualTo(DETERMINISTIC);
    assertThat(answer.producer()).isEqualTo(Producer.DETERMINISTIC);
    assertThat(answer.notes()).isEmpty();
    assertThat(answer.costUsd()).isZero();
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

  // --- 1

  @Test
  void aStreamArrivingInPiecesReachesTheSinkInOrderAndIsBilledByItsUsage() {
    answers(sse(OK));
    RecordingSink sink = new RecordingSink();

    LlmAnswer answer = harness.gateway().answer(request("10:01 OOMKilled (1)").build(), sink);

    assertModelAnswer(answer, sink);
    assertThat(sink.tokens()).containsExactly("Disk", " pressure", " on node-3.");
    assertThat(sink.discards()).isEmpty();
    assertThat(answer.model()).contains(harness.model);
    assertThat(answer.costUsd()).isEqualByComparingTo("0.003645");
    assertThat(answer.template()).isEqualTo("summarise@1");

    assertThat(harness.calls("ok")).isEqualTo(1);
    assertThat(harness.total("warden.llm.calls")).isEqualTo(1);
    assertThat(harness.modelCount("warden.llm.tokens", "direction", "in")).isEqualTo(TOKENS_IN);
    assertThat(harness.modelCount("warden.llm.tokens", "direction", "out")).isEqualTo(TOKENS_OUT);
    assertThat(harness.modelCount("warden.llm.cost")).isEqualTo(0.003645);
    assertThat(harness.timerCount("warden.llm.first.token")).isEqualTo(1);
    assertThat(harness.timerCount("warden.llm.latency")).isEqualTo(1);
    assertThat(harness.cache("miss")).isEqualTo(1);
    assertThat(harness.answers("model")).isEqualTo(1);
    assertThat(harness.total("warden.llm.retries")).isZero();
    assertThat(harness.total("warden.llm.fallbacks")).isZero();
    assertThat(harness.circuitState()).isZero();

    assertThat(harness.ledger.all())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.producer()).isEqualTo("model");
              assertThat(r.provider()).isEqualTo("openai-compatible");
              assertThat(r.model()).isEqualTo(MODEL);
              assertThat(r.scope()).isEqualTo("#payments-oncall");
              assertThat(r.tokensIn()).isEqualTo(TOKENS_IN);
              assertThat(r.tokensOut()).isEqualTo(TOKENS_OUT);
              assertThat(r.costUsd()).isEqualByComparingTo("0.003645");
              assertThat(r.at()).isEqualTo(GatewayHarness.NOW);
            });
    assertThat(requests()).hasSize(1);
  }

  // --- 2

  @Test
  void aRateLimitIsRetriedAfterTheRetryAfterTheServerAskedFor() {
    answers(status(429, "Retry-After", "1"), sse(OK));
    RecordingSink sink = new RecordingSink();

    LlmAnswer answer = harness.gateway().answer(request("10:02 OOMKilled (2)").build(), sink);

    assertModelAnswer(answer, sink);
    assertThat(sink.discards()).isEmpty();
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

  // --- 3

  @Test
  void aServerErrorIsRetriedWithBackoff() {
    answers(status(500), sse(OK));
    RecordingSink sink = new RecordingSink();

    LlmAnswer answer = harness.gateway().answer(request("10:03 OOMKilled (3)").build(), sink);

    assertModelAnswer(answer, sink);
    assertThat(harness.retries("server_error")).isEqualTo(1);
    assertThat(harness.total("warden.llm.retries")).isEqualTo(1);
    assertThat(harness.calls("server_error")).isEqualTo(1);
    assertThat(harness.calls("ok")).isEqualTo(1);
    assertThat(harness.total("warden.llm.fallbacks")).isZero();
    assertThat(requests()).hasSize(2);
  }

  // --- 4

  @Test
  void aClientErrorIsNotRetriedAndTheDeterministicAnswerSaysWhy() {
    answers(status(400));
    RecordingSink sink = new RecordingSink();

    LlmAnswer answer = harness.gateway().answer(request("10:04 OOMKilled (4)").build(), sink);

    assertDeterministic(answer);
    assertThat(answer.label())
        .startsWith("deterministic analysis; no model answered (")
        .contains(MODEL)
        .isEqualTo(
            "deterministic analysis; no model answered ("
                + LABEL
                + ": HTTP 400 (BadRequestException))");
    assertThat(answer.model()).isEmpty();
    assertThat(sink.events()).containsExactly("token:" + DETERMINISTIC);
    assertThat(requests()).hasSize(1);
    assertThat(harness.calls("client_error")).isEqualTo(1);
    assertThat(harness.total("warden.llm.calls")).isEqualTo(1);
    assertThat(harness.total("warden.llm.retries")).isZero();
    assertThat(harness.fallbacks("client_error")).isEqualTo(1);
    assertThat(harness.total("warden.llm.fallbacks")).isEqualTo(1);
    assertThat(harness.answers("deterministic")).isEqualTo(1);
    assertThat(harness.circuitState()).as("a 4xx is not the provider's failure").isZero();
    assertThat(harness.ledger.all())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.producer()).isEqualTo("deterministic");
              assertThat(r.provider()).isEqualTo("none");
              assertThat(r.costUsd()).isZero();
            });
  }

  // --- 5

  @Test
  void aServerThatNeverAnswersGetsTheDeterministicAnswerWithinTheDeadline() {
    answers(aResponse().withStatus(200).withFixedDelay(10_000).withBody("data: [DONE]\n\n"));
    RecordingSink sink = new RecordingSink();
    LlmGateway gateway = harness.gateway();

    long start = System.nanoTime();
    LlmAnswer answer = gateway.answer(request("10:05 OOMKilled (5)").build(), sink);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(GatewayHarness.FAST.deadline().plusSeconds(2));
    assertDeterministic(answer);
    assertThat(answer.label())
        .isEqualTo(
            "deterministic analysis; no model answered ("
                + LABEL
                + ": no first token within 500 ms)");
    assertThat(sink.events()).containsExactly("token:" + DETERMINISTIC);
    // three attempts of 500 ms each, with 50-200 ms between them, fit in the 3 s deadline
    assertThat(harness.calls("timeout")).isEqualTo(3);
    assertThat(harness.total("warden.llm.calls")).isEqualTo(3);
    assertThat(harness.retries("timeout")).isEqualTo(2);
    assertThat(harness.fallbacks("timeout")).isEqualTo(1);
    assertThat(harness.total("warden.llm.fallbacks")).isEqualTo(1);
    assertThat(harness.timerCount("warden.llm.first.token")).isZero();
    assertThat(requests()).hasSize(3);
  }

  // --- 6

  @Test
  void aCutStreamIsDiscardedAndTheNextAttemptAnswers() {
    answers(sse(cut("Memory", " is")), sse(OK));
    RecordingSink sink = new RecordingSink();

    LlmAnswer answer = harness.gateway().answer(request("10:06 OOMKilled (6)").build(), sink);

    assertThat(answer.text()).isEqualTo(ANSWER);
    assertThat(answer.label()).isEqualTo(LABEL);
    // the cut attempt is paid too: its prompt (estimated) and the text it streamed (counted)
    assertThat(answer.tokensIn()).isGreaterThan(TOKENS_IN);
    assertThat(answer.tokensOut()).isEqualTo(TOKENS_OUT + COUNTER.count("Memory is"));
    assertThat(answer.costUsd())
        .isEqualByComparingTo(PRICE.cost(answer.tokensIn(), answer.tokensOut()));
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

    LlmAnswer answer = harness.gateway().answer(request("10:06 OOMKilled (6b)").build(), sink);

    assertThat(answer.text()).isEqualTo(DETERMINISTIC);
    assertThat(answer.producer()).isEqualTo(Producer.DETERMINISTIC);
    assertThat(answer.tokensOut()).isEqualTo(3 * COUNTER.count("Memory is"));
    assertThat(answer.costUsd())
        .as("three identical cut attempts were paid for, each rounded up to the micro-dollar")
        .isPositive()
        .isEqualByComparingTo(
            PRICE
                .cost(answer.tokensIn() / 3, answer.tokensOut() / 3)
                .multiply(java.math.BigDecimal.valueOf(3)));
    assertThat(answer.label())
        .isEqualTo(
            "deterministic analysis; no model answered ("
                + LABEL
                + ": the answer stream ended before the model finished)");
    assertThat(sink.discards()).hasSize(3);
    assertThat(sink.shown()).isEqualTo(DETERMINISTIC);
    assertThat(harness.calls("cut")).isEqualTo(3);
    assertThat(harness.retries("cut")).isEqualTo(2);
    assertThat(harness.fallbacks("cut")).isEqualTo(1);
    assertThat(requests()).hasSize(3);
  }

  // --- 7

  private void structured(String first, String repaired) {
    server.stubFor(post(urlEqualTo(PATH)).atPriority(5).willReturn(sse(first)));
    server.stubFor(
        post(urlEqualTo(PATH))
            .withRequestBody(containing("does not match the JSON Schema"))
            .atPriority(1)
            .willReturn(sse(repaired)));
  }

  @Test
  void aStructuredAnswerThatIsNotJsonIsRepairedOnce() {
    structured(stream("not json", " at all"), JSON);

    LlmAnswer answer =
        harness.gateway().answer(request("10:07 OOMKilled (7)").schema(SUMMARY).build());

    assertThat(answer.producer()).isEqualTo(Producer.MODEL);
    assertThat(answer.label()).isEqualTo(LABEL);
    assertThat(answer.text()).isEqualTo("{\"summary\":\"disk pressure\"}");
    assertThat(answer.structured())
        .hasValueSatisfying(
            json -> assertThat(json.path("summary").asString()).isEqualTo("disk pressure"));
    assertThat(answer.tokensIn()).isEqualTo(2 * TOKENS_IN);
    assertThat(answer.tokensOut()).isEqualTo(2 * TOKENS_OUT);
    assertThat(answer.costUsd()).isEqualByComparingTo(PRICE.cost(2 * TOKENS_IN, 2 * TOKENS_OUT));
    assertThat(harness.calls("ok")).isEqualTo(2);
    assertThat(harness.total("warden.llm.fallbacks")).isZero();
    List<LoggedRequest> requests = requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).getBodyAsString())
        .contains("does not match the JSON Schema")
        .contains("not json at all");
  }

  @Test
  void aStructuredAnswerStillInvalidAfterTheRepairIsDeterministicButPaid() {
    structured(stream("not json", " at all"), stream("still", " not json"));

    LlmAnswer answer =
        harness.gateway().answer(request("10:07 OOMKilled (7b)").schema(SUMMARY).build());

    assertThat(answer.producer()).isEqualTo(Producer.DETERMINISTIC);
    assertThat(answer.text()).isEqualTo(DETERMINISTIC);
    assertThat(answer.structured()).isEmpty();
    assertThat(answer.label())
        .isEqualTo(
            "deterministic analysis; no usable model answer ("
                + LABEL
                + ": its answer did not match the schema, even after one repair)");
    BigDecimal both = PRICE.cost(2 * TOKENS_IN, 2 * TOKENS_OUT);
    assertThat(answer.costUsd()).isEqualByComparingTo(both);
    assertThat(harness.fallbacks("schema")).isEqualTo(1);
    assertThat(harness.total("warden.llm.fallbacks")).isEqualTo(1);
    assertThat(harness.calls("ok")).isEqualTo(2);
    assertThat(harness.answers("deterministic")).isEqualTo(1);
    assertThat(harness.ledger.all())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.producer()).isEqualTo("deterministic");
              assertThat(r.provider()).isEqualTo("openai-compatible");
              assertThat(r.model()).isEqualTo(MODEL);
              assertThat(r.tokensIn()).isEqualTo(2 * TOKENS_IN);
              assertThat(r.tokensOut()).isEqualTo(2 * TOKENS_OUT);
              assertThat(r.costUsd()).isEqualByComparingTo(both);
            });
    assertThat(requests()).hasSize(2);
  }

  // --- 8

  @Test
  void aSpentBudgetSendsNothingAndSaysSo() {
    answers(sse(OK));
    harness.ledger.record(
        new UsageRecord(
            harness.clock.instant().minusSeconds(60),
            "summarise",
            "#other",
            "openai-compatible",
            MODEL,
            "summarise@1",
            "model",
            300,
            40,
            new BigDecimal("0.001")));
    LlmGateway gateway =
        harness.gateway(o -> o.dailyBudgetUsd = Optional.of(new BigDecimal("0.001")));
    RecordingSink sink = new RecordingSink();

    LlmAnswer answer = gateway.answer(request("10:08 OOMKilled (8)").build(), sink);

    assertDeterministic(answer);
    assertThat(answer.label())
        .isEqualTo(
            "deterministic analysis; today's budget for summarise is spent (0.001 of 0.001 USD)");
    assertThat(sink.events()).containsExactly("token:" + DETERMINISTIC);
    assertThat(requests()).isEmpty();
    assertThat(harness.count("warden.llm.budget.refusals", "feature", "summarise")).isEqualTo(1);
    assertThat(
            harness.count(
                "warden.llm.fallbacks",
                "feature",
                "summarise",
                "from",
                "budget",
                "reason",
                "budget_spent"))
        .isEqualTo(1);
    assertThat(harness.total("warden.llm.calls")).isZero();
    assertThat(harness.ledger.all()).hasSize(2);
  }

  // --- 9

  @Test
  void anOpenCircuitSendsNothingAndSaysSo() {
    answers(status(503));
    LlmGateway gateway =
        harness.gateway(
            o -> {
              o.breaker = new BreakerSettings(50, 4, 2, Duration.ofSeconds(30));
              o.retry =
                  new RetrySettings(1, Duration.ofMillis(50), 2.0, 0.5, Duration.ofMillis(200));
            });

    LlmAnswer first = gateway.answer(request("10:09 OOMKilled (9a)").build());
    assertThat(harness.circuitState()).isZero();
    LlmAnswer second = gateway.answer(request("10:09 OOMKilled (9b)").build());
    assertThat(requests()).hasSize(2);
    assertThat(harness.circuitState()).isEqualTo(1);
    assertThat(gateway.circuit("openai-compatible")).isEqualTo(CircuitBreaker.State.OPEN);

    RecordingSink sink = new RecordingSink();
    LlmAnswer third = gateway.answer(request("10:09 OOMKilled (9c)").build(), sink);

    assertThat(requests()).hasSize(2);
    for (LlmAnswer failed : List.of(first, second)) {
      assertDeterministic(failed);
      assertThat(failed.label())
          .isEqualTo(
              "deterministic analysis; no model answered ("
                  + LABEL
                  + ": HTTP 503 (InternalServerException))");
    }
    assertDeterministic(third);
    assertThat(third.label())
        .isEqualTo(
            "deterministic analysis; no model answered ("
                + LABEL
                + ": circuit open after repeated failures of openai-compatible)");
    assertThat(sink.events()).containsExactly("token:" + DETERMINISTIC);
    assertThat(harness.circuitState()).isEqualTo(1);
    assertThat(harness.calls("server_error")).isEqualTo(2);
    assertThat(harness.calls("circuit_open")).isEqualTo(1);
    assertThat(harness.total("warden.llm.retries")).isZero();
    assertThat(harness.fallbacks("server_error")).isEqualTo(2);
    assertThat(harness.total("warden.llm.fallbacks")).isEqualTo(3);
    assertThat(harness.answers("deterministic")).isEqualTo(3);
  }

  // --- 10

  @Test
  void theSameRequestTwiceIsAnsweredOnceAndThenFromTheCache() {
    answers(sse(OK));
    LlmGateway gateway = harness.gateway();
    RecordingSink firstSink = new RecordingSink();
    RecordingSink secondSink = new RecordingSink();

    LlmAnswer first = gateway.answer(request("10:10 OOMKilled (10)").build(), firstSink);
    LlmAnswer second = gateway.answer(request("10:10 OOMKilled (10)").build(), secondSink);

    assertModelAnswer(first, firstSink);
    assertThat(second.text()).isEqualTo(ANSWER);
    assertThat(second.producer()).isEqualTo(Producer.CACHE);
    assertThat(second.label()).isEqualTo(LABEL + " (cached)").endsWith("(cached)");
    assertThat(second.model()).contains(harness.model);
    assertThat(second.costUsd()).isZero();
    assertThat(second.tokensIn()).isZero();
    assertThat(second.tokensOut()).isZero();
    assertThat(secondSink.tokens()).containsExactly(ANSWER);
    assertThat(harness.cache("hit")).isEqualTo(1);
    assertThat(harness.cache("miss")).isEqualTo(1);
    assertThat(harness.calls("ok")).isEqualTo(1);
    assertThat(harness.answers("model")).isEqualTo(1);
    assertThat(harness.answers("cache")).isEqualTo(1);
    assertThat(harness.ledger.all())
        .extracting(UsageRecord::producer)
        .containsExactly("model", "cache");
    assertThat(harness.ledger.all().get(1).costUsd()).isZero();
    assertThat(requests()).hasSize(1);
  }

  // --- 11

  @Test
  void aRequestBeyondTheClientSideRateLimitIsShedWithoutBeingSent() {
    answers(sse(OK));
    LlmGateway gateway =
        harness.gateway(o -> o.limits = new RateLimits(1, 1_000_000, Duration.ofMillis(100)));

    LlmAnswer first = gateway.answer(request("10:11 OOMKilled (11a)").build());
    RecordingSink sink = new RecordingSink();
    LlmAnswer second = gateway.answer(request("10:11 OOMKilled (11b)").build(), sink);

    assertThat(first.producer()).isEqualTo(Producer.MODEL);
    assertDeterministic(second);
    assertThat(second.label())
        .isEqualTo(
            "deterministic analysis; no model answered ("
                + LABEL
                + ": shed by the client-side rate limit of openai-compatible)");
    assertThat(sink.events()).containsExactly("token:" + DETERMINISTIC);
    assertThat(harness.calls("ok")).isEqualTo(1);
    assertThat(harness.calls("shed")).isEqualTo(1);
    assertThat(harness.total("warden.llm.calls")).isEqualTo(2);
    assertThat(harness.total("warden.llm.retries")).isZero();
    assertThat(harness.total("warden.llm.fallbacks")).isEqualTo(1);
    assertThat(requests()).hasSize(1);
  }

  // --- what these tests found in the gateway, fixed since: each failed against its first version

  /**
   * A structured answer is not streamed: the sink sees only the validated (here, repaired) JSON,
   * never the rejected text.
   */
  @Test
  void aStructuredAnswerReachesTheSinkOnlyOnceValid() {
    structured(stream("not json", " at all"), JSON);
    RecordingSink sink = new RecordingSink();

    LlmAnswer answer =
        harness.gateway().answer(request("10:12 OOMKilled (b1)").schema(SUMMARY).build(), sink);

    assertThat(answer.producer()).isEqualTo(Producer.MODEL);
    assertThat(sink.tokens()).containsExactly(answer.text());
    assertThat(sink.discards()).isEmpty();
  }

  /**
   * A caller that stops the stream early gets what arrived so far, as the sink's contract says;
   * that fragment is not cached, so the next caller gets the whole answer.
   */
  @Test
  void anAnswerStoppedEarlyByOneCallerIsNotServedWholeToTheNext() {
    answers(sse(OK));
    LlmGateway gateway = harness.gateway();

    LlmAnswer stopped =
        gateway.answer(request("10:13 OOMKilled (b2)").build(), new RecordingSink(1));
    LlmAnswer next = gateway.answer(request("10:13 OOMKilled (b2)").build());

    assertThat(stopped.text()).isEqualTo("Disk");
    assertThat(next.text()).as("the next caller gets the whole answer").isEqualTo(ANSWER);
  }

  /**
   * An open circuit and client-side shedding are counted as calls with their own outcome, and the
   * fallback they cause with the same reason, not as a client error (the tag of a bad key).
   */
  @Test
  void aFallbackForAnOpenCircuitOrSheddingIsCountedAsSuchNotAsAClientError() {
    answers(status(503));
    LlmGateway breaking =
        harness.gateway(
            o -> {
              o.breaker = new BreakerSettings(50, 4, 2, Duration.ofSeconds(30));
              o.retry =
                  new RetrySettings(1, Duration.ofMillis(50), 2.0, 0.5, Duration.ofMillis(200));
            });
    for (String which : List.of("b3a", "b3b", "b3c")) {
      breaking.answer(request("10:14 OOMKilled (" + which + ")").build());
    }
    assertThat(harness.byTag("warden.llm.calls", "outcome"))
        .isEqualTo(Map.of("circuit_open", 1.0, "server_error", 2.0));

    server.resetAll();
    answers(sse(OK));
    GatewayHarness fresh = new GatewayHarness(compatible(server.port()), MODEL);
    LlmGateway limited =
        fresh.gateway(o -> o.limits = new RateLimits(1, 1_000_000, Duration.ofMillis(100)));
    limited.answer(request("10:14 OOMKilled (b3d)").build());
    limited.answer(request("10:14 OOMKilled (b3e)").build());
    assertThat(fresh.byTag("warden.llm.calls", "outcome"))
        .isEqualTo(Map.of("ok", 1.0, "shed", 1.0));

    SoftAssertions.assertSoftly(
        softly -> {
          softly
              .assertThat(harness.byTag("warden.llm.fallbacks", "reason"))
              .as("fallbacks by reason, circuit open")
              .isEqualTo(Map.of("circuit_open", 1.0, "server_error", 2.0));
          softly
              .assertThat(fresh.byTag("warden.llm.fallbacks", "reason"))
              .as("fallbacks by reason, shed")
              .isEqualTo(Map.of("shed", 1.0));
        });
  }

  /**
   * The first-token timeout is held to the first text, not to the first streamed chunk: an
   * OpenAI-format server that sends its role-only chunk at once and the text too late times out.
   */
  @Test
  void theFirstTokenTimeoutWaitsForTextNotForTheRoleOnlyChunk() {
    // four equal pieces, one every 300 ms: the role chunk, nothing, the text, the end
    int size = 600;
    String body =
        padded(cut(), size)
            + padded("", size)
            + padded(chunk("{\"content\":\"Disk\"}", null), size)
            + padded(chunk("{}", "stop") + "data: [DONE]\n\n", size);
    answers(
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "text/event-stream")
            .withBody(body)
            .withChunkedDribbleDelay(4, 1200));
    LlmGateway gateway =
        harness.gateway(
            o -> {
              o.timeouts =
                  new Timeouts(
                      Duration.ofSeconds(1),
                      Duration.ofMillis(500),
                      Duration.ofSeconds(2),
                      Duration.ofSeconds(3));
              o.retry =
                  new RetrySettings(1, Duration.ofMillis(50), 2.0, 0.5, Duration.ofMillis(200));
            });

    LlmAnswer answer = gateway.answer(request("10:15 OOMKilled (b4)").build());

    assertThat(requests()).hasSize(1);
    assertThat(answer.label())
        .isEqualTo(
            "deterministic analysis; no model answered ("
                + LABEL
                + ": no first token within 500 ms)");
  }

  /** {@code piece} followed by an SSE comment, {@code size} characters in all. */
  private static String padded(String piece, int size) {
    return piece + ":" + "k".repeat(size - piece.length() - 3) + "\n\n";
  }
}
