package dev.warden.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.warden.core.llm.Feature;
import dev.warden.core.llm.GatewaySettings;
import dev.warden.core.llm.LlmAnswer;
import dev.warden.core.llm.LlmGateway;
import dev.warden.core.llm.LlmProvider;
import dev.warden.core.llm.LlmRequest;
import dev.warden.core.llm.ModelPrice;
import dev.warden.core.llm.ModelRef;
import dev.warden.core.llm.PromptTemplate;
import dev.warden.core.llm.ScriptedProvider;
import dev.warden.core.llm.Untrusted;
import dev.warden.core.llm.UsageLedger;
import dev.warden.core.llm.UsageRecord;
import dev.warden.integrations.llm.ProviderSettings;
import dev.warden.integrations.llm.SpringAiProviders;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * What the gateway adds to a model call. Both benchmarks stream the same answer from the same local
 * fake OpenAI-compatible server (WireMock on 127.0.0.1, an SSE body of 23 text chunks) through the
 * same Spring AI OpenAI chat model:
 *
 * <ul>
 *   <li>{@code bareSpringAi}: a {@link ChatClient} stream of a prompt as large as the gateway's,
 *       collected to a string;
 *   <li>{@code gateway}: {@link LlmGateway#answer} of a request with 4 KiB of log lines: flag,
 *       budget (in-memory ledger), redaction, fencing, token counting and context fitting, a cache
 *       miss (every invocation's content differs), circuit breaker, rate limiters, retry wrapper,
 *       metrics and the ledger record.
 * </ul>
 *
 * The same pair runs in process too ({@code bareSpringAiInProcess}, {@code gatewayInProcess}):
 * against the scripted provider's chat model, which streams the same answer in 20 pieces from
 * memory, so that the gateway's own work is measured without the fake server's noise.
 *
 * <p>Sample mode, so the result has the median (p0.50) of each; the overhead is the difference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class GatewayOverheadBenchmark {
  private static final ModelRef MODEL = new ModelRef("openai-compatible", "fake-model");
  private static final ModelRef SCRIPTED = new ModelRef("scripted", "scripted");
  private static final PromptTemplate TEMPLATE = PromptTemplate.load("summarise", 1);
  private static final String ANSWER =
      "The api pod is slow because payments-db answers in over a second; the slow"
          + " requests started at 10:10 and affect every orders endpoint.";

  private WireMockServer server;
  private LlmProvider provider;
  private ChatClient bare;
  private LlmGateway gateway;
  private ScriptedProvider scripted;
  private ChatClient bareInProcess;
  private LlmGateway gatewayInProcess;
  private String logs;
  private final AtomicLong sequence = new AtomicLong();

  @Setup(Level.Trial)
  public void start() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(sseAnswer())));
    provider =
        SpringAiProviders.create(
            new ProviderSettings(
                "openai-compatible", "http://127.0.0.1:" + server.port() + "/v1", "bench-key"));
    bare = ChatClient.create(provider.chatModel(Duration.ofSeconds(5)));
    gateway =
        LlmGateway.builder()
            .provider(provider)
            .settings(
                new GatewaySettings(
                    Map.of(Feature.SUMMARISE, GatewaySettings.FeatureSettings.of(List.of(MODEL))),
                    Map.of(
                        MODEL.toString(),
                        new ModelPrice(128_000, new BigDecimal("0.15"), new BigDecimal("0.60"))),
                    Map.of(
                        MODEL.provider(),
                        new GatewaySettings.RateLimits(
                            1_000_000_000, 1_000_000_000, Duration.ofSeconds(1))),
                    GatewaySettings.RetrySettings.DEFAULT,
                    GatewaySettings.BreakerSettings.DEFAULT,
                    GatewaySettings.CacheSettings.DEFAULT))
            .ledger(new DiscardingLedger())
            .build();
    scripted =
        ScriptedProvider.parse(
            "bench.jsonl",
            "{\"feature\": \"summarise\", \"chunks\": 20, \"answer\": \"" + ANSWER + "\"}");
    bareInProcess = ChatClient.create(scripted.chatModel(Duration.ofSeconds(5)));
    gatewayInProcess =
        LlmGateway.builder()
            .provider(scripted)
            .settings(
                new GatewaySettings(
                    Map.of(
                        Feature.SUMMARISE, GatewaySettings.FeatureSettings.of(List.of(SCRIPTED))),
                    Map.of(
                        SCRIPTED.toString(),
                        new ModelPrice(128_000, new BigDecimal("0.15"), new BigDecimal("0.60"))),
                    Map.of(
                        SCRIPTED.provider(),
                        new GatewaySettings.RateLimits(
                            1_000_000_000, 1_000_000_000, Duration.ofSeconds(1))),
                    GatewaySettings.RetrySettings.DEFAULT,
                    GatewaySettings.BreakerSettings.DEFAULT,
                    GatewaySettings.CacheSettings.DEFAULT))
            .ledger(new DiscardingLedger())
            .build();
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 4096; i++) {
      text.append("2026-11-27T10:")
          .append(10 + i % 50)
          .append(":00Z WARN api-7f9c GET /api/orders/")
          .append(i)
          .append(" took 1.2s (slow upstream payments-db:5432)\n");
    }
    logs = text.toString();
  }

  @TearDown(Level.Trial)
  public void stop() {
    server.stop();
  }

  @Benchmark
  public String bareSpringAi() {
    return bareCall(bare, provider, MODEL, "");
  }

  @Benchmark
  public String gateway() {
    return gatewayCall(gateway);
  }

  @Benchmark
  public String bareSpringAiInProcess() {
    return bareCall(bareInProcess, scripted, SCRIPTED, "Warden feature: summarise\n");
  }

  @Benchmark
  public String gatewayInProcess() {
    return gatewayCall(gatewayInProcess);
  }

  private String bareCall(ChatClient client, LlmProvider to, ModelRef model, String header) {
    String content = logs + "seq " + sequence.incrementAndGet();
    Prompt prompt =
        new Prompt(
            List.of(new SystemMessage(header + TEMPLATE.text()), new UserMessage(content)),
            to.options(model.model(), 0.2, 1024, Duration.ofSeconds(60)));
    StringBuilder answer = new StringBuilder();
    for (ChatResponse chunk : client.prompt(prompt).stream().chatResponse().toIterable()) {
      if (chunk.getResult() != null && chunk.getResult().getOutput().getText() != null) {
        answer.append(chunk.getResult().getOutput().getText());
      }
    }
    return answer.toString();
  }

  private String gatewayCall(LlmGateway through) {
    LlmAnswer answer =
        through.answer(
            LlmRequest.builder(Feature.SUMMARISE, TEMPLATE)
                .value("subject", "deployment api")
                .value("scope", "payments")
                .value("maxWords", "120")
                .data(
                    new Untrusted(
                        "logs of api-7f9c",
                        "log",
                        logs + "seq " + sequence.incrementAndGet(),
                        1,
                        Untrusted.Keep.TAIL))
                .scope("#payments")
                .deterministic(() -> "deterministic")
                .build());
    if (answer.producer() != LlmAnswer.Producer.MODEL) {
      throw new IllegalStateException("the gateway did not call the model: " + answer.label());
    }
    return answer.text();
  }

  private static String sseAnswer() {
    StringBuilder body = new StringBuilder();
    String[] words = ANSWER.split(" ");
    for (String word : words) {
      body.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",")
          .append("\"created\":1764237600,\"model\":\"fake-model\",\"choices\":[{\"index\":0,")
          .append("\"delta\":{\"content\":\"")
          .append(word)
          .append(" \"},\"finish_reason\":null}]}\n\n");
    }
    body.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",")
        .append("\"created\":1764237600,\"model\":\"fake-model\",\"choices\":[{\"index\":0,")
        .append("\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
    body.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",")
        .append("\"created\":1764237600,\"model\":\"fake-model\",\"choices\":[],")
        .append(
            "\"usage\":{\"prompt_tokens\":1200,\"completion_tokens\":24,\"total_tokens\":1224}}")
        .append("\n\ndata: [DONE]\n\n");
    return body.toString();
  }

  /** The ledger of the benchmark: a database write is not the gateway's own overhead. */
  private static final class DiscardingLedger implements UsageLedger {
    @Override
    public void record(UsageRecord usage) {}

    @Override
    public BigDecimal spent(String feature, Instant from, Instant to) {
      return BigDecimal.ZERO;
    }

    @Override
    public BigDecimal spent(String feature, String scope, Instant from, Instant to) {
      return BigDecimal.ZERO;
    }

    @Override
    public List<UsageRecord> between(Instant from, Instant to) {
      return List.of();
    }
  }
}
