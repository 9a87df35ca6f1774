package dev.warden.integrations.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.warden.core.llm.LlmProvider;
import dev.warden.core.llm.ProviderFailure;
import dev.warden.core.llm.ProviderFailure.Kind;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Ollama adapter against a fake {@code /api/chat} speaking the real NDJSON stream. */
class OllamaProviderTest {
  private static final String PATH = "/api/chat";
  private static final String MODEL = "llama3.2";
  private static final Duration CONNECT = Duration.ofSeconds(2);
  private static final Duration CALL = Duration.ofSeconds(5);

  static final String DONE =
      "{\"model\":\"llama3.2\",\"created_at\":\"2024-11-27T10:00:01.000000Z\","
          + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\","
          + "\"done\":true,\"total_duration\":512000000,\"load_duration\":12000000,"
          + "\"prompt_eval_count\":12,\"prompt_eval_duration\":100000000,\"eval_count\":4,"
          + "\"eval_duration\":300000000}\n";
  static final String ANSWER = text("Disk") + text(" pressure") + text(" on node-3.") + DONE;

  private final WireMockServer server =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private LlmProvider provider;

  @BeforeAll
  static void warmUp() {
    TestServers.warmUp(OllamaProviderTest::ollama, PATH, "application/x-ndjson", DONE, MODEL);
  }

  @BeforeEach
  void start() {
    server.start();
    provider = ollama(server.port());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  static LlmProvider ollama(int port) {
    return SpringAiProviders.create(
        new ProviderSettings("ollama", "http://127.0.0.1:" + port, null));
  }

  static String text(String text) {
    return "{\"model\":\"llama3.2\",\"created_at\":\"2024-11-27T10:00:00.000000Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\""
        + text
        + "\"},\"done\":false}\n";
  }

  private void answer(String body) {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-ndjson")
                    .withBody(body)
                    .withChunkedDribbleDelay(6, 200)));
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
    // one response per line; the done line carries the counts and Ollama's done_reason
    List<ChatResponse> responses = streamed.responses();
    assertThat(responses).hasSize(4);
    ChatResponse last = responses.get(3);
    assertThat(last.getMetadata().getUsage().getPromptTokens()).isEqualTo(12);
    assertThat(last.getMetadata().getUsage().getCompletionTokens()).isEqualTo(4);
    assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("stop");
    assertThat(streamed.withUsage()).containsExactly(3);
    assertThat(streamed.finishReasons()).containsExactly("stop");
  }

  @Test
  void sendsTheModelTheSamplingTheLimitAndStreams() {
    answer(ANSWER);

    call();

    assertThat(requests()).hasSize(1);
    JsonNode body = JsonMapper.shared().readTree(requests().get(0).getBodyAsString());
    assertThat(body.path("model").asString()).isEqualTo(MODEL);
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("options").path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(100);
    assertThat(body.path("messages").toString())
        .isEqualTo(
            "[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"u\"}]");
    assertThat(requests().get(0).containsHeader("Authorization")).isFalse();
  }

  @Test
  void aKeyBecomesABearerTokenForAProxyInFront() {
    answer(ANSWER);
    LlmProvider proxied =
        SpringAiProviders.create(
            new ProviderSettings("ollama", "http://127.0.0.1:" + server.port(), "proxy-token"));

    Streamed streamed = Streamed.call(proxied, CONNECT, MODEL, CALL);

    assertThat(streamed.error()).isNull();
    assertThat(requests().get(0).getHeader("Authorization")).isEqualTo("Bearer proxy-token");
  }

  @ParameterizedTest
  @CsvSource({
    "429,RATE_LIMITED,PT2S",
    "500,SERVER_ERROR,",
    "400,CLIENT_ERROR,",
    "404,CLIENT_ERROR,"
  })
  void statusesAreClassifiedAndNotRetried(int status, Kind kind, Duration retryAfter) {
    var response =
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"model 'u' not found\"}");
    if (retryAfter != null) {
      response.withHeader("Retry-After", "2");
    }
    server.stubFor(post(urlEqualTo(PATH)).willReturn(response));

    ProviderFailure failure = classified(call());

    assertThat(failure.kind()).isEqualTo(kind);
    assertThat(failure.status()).isEqualTo(status);
    assertThat(failure.retryAfter()).isEqualTo(java.util.Optional.ofNullable(retryAfter));
    assertThat(failure.message()).startsWith("ollama: HTTP " + status).doesNotContain("'u'");
    assertThat(requests()).hasSize(1);
  }

  @Test
  void aServerThatDoesNotAnswerIsEndedByTheCallersTimeout() {
    // Ollama's options have no per-call timeout: the gateway's own timeout on the stream ends it
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody(DONE)));

    Streamed streamed =
        Streamed.of(
            ChatClient.create(provider.chatModel(CONNECT))
                .prompt()
                .user("u")
                .options(provider.options(MODEL, 0.2, 100, Duration.ofMillis(500)).mutate())
                .stream()
                .chatResponse()
                .timeout(Duration.ofMillis(500)));

    assertThat(classified(streamed).kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(streamed.took()).isLessThan(Duration.ofMillis(2500));
    assertThat(requests()).hasSize(1);
  }

  @Test
  void theConnectTimeoutApplies() throws Exception {
    try (var hanging = new TestServers.Unaccepting()) {
      LlmProvider unreachable = ollama(hanging.port());

      Streamed streamed = Streamed.call(unreachable, Duration.ofMillis(300), MODEL, CALL);

      assertThat(unreachable.classify(streamed.error()).map(ProviderFailure::kind))
          .contains(Kind.TIMEOUT);
      assertThat(streamed.errorChain()).contains(HttpConnectTimeoutException.class);
      assertThat(streamed.took()).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void aRefusedConnectionIsATimeout() throws Exception {
    LlmProvider nobody = ollama(TestServers.closedPort());

    Streamed streamed = Streamed.call(nobody, CONNECT, MODEL, CALL);

    assertThat(nobody.classify(streamed.error()).map(ProviderFailure::kind)).contains(Kind.TIMEOUT);
  }

  @Test
  void aStreamThatEndsWithoutTheDoneLineCompletesNormally() {
    answer(text("Disk") + text(" pressure"));

    Streamed streamed = call();

    assertThat(streamed.error()).isNull();
    assertThat(streamed.text()).isEqualTo("Disk pressure");
    assertThat(streamed.finishReasons()).isEmpty();
    assertThat(streamed.withUsage()).isEmpty();
  }

  @Test
  void aConnectionResetMidStreamIsAnErrorAfterTheText() throws Exception {
    try (var reset = new TestServers.ResetMidBody("application/x-ndjson", List.of(text("Disk")))) {
      LlmProvider breaking = ollama(reset.port());

      Streamed streamed = Streamed.call(breaking, CONNECT, MODEL, CALL);

      assertThat(streamed.text()).isEqualTo("Disk");
      // WebClient reports it as a response exception carrying the 200 it had read
      assertThat(breaking.classify(streamed.error()))
          .hasValueSatisfying(
              f -> {
                assertThat(f.kind()).isEqualTo(Kind.CUT);
                assertThat(f.status()).isZero();
              });
      assertThat(reset.requests()).isEqualTo(1);
    }
  }

  @Test
  void aMalformedChunkIsACut() {
    server.stubFor(
        post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    assertThat(classified(call()).kind()).isEqualTo(Kind.CUT);
  }

  @Test
  void anErrorLineMidStreamFailsInsideSpringAi() {
    // Ollama reports a failure after the 200 as {"error": ...}; Spring AI 2.0.1 dereferences the
    // missing message and fails with a NullPointerException, which is no provider failure
    answer(text("Disk") + "{\"error\":\"an error was encountered while running the model\"}\n");

    Streamed streamed = call();

    assertThat(streamed.text()).isEqualTo("Disk");
    assertThat(streamed.error()).isInstanceOf(NullPointerException.class);
    assertThat(provider.classify(streamed.error())).isEmpty();
  }
}
