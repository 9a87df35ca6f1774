package dev.warden.integrations.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.warden.core.llm.LlmProvider;
import dev.warden.core.llm.ProviderFailure;
import dev.warden.core.llm.ProviderFailure.Kind;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.ai.chat.model.ChatResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Anthropic adapter against a fake Messages endpoint speaking the real SSE event sequence. */
class AnthropicProviderTest {
  private static final String PATH = "/v1/messages";
  private static final String KEY = "sk-ant-FAKE-key-for-tests-only";
  private static final String MODEL = "claude-haiku-4-5";
  private static final Duration CONNECT = Duration.ofSeconds(2);
  private static final Duration CALL = Duration.ofSeconds(5);

  static final String START =
      event(
              "message_start",
              "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\","
                  + "\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\",\"content\":[],"
                  + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,"
                  + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
                  + "\"output_tokens\":1}}}")
          + event(
              "content_block_start",
              "{\"type\":\"content_block_start\",\"index\":0,"
                  + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
          + event("ping", "{\"type\": \"ping\"}");
  static final String END =
      event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
          + event(
              "message_delta",
              "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                  + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":4}}")
          + event("message_stop", "{\"type\":\"message_stop\"}");
  static final String ANSWER = START + text("Disk") + text(" pressure") + text(" on node-3.") + END;

  private final WireMockServer server =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private LlmProvider provider;

  @BeforeAll
  static void warmUp() {
    TestServers.warmUp(
        AnthropicProviderTest::anthropic, PATH, "text/event-stream", START + END, MODEL);
  }

  @BeforeEach
  void start() {
    server.start();
    provider = anthropic(server.port());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  static LlmProvider anthropic(int port) {
    return SpringAiProviders.create(
        new ProviderSettings("anthropic", "http://127.0.0.1:" + port, KEY));
  }

  static String event(String type, String data) {
    return "event: " + type + "\ndata: " + data + "\n\n";
  }

  static String text(String text) {
    return event(
        "content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\""
            + text
            + "\"}}");
  }

  private void answer(String body) {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(body)
                    .withChunkedDribbleDelay(8, 200)));
  }

  private void fail(int status, String errorType, String... headers) {
    ResponseDefinitionBuilder response =
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody(
                "{\"type\":\"error\",\"error\":{\"type\":\""
                    + errorType
                    + "\",\"message\":\"prompt was: u\"}}");
    for (int i = 0; i < headers.length; i += 2) {
      response.withHeader(headers[i], headers[i + 1]);
    }
    server.stubFor(post(urlEqualTo(PATH)).willReturn(response));
  }

  private List<LoggedRequest> requests() {
    return server.findAll(postRequestedFor(urlEqualTo(PATH)));
  }

  private Streamed call() {
    return Streamed.call(provider, CONNECT, MODEL, CALL);
  }

  private ProviderFailure classified(Streamed streamed) {
    assertThat(streamed.error()).isNotNull();
    return provider.classify(streamed.error()).orElseThrow();
  }

  @Test
  void streamsTheTextAndReportsTheUsageOnTheLastResponse() {
    answer(ANSWER);

    Streamed streamed = call();

    assertThat(streamed.error()).isNull();
    assertThat(streamed.text()).isEqualTo("Disk pressure on node-3.");
    // one response per text delta, then one for message_delta: input tokens (from
    // message_start) and output tokens together, with the stop reason as sent
    List<ChatResponse> responses = streamed.responses();
    assertThat(responses).hasSize(4);
    ChatResponse last = responses.get(3);
    assertThat(last.getMetadata().getUsage().getPromptTokens()).isEqualTo(25);
    assertThat(last.getMetadata().getUsage().getCompletionTokens()).isEqualTo(4);
    assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("end_turn");
    assertThat(streamed.withUsage()).containsExactly(3);
    assertThat(streamed.finishReasons()).containsExactly("end_turn");
  }

  @Test
  void sendsTheModelTheSamplingTheLimitAndStreams() {
    answer(ANSWER);

    call();

    assertThat(requests()).hasSize(1);
    LoggedRequest request = requests().get(0);
    JsonNode body = JsonMapper.shared().readTree(request.getBodyAsString());
    assertThat(body.path("model").asString()).isEqualTo(MODEL);
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("max_tokens").asInt()).isEqualTo(100);
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("system").asString()).isEqualTo("s");
    assertThat(body.path("messages").toString())
        .isEqualTo("[{\"content\":\"u\",\"role\":\"user\"}]");
    assertThat(request.getHeader("x-api-key")).isEqualTo(KEY);
    assertThat(request.getHeader("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(request.getHeader("X-Stainless-Timeout")).isEqualTo("5");
  }

  @Test
  void aRateLimitReadsRetryAfterAndIsNotRetriedByTheSdk() {
    fail(429, "rate_limit_error", "Retry-After", "2");

    ProviderFailure failure = classified(call());

    assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(failure.status()).isEqualTo(429);
    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(failure.message()).isEqualTo("anthropic: HTTP 429 (RateLimitException)");
    assertThat(requests()).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({
    "500,api_error,SERVER_ERROR",
    "529,overloaded_error,SERVER_ERROR",
    "400,invalid_request_error,CLIENT_ERROR",
    "401,authentication_error,CLIENT_ERROR"
  })
  void statusesAreClassifiedAndNotRetriedByTheSdk(int status, String type, Kind kind) {
    fail(status, type);

    ProviderFailure failure = classified(call());

    assertThat(failure.kind()).isEqualTo(kind);
    assertThat(failure.status()).isEqualTo(status);
    assertThat(failure.message()).doesNotContain("prompt").doesNotContain(KEY);
    assertThat(requests()).hasSize(1);
  }

  @Test
  void anOverloadEventMidStreamIsAServerError() {
    answer(
        START
            + text("Disk")
            + event(
                "error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                    + "\"message\":\"Overloaded\"}}"));

    Streamed streamed = call();

    assertThat(streamed.text()).isEqualTo("Disk");
    ProviderFailure failure = classified(streamed);
    assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
    assertThat(failure.status()).isZero();
    assertThat(failure.message())
        .isEqualTo("anthropic: error event in stream overloaded_error (SseException)");
  }

  @Test
  void theWholeCallTimeoutEndsAServerThatDoesNotAnswer() {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody("")));

    Streamed streamed = Streamed.call(provider, CONNECT, MODEL, Duration.ofMillis(500));

    assertThat(classified(streamed).kind()).isEqualTo(Kind.TIMEOUT);
    // the call timeout (InterruptedIOException "timeout") or, on a loaded machine, the socket's
    // read
    // timeout at the same instant (SocketTimeoutException, a subclass): either ends the call
    assertThat(streamed.errorChain()).anyMatch(InterruptedIOException.class::isAssignableFrom);
    assertThat(streamed.took()).isLessThan(Duration.ofMillis(2500));
    assertThat(requests()).hasSize(1);
  }

  @Test
  void theConnectTimeoutApplies() throws Exception {
    try (var hanging = new TestServers.Unaccepting()) {
      LlmProvider unreachable = anthropic(hanging.port());

      Streamed streamed = Streamed.call(unreachable, Duration.ofMillis(300), MODEL, CALL);

      assertThat(unreachable.classify(streamed.error()).map(ProviderFailure::kind))
          .contains(Kind.TIMEOUT);
      assertThat(streamed.errorChain()).contains(SocketTimeoutException.class);
      assertThat(streamed.error()).rootCause().hasMessageContaining("Connect timed out");
      assertThat(streamed.took()).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void aRefusedConnectionIsATimeout() throws Exception {
    LlmProvider nobody = anthropic(TestServers.closedPort());

    Streamed streamed = Streamed.call(nobody, CONNECT, MODEL, CALL);

    assertThat(nobody.classify(streamed.error()).map(ProviderFailure::kind)).contains(Kind.TIMEOUT);
  }

  @Test
  void aStreamThatEndsWithoutMessageDeltaCompletesNormally() {
    answer(START + text("Disk") + text(" pressure"));

    Streamed streamed = call();

    assertThat(streamed.error()).isNull();
    assertThat(streamed.text()).isEqualTo("Disk pressure");
    assertThat(streamed.finishReasons()).isEmpty();
    assertThat(streamed.withUsage()).isEmpty();
  }

  @Test
  void aConnectionResetMidStreamIsAnErrorAfterTheText() throws Exception {
    try (var reset =
        new TestServers.ResetMidBody("text/event-stream", List.of(START, text("Disk")))) {
      LlmProvider breaking = anthropic(reset.port());

      Streamed streamed = Streamed.call(breaking, CONNECT, MODEL, CALL);

      assertThat(streamed.text()).isEqualTo("Disk");
      assertThat(streamed.error()).hasMessage("Stream failed");
      assertThat(breaking.classify(streamed.error()).map(ProviderFailure::kind)).contains(Kind.CUT);
      assertThat(reset.requests()).isEqualTo(1);
    }
  }

  @Test
  void aMalformedChunkIsACut() {
    server.stubFor(
        post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    assertThat(classified(call()).kind()).isEqualTo(Kind.CUT);
    assertThat(requests()).hasSize(1);
  }
}
