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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

/** The OpenAI adapter against a fake Chat Completions endpoint speaking the real SSE format. */
class OpenAiProviderTest {
  private static final String PATH = "/v1/chat/completions";
  private static final String KEY = "sk-FAKE-openai-key-for-tests-only";
  private static final String MODEL = "gpt-4o-mini";
  private static final Duration CONNECT = Duration.ofSeconds(2);
  private static final Duration CALL = Duration.ofSeconds(5);

  static final String FIRST =
      chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null);
  static final String STOP = chunk("{}", "stop");
  static final String USAGE =
      "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1732700000,"
          + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_1\",\"choices\":[],"
          + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":4,\"total_tokens\":16,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":0},"
          + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n";
  static final String DONE = "data: [DONE]\n\n";
  static final String ANSWER =
      FIRST + text("Disk") + text(" pressure") + text(" on node-3.") + STOP + USAGE + DONE;

  private final WireMockServer server =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private LlmProvider provider;

  @BeforeAll
  static void warmUp() {
    TestServers.warmUp(
        OpenAiProviderTest::compatible, PATH, "text/event-stream", FIRST + STOP + DONE, MODEL);
  }

  @BeforeEach
  void start() {
    server.start();
    provider = compatible(server.port());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  static LlmProvider compatible(int port) {
    return SpringAiProviders.create(
        new ProviderSettings("openai-compatible", "http://127.0.0.1:" + port + "/v1", KEY));
  }

  static String chunk(String delta, String finishReason) {
    return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1732700000,\"model\":\"gpt-4o-mini-2024-07-18\","
        + "\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"logprobs\":null,\"finish_reason\":"
        + (finishReason == null ? "null" : "\"" + finishReason + "\"")
        + "}],\"usage\":null}\n\n";
  }

  static String text(String text) {
    return chunk("{\"content\":\"" + text + "\"}", null);
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

  private void fail(int status, String... headers) {
    ResponseDefinitionBuilder response =
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            // real error bodies can quote the request; the failure message must not
            .withBody(
                "{\"error\":{\"message\":\"Invalid prompt: u\",\"type\":\"invalid_request_error\","
                    + "\"param\":null,\"code\":\"x\"}}");
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
    // one response per chunk; the usage chunk (choices: []) is the last, and has no result
    List<ChatResponse> responses = streamed.responses();
    assertThat(responses).hasSize(6);
    ChatResponse last = responses.get(5);
    assertThat(last.getResults()).isEmpty();
    assertThat(last.getResult()).isNull();
    assertThat(last.getMetadata().getUsage().getPromptTokens()).isEqualTo(12);
    assertThat(last.getMetadata().getUsage().getCompletionTokens()).isEqualTo(4);
    assertThat(streamed.withUsage()).containsExactly(5);
    // the earlier responses carry a zero usage, not none
    assertThat(responses.get(0).getMetadata().getUsage().getPromptTokens()).isZero();
    // the finish reason is on the chunk before, as the enum's name
    assertThat(responses.get(4).getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
    assertThat(streamed.finishReasons()).containsExactly("STOP");
  }

  @Test
  void sendsTheModelTheSamplingTheLimitAndStreamsWithUsage() {
    answer(ANSWER);

    call();

    assertThat(requests()).hasSize(1);
    LoggedRequest request = requests().get(0);
    JsonNode body = JsonMapper.shared().readTree(request.getBodyAsString());
    assertThat(body.path("model").asString()).isEqualTo(MODEL);
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("max_tokens").asInt()).isEqualTo(100);
    assertThat(body.has("max_completion_tokens")).isFalse();
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(body.path("messages").toString())
        .isEqualTo(
            "[{\"content\":\"s\",\"role\":\"system\"},{\"content\":\"u\",\"role\":\"user\"}]");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    // the per-call timeout reaches the SDK (it advertises it to the server)
    assertThat(request.getHeader("X-Stainless-Timeout")).isEqualTo("5");
  }

  @Test
  void openAiItselfGetsMaxCompletionTokens() {
    answer(ANSWER);
    LlmProvider openai =
        SpringAiProviders.create(
            new ProviderSettings("openai", "http://127.0.0.1:" + server.port() + "/v1", KEY));

    Streamed streamed = Streamed.call(openai, CONNECT, MODEL, CALL);

    assertThat(streamed.error()).isNull();
    JsonNode body = JsonMapper.shared().readTree(requests().get(0).getBodyAsString());
    assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(100);
    assertThat(body.has("max_tokens")).isFalse();
  }

  @Test
  void aKeylessCompatibleServerGetsNoAuthorizationHeader() {
    answer(ANSWER);
    LlmProvider keyless =
        SpringAiProviders.create(
            new ProviderSettings(
                "openai-compatible", "http://127.0.0.1:" + server.port() + "/v1", null));

    Streamed streamed = Streamed.call(keyless, CONNECT, MODEL, CALL);

    assertThat(streamed.error()).isNull();
    assertThat(requests().get(0).containsHeader("Authorization")).isFalse();
  }

  @Test
  void aRateLimitReadsRetryAfterAndIsNotRetriedByTheSdk() {
    fail(429, "Retry-After", "2");

    ProviderFailure failure = classified(call());

    assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(failure.status()).isEqualTo(429);
    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(failure.message())
        .isEqualTo("openai-compatible: HTTP 429 (RateLimitException)")
        .doesNotContain(KEY);
    assertThat(requests()).hasSize(1);
  }

  @Test
  void retryAfterMsWinsOverRetryAfter() {
    fail(429, "Retry-After", "2", "retry-after-ms", "1500");

    assertThat(classified(call()).retryAfter()).contains(Duration.ofMillis(1500));
  }

  @Test
  void aRetryAfterDateIsReadAgainstTheClock() {
    fail(429, "Retry-After", "Wed, 27 Nov 2024 10:00:05 GMT");
    LlmProvider clocked =
        SpringAiProviders.create(
            new ProviderSettings(
                "openai-compatible", "http://127.0.0.1:" + server.port() + "/v1", KEY),
            Clock.fixed(Instant.parse("2024-11-27T10:00:00Z"), ZoneOffset.UTC));

    Streamed streamed = Streamed.call(clocked, CONNECT, MODEL, CALL);

    assertThat(clocked.classify(streamed.error()).orElseThrow().retryAfter())
        .contains(Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @CsvSource({"500,SERVER_ERROR", "503,SERVER_ERROR", "400,CLIENT_ERROR", "401,CLIENT_ERROR"})
  void statusesAreClassifiedAndNotRetriedByTheSdk(int status, Kind kind) {
    fail(status);

    ProviderFailure failure = classified(call());

    assertThat(failure.kind()).isEqualTo(kind);
    assertThat(failure.status()).isEqualTo(status);
    assertThat(failure.retryAfter()).isEmpty();
    assertThat(failure.message()).doesNotContain("prompt").doesNotContain(": u");
    assertThat(requests()).hasSize(1);
  }

  @Test
  void theWholeCallTimeoutEndsAServerThatDoesNotAnswer() {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody(DONE)));

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
  void theConnectTimeoutAppliesThoughTheSdkSetsItsOwnPerCall() throws Exception {
    try (var hanging = new TestServers.Unaccepting()) {
      LlmProvider unreachable = compatible(hanging.port());

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
    LlmProvider nobody = compatible(TestServers.closedPort());

    Streamed streamed = Streamed.call(nobody, CONNECT, MODEL, CALL);

    assertThat(nobody.classify(streamed.error()))
        .hasValueSatisfying(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.TIMEOUT);
              assertThat(f.status()).isZero();
              assertThat(f.message()).isEqualTo("openai-compatible: no answer (ConnectException)");
            });
  }

  @Test
  void aStreamThatEndsWithoutFinishReasonOrDoneCompletesNormally() {
    answer(FIRST + text("Disk") + text(" pressure"));

    Streamed streamed = call();

    // no error: only the missing finish reason (and usage) tells the cut
    assertThat(streamed.error()).isNull();
    assertThat(streamed.text()).isEqualTo("Disk pressure");
    assertThat(streamed.finishReasons()).isEmpty();
    assertThat(streamed.withUsage()).isEmpty();
  }

  @Test
  void aConnectionResetMidStreamIsAnErrorAfterTheText() throws Exception {
    try (var reset =
        new TestServers.ResetMidBody("text/event-stream", List.of(FIRST, text("Disk")))) {
      LlmProvider breaking = compatible(reset.port());

      Streamed streamed = Streamed.call(breaking, CONNECT, MODEL, CALL);

      assertThat(streamed.text()).isEqualTo("Disk");
      assertThat(streamed.error()).hasMessage("Stream failed");
      assertThat(breaking.classify(streamed.error()))
          .hasValueSatisfying(
              f -> {
                assertThat(f.kind()).isEqualTo(Kind.CUT);
                assertThat(f.message())
                    .isEqualTo("openai-compatible: the stream broke (SocketException)");
              });
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

  @Test
  void anErrorEventInTheStreamIsReadByItsType() {
    answer(
        FIRST
            + text("Disk")
            + "data: {\"error\":{\"message\":\"The server had an error while processing your"
            + " request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n");

    Streamed streamed = call();

    assertThat(streamed.text()).isEqualTo("Disk");
    ProviderFailure failure = classified(streamed);
    assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
    assertThat(failure.status()).isZero();
    assertThat(failure.message())
        .isEqualTo("openai-compatible: error event in stream server_error (SseException)");
  }

  @Test
  void keepsOneModelPerConnectTimeout() {
    assertThat(provider.chatModel(Duration.ofSeconds(2)))
        .isSameAs(provider.chatModel(Duration.ofMillis(2000)))
        .isNotSameAs(provider.chatModel(Duration.ofSeconds(3)));
  }

  @Test
  void errorsThatAreNotTheProvidersAreNotClassified() {
    assertThat(provider.classify(new IllegalArgumentException("bug"))).isEmpty();
    assertThat(provider.classify(null)).isEmpty();
  }
}
