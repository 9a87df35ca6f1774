import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Open-loop, constant-rate load generator for Warden's webhook intake.
 *
 * <p>Run it with the JDK's source launcher, no build and no dependencies:
 *
 * <pre>
 *   java bench/intake-load/IntakeLoad.java --target github --rate 200 --duration 60 --warmup 10
 *   java bench/intake-load/IntakeLoad.java --target noop --step --duration 10 --warmup 2
 * </pre>
 *
 * <p>Open loop means request {@code i} is due at {@code start + i / rate}, whether or not earlier
 * requests have been answered, and its latency is measured from that due time rather than from the
 * moment it actually left. A closed-loop tool (send, wait, send) slows down exactly when the server
 * does and so hides the queueing a real sender such as GitHub would see ("coordinated omission");
 * measuring from the due time charges every stall to the server.
 *
 * <p>The last line of a run is {@code SUMMARY_JSON {...}}, for scripts.
 */
public final class IntakeLoad {

  /** What both endpoints answer to a request they took; anything else counts as an error. */
  static final int EXPECTED_STATUS = 202;

  private IntakeLoad() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options.help) {
      System.out.println(Options.USAGE);
      return;
    }

    Target target = Target.create(options);
    ExecutorService executor = Executors.newFixedThreadPool(options.threads, daemonThreads());
    // One client for the whole invocation so ladder steps reuse warm keep-alive connections.
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(executor)
            .connectTimeout(Duration.ofSeconds(options.timeoutSeconds))
            .build();

    Map<String, Object> summary =
        options.step
            ? new Ladder(options, target, client).run()
            : runConstant(options, target, client);
    System.out.println("SUMMARY_JSON " + Json.write(summary));
    executor.shutdownNow();
  }

  private static Map<String, Object> runConstant(Options options, Target target, HttpClient client)
      throws InterruptedException {
    System.out.printf(
        Locale.ROOT,
        "== %s @ %d/s for %d s (warmup %d s, not recorded) ==%n",
        target.name(),
        options.rate,
        options.durationSeconds,
        options.warmupSeconds);
    RunResult result =
        new ConstantRateRun(client, target, options, options.rate, options.runId).execute();
    System.out.print(result.report());

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("tool", "IntakeLoad");
    json.put("mode", "constant");
    json.putAll(result.toJson());
    return json;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Options
  // ---------------------------------------------------------------------------------------------

  /** Command-line options; {@code --name value} or {@code --name=value}. */
  static final class Options {
    static final String USAGE =
        """
        usage: java bench/intake-load/IntakeLoad.java [options]
          --url URL            server base URL (default http://127.0.0.1:18080)
          --target T           github | noop (default github)
          --rate N             requests per second (default 200)
          --duration S         measured seconds; per step with --step (default 60)
          --warmup S           seconds sent first, not recorded; per step with --step (default 10)
          --secret S           GitHub webhook secret for the HMAC signature (default bench-secret)
          --payload PATH       body to send
                               (default ../shared/fixtures/github/pull_request.opened.02.json)
          --run-id ID          prefix of X-GitHub-Delivery ids (default bench-<epoch millis>)
          --timeout S          per-request timeout in seconds (default 5)
          --threads N          HTTP client executor threads (default 4)
          --max-in-flight N    requests outstanding before new ones are skipped (default 2000)
          --step               find the max sustained rate: run the --steps ladder instead
          --steps R1,R2,...    ladder rates (default 100,200,400,...,12800)
          --p99-limit-ms MS    a step passes only if p99 is under this (default 100)
          --pause S            idle seconds between ladder steps (default 2)
          --help
        """;

    String url = "http://127.0.0.1:18080";
    String target = "github";
    int rate = 200;
    int durationSeconds = 60;
    int warmupSeconds = 10;
    String secret = "bench-secret";
    Path payload = Path.of("../shared/fixtures/github/pull_request.opened.02.json");
    String runId = "bench-" + System.currentTimeMillis();
    int timeoutSeconds = 5;
    int threads = 4;
    int maxInFlight = 2000;
    boolean step;
    int[] steps = {100, 200, 400, 800, 1600, 3200, 6400, 12800};
    double p99LimitMs = 100;
    int pauseSeconds = 2;
    boolean help;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (!arg.startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument: " + arg);
        }
        String name = arg.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (name.equals("step") || name.equals("help")) {
          o.setFlag(name);
          continue;
        }
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--" + name + " needs a value");
          }
          value = args[++i];
        }
        o.set(name, value);
      }
      o.validate();
      return o;
    }

    private void setFlag(String name) {
      if (name.equals("step")) {
        step = true;
      } else {
        help = true;
      }
    }

    private void set(String name, String value) {
      switch (name) {
        case "url" -> url = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        case "target" -> target = value;
        case "rate" -> rate = positiveInt(name, value);
        case "duration" -> durationSeconds = positiveInt(name, value);
        case "warmup" -> warmupSeconds = nonNegativeInt(name, value);
        case "secret" -> secret = value;
        case "payload" -> payload = Path.of(value);
        case "run-id" -> runId = value;
        case "timeout" -> timeoutSeconds = positiveInt(name, value);
        case "threads" -> threads = positiveInt(name, value);
        case "max-in-flight" -> maxInFlight = positiveInt(name, value);
        case "steps" ->
            steps =
                Arrays.stream(value.split(","))
                    .mapToInt(s -> positiveInt(name, s.trim()))
                    .toArray();
        case "p99-limit-ms" -> p99LimitMs = Double.parseDouble(value);
        case "pause" -> pauseSeconds = nonNegativeInt(name, value);
        default -> throw new IllegalArgumentException("unknown option --" + name);
      }
    }

    private void validate() {
      if (!target.equals("github") && !target.equals("noop")) {
        throw new IllegalArgumentException("--target must be github or noop");
      }
      if (!help && !Files.isReadable(payload)) {
        throw new IllegalArgumentException("payload not readable: " + payload.toAbsolutePath());
      }
    }

    private static int positiveInt(String name, String value) {
      int n = nonNegativeInt(name, value);
      if (n == 0) {
        throw new IllegalArgumentException("--" + name + " must be > 0");
      }
      return n;
    }

    private static int nonNegativeInt(String name, String value) {
      try {
        int n = Integer.parseInt(value);
        if (n < 0) {
          throw new IllegalArgumentException("--" + name + " must be >= 0");
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " needs a whole number, got " + value);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What is sent
  // ---------------------------------------------------------------------------------------------

  /**
   * Builds the request for one sequence number. Both targets get the same body so the only
   * difference between them is what the server does with it.
   */
  record Target(String name, URI uri, byte[] body, String signature) {

    static Target create(Options options) throws IOException, GeneralSecurityException {
      byte[] body = Files.readAllBytes(options.payload);
      URI uri = URI.create(options.url + "/webhooks/" + options.target);
      // The signature covers only the body, so it is computed once and reused; each request
      // differs only in its delivery id, which is what the server de-duplicates on.
      String signature = options.target.equals("github") ? sign(body, options.secret) : null;
      return new Target(options.target, uri, body, signature);
    }

    HttpRequest request(String deliveryId, Duration timeout) {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(uri)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (signature != null) {
        builder
            .header("X-GitHub-Event", "pull_request")
            .header("X-GitHub-Delivery", deliveryId)
            .header("X-Hub-Signature-256", signature);
      }
      return builder.build();
    }

    private static String sign(byte[] body, String secret) throws GeneralSecurityException {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // One constant-rate run
  // ---------------------------------------------------------------------------------------------

  /**
   * Sends {@code rate} requests per second for warmup + duration seconds, then waits for answers.
   */
  static final class ConstantRateRun {
    private final HttpClient client;
    private final Target target;
    private final Options options;
    private final int rate;
    private final int durationSeconds;
    private final String idPrefix;
    private final Recorder recorder;
    private final long warmupCount;
    private final long totalCount;

    ConstantRateRun(HttpClient client, Target target, Options options, int rate, String idPrefix) {
      this.client = client;
      this.target = target;
      this.options = options;
      this.rate = rate;
      this.durationSeconds = options.durationSeconds;
      this.idPrefix = idPrefix;
      this.warmupCount = (long) options.warmupSeconds * rate;
      this.totalCount = warmupCount + (long) durationSeconds * rate;
      this.recorder = new Recorder(Math.toIntExact(totalCount - warmupCount));
    }

    RunResult execute() throws InterruptedException {
      // Small head start so the first due times are not already in the past.
      long start = System.nanoTime() + 20_000_000L;
      long measureStart = start + warmupCount * 1_000_000_000L / rate;
      for (long seq = 0; seq < totalCount; seq++) {
        long due = start + seq * 1_000_000_000L / rate;
        sleepUntil(due);
        dispatch(seq, due);
      }
      long sendEnd = System.nanoTime();
      awaitInFlight();
      return recorder.result(target.name(), rate, durationSeconds, options, measureStart, sendEnd);
    }

    private void dispatch(long seq, long due) {
      boolean measured = seq >= warmupCount;
      int slot = (int) (seq - warmupCount);
      if (measured) {
        recorder.recordDispatchLag(slot, System.nanoTime() - due);
      }
      // Open loop must not queue without limit when the server stalls: past the cap a request is
      // skipped and counted as an error, so a stalled server fails the run instead of the
      // generator running out of memory or sockets.
      if (recorder.inFlight.get() >= options.maxInFlight) {
        if (measured) {
          recorder.recordError("skipped-max-in-flight");
        }
        return;
      }
      recorder.inFlight.incrementAndGet();
      recorder.recordSent(measured);
      HttpRequest request =
          target.request(idPrefix + "-" + seq, Duration.ofSeconds(options.timeoutSeconds));
      client
          .sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, error) -> {
                long now = System.nanoTime();
                if (error != null) {
                  recorder.recordFailure(measured, errorName(error));
                } else {
                  recorder.recordResponse(measured, slot, response.statusCode(), now - due, now);
                }
                recorder.inFlight.decrementAndGet();
              });
    }

    /** Every request has its own timeout, so this wait ends shortly after the slowest one. */
    private void awaitInFlight() throws InterruptedException {
      long deadline = System.nanoTime() + (options.timeoutSeconds + 2L) * 1_000_000_000L;
      while (recorder.inFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }

    private static void sleepUntil(long due) {
      long remaining;
      while ((remaining = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(remaining);
      }
    }

    private static String errorName(Throwable error) {
      Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      return cause instanceof HttpTimeoutException ? "timeout" : cause.getClass().getSimpleName();
    }

    /** Counters for one run. Only measured (post-warmup) requests count, except the totals. */
    static final class Recorder {
      final AtomicInteger inFlight = new AtomicInteger();
      private final int measuredCount;
      private final AtomicLongArray latencyNanos; // by slot; -1 until a response arrives
      private final long[] dispatchLagNanos; // written only by the scheduling thread
      private final Map<Integer, LongAdder> statusCounts = new ConcurrentHashMap<>();
      private final Map<String, LongAdder> errorCounts = new ConcurrentHashMap<>();
      // Includes warmup: every 202 from /webhooks/github is one inbox row, so this is the number
      // the "no event lost" check compares the inbox against.
      private final AtomicLong acceptedTotal = new AtomicLong();
      // Also includes warmup: requests that got no answer at all (timeout, reset). The server may
      // still have stored them, so the inbox may legitimately hold up to this many extra rows.
      private final AtomicLong unansweredTotal = new AtomicLong();
      private final AtomicLong lastCompletion = new AtomicLong(Long.MIN_VALUE);
      private long sent;

      Recorder(int measuredCount) {
        this.measuredCount = measuredCount;
        this.latencyNanos = new AtomicLongArray(measuredCount);
        this.dispatchLagNanos = new long[measuredCount];
        for (int i = 0; i < measuredCount; i++) {
          latencyNanos.set(i, -1);
        }
      }

      void recordDispatchLag(int slot, long lag) {
        dispatchLagNanos[slot] = lag;
      }

      void recordSent(boolean measured) {
        unansweredTotal.incrementAndGet();
        if (measured) {
          sent++;
        }
      }

      void recordError(String name) {
        errorCounts.computeIfAbsent(name, k -> new LongAdder()).increment();
      }

      void recordFailure(boolean measured, String name) {
        if (measured) {
          recordError(name);
        }
      }

      void recordResponse(boolean measured, int slot, int status, long latency, long now) {
        unansweredTotal.decrementAndGet();
        if (status == EXPECTED_STATUS) {
          acceptedTotal.incrementAndGet();
        }
        if (!measured) {
          return;
        }
        latencyNanos.set(slot, latency);
        statusCounts.computeIfAbsent(status, k -> new LongAdder()).increment();
        lastCompletion.accumulateAndGet(now, Math::max);
      }

      RunResult result(
          String target,
          int rate,
          int durationSeconds,
          Options options,
          long measureStart,
          long sendEnd) {
        Map<Integer, Long> statuses = new TreeMap<>();
        statusCounts.forEach((code, n) -> statuses.put(code, n.sum()));
        Map<String, Long> errors = new TreeMap<>();
        errorCounts.forEach((name, n) -> errors.put(name, n.sum()));
        long[] latencies = completedLatencies();
        // Requests still unanswered after the wait are lost to the measurement; say so.
        long failed =
            errors.values().stream().mapToLong(Long::longValue).sum()
                - errors.getOrDefault("skipped-max-in-flight", 0L);
        long unanswered = sent - latencies.length - failed;
        if (unanswered > 0) {
          errors.merge("unanswered", unanswered, Long::sum);
        }
        // Achieved rate: accepted answers over the time it took to get them. If the server keeps
        // up this is the duration; if it falls behind, answers spill past it and the rate drops.
        double window = Math.max(durationSeconds, (lastCompletion.get() - measureStart) / 1e9);
        long accepted = statuses.getOrDefault(EXPECTED_STATUS, 0L);
        Arrays.sort(latencies);
        long[] lags = dispatchLagNanos.clone();
        Arrays.sort(lags);
        return new RunResult(
            target,
            rate,
            durationSeconds,
            options.warmupSeconds,
            sent,
            latencies.length,
            statuses,
            errors,
            accepted / window,
            sent / ((sendEnd - measureStart) / 1e9),
            latencies,
            lags,
            acceptedTotal.get(),
            unansweredTotal.get(),
            measuredCount);
      }

      private long[] completedLatencies() {
        long[] out = new long[measuredCount];
        int n = 0;
        for (int i = 0; i < measuredCount; i++) {
          long value = latencyNanos.get(i);
          if (value >= 0) {
            out[n++] = value;
          }
        }
        return Arrays.copyOf(out, n);
      }
    }
  }

  /** The outcome of one constant-rate run; latency arrays are sorted, in nanoseconds. */
  record RunResult(
      String target,
      int rate,
      int durationSeconds,
      int warmupSeconds,
      long sent,
      long completed,
      Map<Integer, Long> statuses,
      Map<String, Long> errors,
      double achievedRate,
      double sendRate,
      long[] latencies,
      long[] dispatchLags,
      long acceptedTotal,
      long unansweredTotal,
      long scheduled) {

    long errorCount() {
      long nonAccepted = completed - statuses.getOrDefault(EXPECTED_STATUS, 0L);
      return nonAccepted + errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double p99Ms() {
      return percentileMs(latencies, 0.99);
    }

    String report() {
      StringBuilder out = new StringBuilder();
      line(out, "sent", "%d of %d scheduled (%.1f/s)", sent, scheduled, sendRate);
      line(out, "completed", "%d", completed);
      line(out, "status", "%s", statuses.isEmpty() ? "none" : joinCounts(statuses));
      line(out, "errors", "%s", errors.isEmpty() ? "none" : joinCounts(errors));
      line(out, "achieved", "%.1f/s of 202 responses (target %d/s)", achievedRate, rate);
      line(
          out,
          "latency ms",
          "p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f",
          percentileMs(latencies, 0.50),
          percentileMs(latencies, 0.90),
          percentileMs(latencies, 0.99),
          percentileMs(latencies, 0.999),
          maxMs(latencies));
      // Time between a request's due time and its hand-off to the HTTP client. Large values mean
      // the generator itself could not keep up and the latencies above include its own delay.
      line(
          out,
          "send lag ms",
          "p99=%.2f max=%.2f (generator's own delay)",
          percentileMs(dispatchLags, 0.99),
          maxMs(dispatchLags));
      line(out, "accepted total", "%d (202s including warmup)", acceptedTotal);
      line(out, "unanswered", "%d (no answer at all, including warmup)", unansweredTotal);
      return out.toString();
    }

    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("target", target);
      json.put("rate", rate);
      json.put("duration_s", durationSeconds);
      json.put("warmup_s", warmupSeconds);
      json.put("sent", sent);
      json.put("completed", completed);
      Map<String, Object> status = new LinkedHashMap<>();
      statuses.forEach((code, n) -> status.put(String.valueOf(code), n));
      json.put("status", status);
      json.put("errors", new LinkedHashMap<String, Object>(errors));
      json.put("achieved_rate", round(achievedRate));
      Map<String, Object> latency = new LinkedHashMap<>();
      latency.put("p50", round(percentileMs(latencies, 0.50)));
      latency.put("p90", round(percentileMs(latencies, 0.90)));
      latency.put("p99", round(percentileMs(latencies, 0.99)));
      latency.put("p999", round(percentileMs(latencies, 0.999)));
      latency.put("max", round(maxMs(latencies)));
      json.put("latency_ms", latency);
      json.put("send_lag_p99_ms", round(percentileMs(dispatchLags, 0.99)));
      json.put("accepted_total", acceptedTotal);
      json.put("unanswered_total", unansweredTotal);
      return json;
    }

    private static void line(StringBuilder out, String label, String format, Object... args) {
      out.append(String.format(Locale.ROOT, "%-15s ", label))
          .append(String.format(Locale.ROOT, format, args))
          .append('\n');
    }

    private static String joinCounts(Map<?, Long> counts) {
      StringBuilder out = new StringBuilder();
      counts.forEach(
          (key, n) -> out.append(out.length() == 0 ? "" : " ").append(key).append('=').append(n));
      return out.toString();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Maximum sustained rate
  // ---------------------------------------------------------------------------------------------

  /**
   * Runs constant-rate steps of increasing rate. A step passes when it achieves at least 95% of its
   * rate, has no errors and its p99 is under the limit; the answer is the highest passing step. The
   * ladder stops at the first failing step: higher rates would fail too, and only pile up a backlog
   * that slows whatever runs next.
   */
  static final class Ladder {
    private static final double MIN_ACHIEVED_FRACTION = 0.95;

    private final Options options;
    private final Target target;
    private final HttpClient client;

    Ladder(Options options, Target target, HttpClient client) {
      this.options = options;
      this.target = target;
      this.client = client;
    }

    Map<String, Object> run() throws InterruptedException {
      System.out.printf(
          Locale.ROOT,
          "== %s ladder: steps %s, %d s each (warmup %d s), pass = achieved >= %.0f%%, no errors,"
              + " p99 < %.0f ms ==%n",
          target.name(),
          Arrays.toString(options.steps),
          options.durationSeconds,
          options.warmupSeconds,
          MIN_ACHIEVED_FRACTION * 100,
          options.p99LimitMs);
      List<Object> steps = new ArrayList<>();
      long acceptedTotal = 0;
      long unansweredTotal = 0;
      int maxSustained = 0;
      for (int rate : options.steps) {
        RunResult result =
            new ConstantRateRun(client, target, options, rate, options.runId + "-r" + rate)
                .execute();
        acceptedTotal += result.acceptedTotal();
        unansweredTotal += result.unansweredTotal();
        boolean pass = passes(result);
        printStep(result, pass);
        steps.add(stepJson(result, pass));
        if (!pass) {
          break;
        }
        maxSustained = rate;
        Thread.sleep(options.pauseSeconds * 1000L);
      }
      System.out.printf(
          Locale.ROOT, "max sustained rate: %d/s (%s)%n", maxSustained, target.name());
      System.out.printf(
          Locale.ROOT, "accepted total:     %d (202s including warmup)%n", acceptedTotal);
      System.out.printf(
          Locale.ROOT, "unanswered total:   %d (no answer, including warmup)%n", unansweredTotal);

      Map<String, Object> json = new LinkedHashMap<>();
      json.put("tool", "IntakeLoad");
      json.put("mode", "ladder");
      json.put("target", target.name());
      json.put("step_duration_s", options.durationSeconds);
      json.put("p99_limit_ms", options.p99LimitMs);
      json.put("steps", steps);
      json.put("max_sustained_rate", maxSustained);
      json.put("accepted_total", acceptedTotal);
      json.put("unanswered_total", unansweredTotal);
      return json;
    }

    private boolean passes(RunResult result) {
      return result.achievedRate() >= MIN_ACHIEVED_FRACTION * result.rate()
          && result.errorCount() == 0
          && result.p99Ms() < options.p99LimitMs;
    }

    private static void printStep(RunResult result, boolean pass) {
      System.out.printf(
          Locale.ROOT,
          "step %6d/s  achieved %8.1f/s  p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms  errors %d%s "
              + " %s%n",
          result.rate(),
          result.achievedRate(),
          percentileMs(result.latencies(), 0.50),
          result.p99Ms(),
          maxMs(result.latencies()),
          result.errorCount(),
          result.errors().isEmpty() ? "" : " " + result.errors(),
          pass ? "PASS" : "FAIL");
    }

    private static Map<String, Object> stepJson(RunResult result, boolean pass) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("rate", result.rate());
      step.put("achieved_rate", round(result.achievedRate()));
      step.put("p50_ms", round(percentileMs(result.latencies(), 0.50)));
      step.put("p99_ms", round(result.p99Ms()));
      step.put("errors", result.errorCount());
      step.put("pass", pass);
      return step;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers
  // ---------------------------------------------------------------------------------------------

  /** Nearest-rank percentile of a sorted array of nanoseconds, in milliseconds; 0 if empty. */
  static double percentileMs(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sortedNanos.length);
    return sortedNanos[Math.max(0, rank - 1)] / 1e6;
  }

  static double maxMs(long[] sortedNanos) {
    return sortedNanos.length == 0 ? 0 : sortedNanos[sortedNanos.length - 1] / 1e6;
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /** Just enough JSON output for the summary line: maps, lists, strings, numbers, booleans. */
  static final class Json {
    private Json() {}

    static String write(Object value) {
      StringBuilder out = new StringBuilder();
      append(out, value);
      return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
      if (value instanceof Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          out.append(first ? "" : ",");
          appendString(out, String.valueOf(entry.getKey()));
          out.append(':');
          append(out, entry.getValue());
          first = false;
        }
        out.append('}');
      } else if (value instanceof List<?> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          out.append(i == 0 ? "" : ",");
          append(out, list.get(i));
        }
        out.append(']');
      } else if (value instanceof Number || value instanceof Boolean) {
        out.append(value);
      } else {
        appendString(out, String.valueOf(value));
      }
    }

    private static void appendString(StringBuilder out, String s) {
      out.append('"');
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
  }
}
