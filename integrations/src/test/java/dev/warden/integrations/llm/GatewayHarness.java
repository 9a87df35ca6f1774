package dev.warden.integrations.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.warden.core.llm.AnswerSchema;
import dev.warden.core.llm.Feature;
import dev.warden.core.llm.GatewaySettings;
import dev.warden.core.llm.GatewaySettings.BreakerSettings;
import dev.warden.core.llm.GatewaySettings.CacheSettings;
import dev.warden.core.llm.GatewaySettings.FeatureSettings;
import dev.warden.core.llm.GatewaySettings.RateLimits;
import dev.warden.core.llm.GatewaySettings.RetrySettings;
import dev.warden.core.llm.GatewaySettings.Timeouts;
import dev.warden.core.llm.LlmGateway;
import dev.warden.core.llm.LlmProvider;
import dev.warden.core.llm.LlmRequest;
import dev.warden.core.llm.ModelPrice;
import dev.warden.core.llm.ModelRef;
import dev.warden.core.llm.PromptTemplate;
import dev.warden.core.llm.TokenSink;
import dev.warden.core.llm.Untrusted;
import dev.warden.core.testing.InMemoryUsageLedger;
import dev.warden.core.testing.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A real {@link LlmGateway} over one real provider pointed at a fake server, with short timeouts,
 * an in-memory ledger and its own meters; and the readings the wire tests assert on.
 */
final class GatewayHarness {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  static final String DETERMINISTIC = "deterministic summary";
  static final ModelPrice PRICE =
      new ModelPrice(128_000, new BigDecimal("2.50"), new BigDecimal("10.00"));
  static final Timeouts FAST =
      new Timeouts(
          Duration.ofSeconds(1),
          Duration.ofMillis(500),
          Duration.ofSeconds(1),
          Duration.ofSeconds(3));
  static final RetrySettings QUICK_RETRY =
      new RetrySettings(3, Duration.ofMillis(50), 2.0, 0.5, Duration.ofMillis(200));
  static final AnswerSchema SUMMARY =
      AnswerSchema.of(
          "summary",
          "{\"type\":\"object\",\"required\":[\"summary\"],"
              + "\"properties\":{\"summary\":{\"type\":\"string\"}}}");
  private static final PromptTemplate TEMPLATE = PromptTemplate.load("summarise", 1);

  final InMemoryUsageLedger ledger = new InMemoryUsageLedger();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final MutableClock clock = new MutableClock(NOW);
  final ModelRef model;
  private final LlmProvider provider;

  GatewayHarness(LlmProvider provider, String model) {
    this.provider = provider;
    this.model = new ModelRef(provider.name(), model);
  }

  /** What a test may change of the settings; the rest is fast and permissive. */
  static final class Overrides {
    Timeouts timeouts = FAST;
    Optional<BigDecimal> dailyBudgetUsd = Optional.empty();
    RateLimits limits = RateLimits.DEFAULT;
    RetrySettings retry = QUICK_RETRY;
    BreakerSettings breaker = BreakerSettings.DEFAULT;
  }

  LlmGateway gateway() {
    return gateway(o -> {});
  }

  LlmGateway gateway(Consumer<Overrides> change) {
    Overrides o = new Overrides();
    change.accept(o);
    FeatureSettings summarise =
        new FeatureSettings(
            List.of(model), 0.2, 256, o.timeouts, o.dailyBudgetUsd, Optional.empty());
    GatewaySettings settings =
        new GatewaySettings(
            Map.of(Feature.SUMMARISE, summarise),
            Map.of(model.toString(), PRICE),
            Map.of(provider.name(), o.limits),
            o.retry,
            o.breaker,
            CacheSettings.DEFAULT);
    return LlmGateway.builder()
        .provider(provider)
        .settings(settings)
        .ledger(ledger)
        .meters(meters)
        .clock(clock)
        .build();
  }

  /**
   * A summarise request over {@code logs}, whose deterministic answer is {@link #DETERMINISTIC}.
   */
  static LlmRequest.Builder request(String logs) {
    return LlmRequest.builder(Feature.SUMMARISE, TEMPLATE)
        .value("subject", "deployment api")
        .value("scope", "payments")
        .value("maxWords", "120")
        .data(new Untrusted("logs of api-7f9c", "log", logs, 10, Untrusted.Keep.TAIL))
        .scope("#payments-oncall")
        .deterministic(() -> DETERMINISTIC);
  }

  /** A counter of one model of the summarise feature, with its extra tags; 0 when never counted. */
  double modelCount(String name, String... tags) {
    return count(
        name,
        concat(
            new String[] {
              "provider", model.provider(), "model", model.model(), "feature", "summarise"
            },
            tags));
  }

  double calls(String outcome) {
    return modelCount("warden.llm.calls", "outcome", outcome);
  }

  double retries(String reason) {
    return modelCount("warden.llm.retries", "reason", reason);
  }

  double fallbacks(String reason) {
    return count(
        "warden.llm.fallbacks", "feature", "summarise", "from", model.toString(), "reason", reason);
  }

  double answers(String producer) {
    return count("warden.llm.answers", "feature", "summarise", "producer", producer);
  }

  double cache(String result) {
    return count("warden.llm.cache", "feature", "summarise", "result", result);
  }

  /** A counter with exactly these tags (and possibly others); 0 when there is none. */
  double count(String name, String... tags) {
    List<Counter> found = new ArrayList<>(meters.find(name).tags(tags).counters());
    if (found.size() > 1) {
      throw new IllegalStateException(found.size() + " counters " + name + " match the tags");
    }
    return found.isEmpty() ? 0 : found.get(0).count();
  }

  /** The counts of every counter named {@code name}, by the value of its tag {@code tag}. */
  Map<String, Double> byTag(String name, String tag) {
    Map<String, Double> counts = new TreeMap<>();
    for (Counter counter : meters.find(name).counters()) {
      counts.merge(counter.getId().getTag(tag), counter.count(), Double::sum);
    }
    return counts;
  }

  /** The sum of every counter named {@code name}, whatever its tags. */
  double total(String name) {
    return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }

  long timerCount(String name) {
    return meters.find(name).timers().stream().mapToLong(Timer::count).sum();
  }

  double circuitState() {
    Gauge gauge = meters.find("warden.llm.circuit.state").tag("provider", model.provider()).gauge();
    if (gauge == null) {
      throw new IllegalStateException("no circuit gauge for " + model.provider());
    }
    return gauge.value();
  }

  /**
   * One successful answer and one structured answer through a gateway with generous timeouts, so
   * that the short timeouts of the tests do not measure the JVM's first use of the SDKs, the
   * gateway and the schema validator.
   */
  static void warmUp(
      Function<Integer, LlmProvider> providers, String path, String okBody, String model) {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    try {
      server.stubFor(
          post(urlEqualTo(path))
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", "text/event-stream")
                      .withBody(okBody)));
      GatewayHarness harness = new GatewayHarness(providers.apply(server.port()), model);
      LlmGateway gateway = harness.gateway(o -> o.timeouts = Timeouts.DEFAULT);
      if (!gateway.answer(request("warm-up").build()).fromModel()) {
        throw new IllegalStateException("warm-up failed: " + harness.ledger.all());
      }
      gateway.answer(request("warm-up structured").schema(SUMMARY).build());
    } finally {
      server.stop();
    }
  }

  /**
   * Makes {@code server} answer the n-th request to {@code path} with the n-th response, and every
   * later one with the last.
   */
  static void inSequence(
      WireMockServer server, String path, ResponseDefinitionBuilder... responses) {
    for (int i = 0; i < responses.length; i++) {
      ScenarioMappingBuilder stub =
          post(urlEqualTo(path))
              .inScenario("attempts")
              .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "request " + (i + 1));
      if (i < responses.length - 1) {
        stub.willSetStateTo("request " + (i + 2));
      }
      server.stubFor(stub.willReturn(responses[i]));
    }
  }

  /** The requests {@code server} received at {@code path}, in the order they arrived. */
  static List<LoggedRequest> requests(WireMockServer server, String path) {
    return server.findAll(postRequestedFor(urlEqualTo(path))).stream()
        .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
        .toList();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** A sink that keeps every call it gets, in order. */
  static final class RecordingSink implements TokenSink {
    private final List<String> tokens = new ArrayList<>();
    private final List<String> discards = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final int stopAfter;

    RecordingSink() {
      this(Integer.MAX_VALUE);
    }

    /** A sink that asks the model to stop after {@code stopAfter} tokens. */
    RecordingSink(int stopAfter) {
      this.stopAfter = stopAfter;
    }

    @Override
    public synchronized boolean onToken(String token) {
      tokens.add(token);
      events.add("token:" + token);
      return tokens.size() < stopAfter;
    }

    @Override
    public synchronized void onDiscard(String reason) {
      discards.add(reason);
      events.add("discard:" + reason);
    }

    synchronized List<String> tokens() {
      return List.copyOf(tokens);
    }

    synchronized List<String> discards() {
      return List.copyOf(discards);
    }

    /** Every call, in order: {@code token:TEXT} or {@code discard:REASON}. */
    synchronized List<String> events() {
      return List.copyOf(events);
    }

    /** What a reader of the sink sees now: the tokens since the last discard. */
    synchronized String shown() {
      StringBuilder text = new StringBuilder();
      for (String event : events) {
        if (event.startsWith("discard:")) {
          text.setLength(0);
        } else {
          text.append(event.substring("token:".length()));
        }
      }
      return text.toString();
    }
  }
}
