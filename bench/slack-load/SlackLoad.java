import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
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
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Open-loop load generator for Warden's Slack latencies, with a fake Slack Web API in the same
 * process.
 *
 * <p>Run it with the JDK's source launcher, no build and no dependencies:
 *
 * <pre>
 *   java bench/slack-load/SlackLoad.java ack --rate 50 --duration 60 --warmup 10
 *   java bench/slack-load/SlackLoad.java alert --alerts 300 --alert-rate 10
 * </pre>
 *
 * <p>{@code ack} times signed slash commands ({@code POST /slack/events}) from their due time to
 * the HTTP 200, against {@code POST /webhooks/noop} at the same rate as the baseline. {@code alert}
 * sends Alertmanager notifications ({@code POST /webhooks/alertmanager}) and times each from its
 * due time to the first {@code chat.postMessage} naming its alert at the fake Slack, against the
 * webhook's own 202 as the baseline.
 *
 * <p>Open loop means request {@code i} is due at {@code start + i / rate}, whether or not earlier
 * requests have been answered, and latency is measured from that due time, so a stall of the server
 * is charged to every request that was due during it ("coordinated omission" avoided).
 *
 * <p>The last line of a run is {@code SUMMARY_JSON {...}}, for scripts.
 */
public final class SlackLoad {

  private SlackLoad() {}

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

    AlertNames names = AlertNames.of(options.runId, options.alerts);
    FakeSlack fake;
    try {
      fake = FakeSlack.start(options.fakeSlackPort, names, options.alerts);
    } catch (IOException e) {
      System.err.printf(
          "error: cannot run the fake Slack on 127.0.0.1:%d (%s); stop what uses it or pass"
              + " --fake-slack-port%n",
          options.fakeSlackPort, e.getMessage());
      System.exit(2);
      return;
    }
    ExecutorService executor = Executors.newFixedThreadPool(options.threads, daemonThreads("http"));
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(executor)
            .connectTimeout(Duration.ofSeconds(options.timeoutSeconds))
            .build();
    try {
      Map<String, Object> summary =
          options.mode.equals("ack")
              ? new AckMode(options, client, fake).run()
              : new AlertMode(options, client, fake, names).run();
      System.out.println("SUMMARY_JSON " + Json.write(summary));
    } finally {
      fake.stop();
      executor.shutdownNow();
    }
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Options
  // ---------------------------------------------------------------------------------------------

  /** The mode, then options as {@code --name value} or {@code --name=value}. */
  static final class Options {
    static final String USAGE =
        """
        usage: java bench/slack-load/SlackLoad.java ack|alert [options]
          ack                    signed slash commands to /slack/events, baseline /webhooks/noop
          alert                  Alertmanager notifications, timed to the first chat.postMessage
        common:
          --url URL              Warden's base URL, loopback only (default http://127.0.0.1:18080)
          --fake-slack-port N    loopback port of the fake Slack this tool runs (default 18081);
                                 Warden's warden.slack.api-url must be http://127.0.0.1:N/api/
          --run-id ID            letters and digits, different for every run against one server:
                                 makes trigger ids and alert names unique (default b<base-36 time>)
          --timeout S            per-request timeout in seconds (default 5)
          --threads N            HTTP client executor threads (default 4)
          --max-in-flight N      requests outstanding before new ones are skipped (default 2000)
        ack:
          --rate N               requests per second, for each of the two runs (default 50)
          --duration S           measured seconds of each run (default 60)
          --warmup S             seconds sent first in each run, not recorded (default 10)
          --signing-secret S     Warden's warden.slack.signing-secret (default bench-signing-secret)
          --command C            the slash command (default /warden)
          --text T               the command's text (default help)
        alert:
          --alerts N             notifications to send, each a new alert (default 300)
          --alert-rate N         notifications per second (default 10)
          --alert-timeout S      seconds after its due time within which an alert's first post
                                 counts (default 30)
          --alerting-token T     Warden's warden.alerting.token (default bench-alerting-token)
          --alert-payload PATH   the notification to copy, its alertname, groupKey and fingerprints
                                 replaced per alert
                                 (default ../shared/fixtures/alertmanager/01-firing-single.json)
          --help
        """;

    String mode;
    String url = "http://127.0.0.1:18080";
    int fakeSlackPort = 18081;
    String runId = "b" + Long.toString(System.currentTimeMillis(), 36);
    int timeoutSeconds = 5;
    int threads = 4;
    int maxInFlight = 2000;
    int rate = 50;
    int durationSeconds = 60;
    int warmupSeconds = 10;
    String signingSecret = "bench-signing-secret";
    String command = "/warden";
    String text = "help";
    int alerts = 300;
    int alertRate = 10;
    int alertTimeoutSeconds = 30;
    String alertingToken = "bench-alerting-token";
    Path alertPayload = Path.of("../shared/fixtures/alertmanager/01-firing-single.json");
    boolean help;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--help")) {
          o.help = true;
          continue;
        }
        if (!arg.startsWith("--")) {
          if (o.mode != null) {
            throw new IllegalArgumentException("unexpected argument: " + arg);
          }
          o.mode = arg;
          continue;
        }
        String name = arg.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--" + name + " needs a value");
          }
          value = args[++i];
        }
        o.set(name, value);
      }
      if (!o.help) {
        o.validate();
      }
      return o;
    }

    private void set(String name, String value) {
      switch (name) {
        case "url" -> url = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        case "fake-slack-port" -> fakeSlackPort = positiveInt(name, value);
        case "run-id" -> runId = value;
        case "timeout" -> timeoutSeconds = positiveInt(name, value);
        case "threads" -> threads = positiveInt(name, value);
        case "max-in-flight" -> maxInFlight = positiveInt(name, value);
        case "rate" -> rate = positiveInt(name, value);
        case "duration" -> durationSeconds = positiveInt(name, value);
        case "warmup" -> warmupSeconds = nonNegativeInt(name, value);
        case "signing-secret" -> signingSecret = value;
        case "command" -> command = value;
        case "text" -> text = value;
        case "alerts" -> alerts = positiveInt(name, value);
        case "alert-rate" -> alertRate = positiveInt(name, value);
        case "alert-timeout" -> alertTimeoutSeconds = positiveInt(name, value);
        case "alerting-token" -> alertingToken = value;
        case "alert-payload" -> alertPayload = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option --" + name);
      }
    }

    private void validate() {
      if (mode == null || !(mode.equals("ack") || mode.equals("alert"))) {
        throw new IllegalArgumentException("the first argument must be ack or alert, not " + mode);
      }
      if (!runId.matches("[A-Za-z0-9]+")) {
        throw new IllegalArgumentException("--run-id must be letters and digits, not " + runId);
      }
      requireLoopback(url);
      if (mode.equals("alert") && !Files.isReadable(alertPayload)) {
        throw new IllegalArgumentException(
            "alert payload not readable: " + alertPayload.toAbsolutePath());
      }
    }

    /** The benchmark must never send anything off this machine. */
    private static void requireLoopback(String url) {
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--url is not a URL: " + url);
      }
      if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("--url must be http://<loopback>:<port>, not " + url);
      }
      try {
        if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
          throw new IllegalArgumentException("--url must be a loopback address, not " + url);
        }
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("--url host unknown: " + uri.getHost());
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
  // ack: slash command acknowledgement against the noop floor
  // ---------------------------------------------------------------------------------------------

  /** The baseline run, then the slash command run, at the same rate and duration. */
  static final class AckMode {
    private final Options options;
    private final HttpClient client;
    private final FakeSlack fake;

    AckMode(Options options, HttpClient client, FakeSlack fake) {
      this.options = options;
      this.client = client;
      this.fake = fake;
    }

    Map<String, Object> run() throws InterruptedException, GeneralSecurityException {
      SlashCommandRequests slash = new SlashCommandRequests(options);
      // Noop first, as in the intake benchmark: the floor is measured before anything else runs.
      RunResult baseline =
          constant(
              "baseline: POST /webhooks/noop (the same form body, unsigned)",
              202,
              slash::noopRequest);
      RunResult ack =
          constant(
              "slash command: POST /slack/events \""
                  + options.command
                  + " "
                  + options.text
                  + "\", signed",
              200,
              slash::request);

      double ratio = ratio(ack.percentileMs(0.99), baseline.percentileMs(0.99));
      System.out.println("== ack summary (compare within this run only) ==");
      System.out.print(baseline.percentileLine("noop (baseline)"));
      System.out.print(ack.percentileLine("slash ack"));
      System.out.printf(Locale.ROOT, "%-15s %s%n", "p99 ack/noop", ratioText(ratio));
      System.out.printf(Locale.ROOT, "%-15s %s%n", "fake slack", fake.callsText());

      Map<String, Object> json = new LinkedHashMap<>();
      json.put("tool", "SlackLoad");
      json.put("mode", "ack");
      json.put("rate", options.rate);
      json.put("ack_p50", round(ack.percentileMs(0.50)));
      json.put("ack_p90", round(ack.percentileMs(0.90)));
      json.put("ack_p99", round(ack.percentileMs(0.99)));
      json.put("ack_p999", round(ack.percentileMs(0.999)));
      json.put("ack_max", round(ack.maxMs()));
      json.put("ack_errors", ack.errorCount());
      json.put("baseline_p50", round(baseline.percentileMs(0.50)));
      json.put("baseline_p99", round(baseline.percentileMs(0.99)));
      json.put("baseline_errors", baseline.errorCount());
      json.put("p99_ratio", Double.isNaN(ratio) ? null : round(ratio));
      json.put("fake_slack_calls", fake.calls());
      json.put("baseline", baseline.toJson());
      json.put("slash", ack.toJson());
      return json;
    }

    private RunResult constant(String title, int expectedStatus, LongFunction<HttpRequest> requests)
        throws InterruptedException {
      System.out.printf(
          Locale.ROOT,
          "== %s @ %d/s for %d s (warmup %d s, not recorded) ==%n",
          title,
          options.rate,
          options.durationSeconds,
          options.warmupSeconds);
      RunResult result =
          new OpenLoopRun(
                  client,
                  options,
                  options.rate,
                  (long) options.warmupSeconds * options.rate,
                  Math.multiplyExact(options.durationSeconds, options.rate),
                  expectedStatus,
                  requests)
              .execute();
      System.out.print(result.report());
      return result;
    }
  }

  /**
   * Slash command requests in the shape Slack sends them (the fields of the fixtures' {@code
   * slash-command.*.body.txt}), each with its own trigger id and response URL, signed with the
   * current time as Slack does ({@code v0=} HMAC-SHA256 of {@code v0:<timestamp>:<body>}).
   */
  static final class SlashCommandRequests {
    private final Options options;
    private final URI events;
    private final URI noop;
    private final Mac mac;

    SlashCommandRequests(Options options) throws GeneralSecurityException {
      this.options = options;
      this.events = URI.create(options.url + "/slack/events");
      this.noop = URI.create(options.url + "/webhooks/noop");
      // Only the scheduling thread signs, so one Mac is enough.
      this.mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(options.signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    HttpRequest request(long seq) {
      String body = body(seq);
      String timestamp = Long.toString(System.currentTimeMillis() / 1000);
      byte[] digest =
          mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return HttpRequest.newBuilder(events)
          .timeout(Duration.ofSeconds(options.timeoutSeconds))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("X-Slack-Request-Timestamp", timestamp)
          .header("X-Slack-Signature", "v0=" + HexFormat.of().formatHex(digest))
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
    }

    /** The same body to the noop endpoint, so the two runs differ only in what the server does. */
    HttpRequest noopRequest(long seq) {
      return HttpRequest.newBuilder(noop)
          .timeout(Duration.ofSeconds(options.timeoutSeconds))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body(seq)))
          .build();
    }

    String body(long seq) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("token", "benchVerificationToken0000");
      fields.put("team_id", "T0BENCH");
      fields.put("team_domain", "bench");
      fields.put("channel_id", "C0BENCH");
      fields.put("channel_name", "bench");
      fields.put("user_id", "U0BENCH");
      fields.put("user_name", "bench.user");
      fields.put("command", options.command);
      fields.put("text", options.text);
      fields.put("api_app_id", "A0BENCH");
      fields.put("is_enterprise_install", "false");
      fields.put(
          "response_url",
          "http://127.0.0.1:"
              + options.fakeSlackPort
              + "/commands/T0BENCH/"
              + options.runId
              + seq
              + "/bench");
      fields.put("trigger_id", options.runId + "." + seq + "." + System.nanoTime());
      StringBuilder out = new StringBuilder();
      fields.forEach(
          (name, value) ->
              out.append(out.length() == 0 ? "" : "&")
                  .append(name)
                  .append('=')
                  .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
      return out.toString();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // alert: Alertmanager notification to the first chat.postMessage
  // ---------------------------------------------------------------------------------------------

  /**
   * Sends the alerts open-loop, then waits until each accepted alert has a post at the fake Slack
   * or the last one's timeout has passed. Never waits longer than that: a server that posts nothing
   * gives a report of 0 posts, not a hang.
   */
  static final class AlertMode {
    private final Options options;
    private final HttpClient client;
    private final FakeSlack fake;
    private final AlertNames names;

    AlertMode(Options options, HttpClient client, FakeSlack fake, AlertNames names) {
      this.options = options;
      this.client = client;
      this.fake = fake;
      this.names = names;
    }

    Map<String, Object> run() throws IOException, InterruptedException {
      AlertPayload payload = AlertPayload.read(options.alertPayload);
      URI uri = URI.create(options.url + "/webhooks/alertmanager");
      // Built beforehand so that building them is not part of the send lag.
      List<byte[]> bodies = new ArrayList<>();
      for (int i = 0; i < options.alerts; i++) {
        bodies.add(payload.body(names.name(i)));
      }
      System.out.printf(
          Locale.ROOT,
          "== alerts: %d Alertmanager notifications (%s...) to POST /webhooks/alertmanager @ %d/s;"
              + " each waits up to %d s for its first chat.postMessage ==%n",
          options.alerts,
          names.name(0),
          options.alertRate,
          options.alertTimeoutSeconds);
      RunResult webhook =
          new OpenLoopRun(
                  client,
                  options,
                  options.alertRate,
                  0,
                  options.alerts,
                  202,
                  seq ->
                      HttpRequest.newBuilder(uri)
                          .timeout(Duration.ofSeconds(options.timeoutSeconds))
                          .header("Content-Type", "application/json")
                          .header("Authorization", "Bearer " + options.alertingToken)
                          .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get((int) seq)))
                          .build())
              .execute();
      System.out.println("-- webhook (the baseline: its own 202) --");
      System.out.print(webhook.report());

      long waited = awaitPosts(webhook);
      Posts posts = Posts.of(webhook, fake, options.alertTimeoutSeconds);
      System.out.printf(
          Locale.ROOT,
          "-- first chat.postMessage per alert (waited %.1f s after the last answer) --%n",
          waited / 1e9);
      System.out.print(posts.report());
      System.out.printf(Locale.ROOT, "%-15s %s%n", "fake slack", fake.callsText());

      double ratio = ratio(posts.percentileMs(0.95), webhook.percentileMs(0.95));
      System.out.println("== alert summary (compare within this run only) ==");
      System.out.print(webhook.percentileLine("webhook 202"));
      System.out.print(
          posts.count() == 0
              ? String.format(Locale.ROOT, "%-15s none%n", "first post")
              : posts.percentileLine("first post"));
      System.out.printf(Locale.ROOT, "%-15s %s%n", "p95 post/202", ratioText(ratio));
      if (posts.withinTimeout() == 0) {
        System.out.println(noPostsExplanation(webhook));
      }

      Map<String, Object> json = new LinkedHashMap<>();
      json.put("tool", "SlackLoad");
      json.put("mode", "alert");
      json.put("alerts", options.alerts);
      json.put("alert_rate", options.alertRate);
      json.put("alert_timeout_s", options.alertTimeoutSeconds);
      json.put("accepted", webhook.statuses().getOrDefault(202, 0L));
      json.put("posted_within_timeout", posts.withinTimeout());
      json.put("posted_late", posts.late());
      json.put("not_posted", options.alerts - posts.count());
      json.put("post_p50", posts.count() == 0 ? null : round(posts.percentileMs(0.50)));
      json.put("post_p90", posts.count() == 0 ? null : round(posts.percentileMs(0.90)));
      json.put("post_p95", posts.count() == 0 ? null : round(posts.percentileMs(0.95)));
      json.put("post_p99", posts.count() == 0 ? null : round(posts.percentileMs(0.99)));
      json.put("post_max", posts.count() == 0 ? null : round(posts.maxMs()));
      json.put("webhook_p50", round(webhook.percentileMs(0.50)));
      json.put("webhook_p95", round(webhook.percentileMs(0.95)));
      json.put("webhook_p99", round(webhook.percentileMs(0.99)));
      json.put("webhook_errors", webhook.errorCount());
      json.put("p95_ratio", Double.isNaN(ratio) ? null : round(ratio));
      json.put("posts_for_no_alert_of_this_run", fake.postsForNoAlert());
      json.put("fake_slack_calls", fake.calls());
      json.put("webhook", webhook.toJson());
      return json;
    }

    /**
     * Waits until every alert answered with 202 has a post, or until the last alert's timeout has
     * passed; returns how long it waited. Polling is fine here: arrival times are taken by the fake
     * Slack as posts come in, so the poll interval only delays the end of the run.
     */
    private long awaitPosts(RunResult webhook) throws InterruptedException {
      long begin = System.nanoTime();
      int[] accepted = webhook.slotsWithStatus(202);
      if (accepted.length == 0) {
        return 0;
      }
      long deadline = webhook.lastDue() + options.alertTimeoutSeconds * 1_000_000_000L;
      while (System.nanoTime() < deadline && !fake.allPosted(accepted)) {
        Thread.sleep(20);
      }
      return System.nanoTime() - begin;
    }

    private String noPostsExplanation(RunResult webhook) {
      long accepted = webhook.statuses().getOrDefault(202, 0L);
      if (accepted == 0) {
        return "NO POSTS: no alert was accepted (no 202; see status and errors above), so none"
            + " could be posted. Is warden.alerting.token the --alerting-token given here?";
      }
      return String.format(
          Locale.ROOT,
          "NO POSTS: 0 of %d alerts got a chat.postMessage naming them within %d s (%d were"
              + " accepted with 202). Either this Warden does not post alerts to Slack, or it does"
              + " not reach this fake Slack: its warden.slack.api-url must be"
              + " http://127.0.0.1:%d/api/ and warden.slack.bot-token must be set.",
          options.alerts,
          options.alertTimeoutSeconds,
          accepted,
          options.fakeSlackPort);
    }
  }

  /**
   * The names of one run's alerts: {@code BenchAlert<run-id><i>}, {@code i} zero-padded to a fixed
   * width, so a name is found in a message only where it stands as a whole word.
   */
  record AlertNames(String prefix, int width) {
    static AlertNames of(String runId, int alerts) {
      return new AlertNames(
          "BenchAlert" + runId, Math.max(4, String.valueOf(Math.max(0, alerts - 1)).length()));
    }

    String name(int index) {
      return prefix + String.format(Locale.ROOT, "%0" + width + "d", index);
    }

    /** The indices of this run's alerts named in {@code text}. */
    List<Integer> findIn(String text) {
      List<Integer> found = new ArrayList<>();
      int from = 0;
      int at;
      while ((at = text.indexOf(prefix, from)) >= 0) {
        int digits = at + prefix.length();
        int end = digits + width;
        from = digits;
        if (end > text.length()
            || (at > 0 && Character.isLetterOrDigit(text.charAt(at - 1)))
            || (end < text.length() && Character.isLetterOrDigit(text.charAt(end)))) {
          continue;
        }
        String number = text.substring(digits, end);
        if (number.chars().allMatch(c -> c >= '0' && c <= '9')) {
          found.add(Integer.parseInt(number));
        }
      }
      return found;
    }
  }

  /**
   * An Alertmanager notification to copy. Each copy gets the alert's name in every {@code
   * alertname} label, a {@code groupKey} of its own and fresh fingerprints, so the server stores it
   * as a new alert group rather than as a repeat.
   */
  record AlertPayload(String template, String alertname) {
    private static final Pattern ALERTNAME = Pattern.compile("\"alertname\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern GROUP_KEY =
        Pattern.compile("\"groupKey\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern FINGERPRINT =
        Pattern.compile("\"fingerprint\"\\s*:\\s*\"[^\"]*\"");

    static AlertPayload read(Path path) throws IOException {
      String template = Files.readString(path, StandardCharsets.UTF_8);
      Matcher matcher = ALERTNAME.matcher(template);
      if (!matcher.find()) {
        throw new IllegalArgumentException("no \"alertname\" label in " + path);
      }
      return new AlertPayload(template, matcher.group(1));
    }

    byte[] body(String name) {
      String json =
          Pattern.compile("(\"alertname\"\\s*:\\s*\")" + Pattern.quote(alertname) + "\"")
              .matcher(template)
              .replaceAll("$1" + Matcher.quoteReplacement(name) + "\"");
      json =
          GROUP_KEY
              .matcher(json)
              .replaceAll(
                  Matcher.quoteReplacement("\"groupKey\":\"{}:{alertname=\\\"" + name + "\\\"}\""));
      Matcher fingerprints = FINGERPRINT.matcher(json);
      StringBuilder out = new StringBuilder();
      int n = 0;
      while (fingerprints.find()) {
        String replacement = "\"fingerprint\":\"" + fingerprint(name + "/" + n++) + "\"";
        fingerprints.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      fingerprints.appendTail(out);
      return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** 16 hex digits, like Alertmanager's own. */
    private static String fingerprint(String seed) {
      try {
        byte[] hash =
            MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 8);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
    }
  }

  /** First-post latencies of one alert run, from each alert's due time, sorted, in nanoseconds. */
  record Posts(long[] latencies, int alerts, int timeoutSeconds, int withinTimeout, int late) {
    static Posts of(RunResult webhook, FakeSlack fake, int timeoutSeconds) {
      long timeout = timeoutSeconds * 1_000_000_000L;
      long[] due = webhook.dueNanos();
      long[] latencies = new long[due.length];
      int n = 0;
      int within = 0;
      for (int slot = 0; slot < due.length; slot++) {
        long posted = fake.firstPost(slot);
        if (posted < 0) {
          continue;
        }
        long latency = posted - due[slot];
        latencies[n++] = latency;
        if (latency <= timeout) {
          within++;
        }
      }
      long[] sorted = Arrays.copyOf(latencies, n);
      Arrays.sort(sorted);
      return new Posts(sorted, due.length, timeoutSeconds, within, n - within);
    }

    int count() {
      return latencies.length;
    }

    double percentileMs(double p) {
      return SlackLoad.percentileMs(latencies, p);
    }

    double maxMs() {
      return SlackLoad.maxMs(latencies);
    }

    String percentileLine(String label) {
      return SlackLoad.percentileLine(label, latencies);
    }

    String report() {
      StringBuilder out = new StringBuilder();
      line(
          out,
          "posted",
          "%d of %d alerts within %d s; %d later; %d without a post",
          withinTimeout,
          alerts,
          timeoutSeconds,
          late,
          alerts - count());
      line(
          out,
          "latency ms",
          "%s",
          count() == 0
              ? "none: no chat.postMessage named any alert of this run"
              : percentiles(latencies));
      return out.toString();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The fake Slack Web API
  // ---------------------------------------------------------------------------------------------

  /**
   * A Slack Web API on 127.0.0.1 that says yes to everything: {@code POST /api/<method>} answers
   * {@code ok} (with a channel and a unique {@code ts} for {@code chat.*}, empty lists for the list
   * methods), and {@code /commands/...} (the slash commands' response URLs) answers {@code ok}. It
   * counts calls per method and remembers when the first {@code chat.postMessage} naming each alert
   * of this run arrived, on the same clock as the sender's due times.
   */
  static final class FakeSlack {
    private final HttpServer server;
    private final ExecutorService executor;
    private final AlertNames names;
    private final AtomicLongArray firstPost; // by alert index: System.nanoTime() or -1
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder postsForNoAlert = new LongAdder();
    private final AtomicLong tsCounter = new AtomicLong();
    private final long tsBase = System.currentTimeMillis() * 1000;

    private FakeSlack(HttpServer server, ExecutorService executor, AlertNames names, int alerts) {
      this.server = server;
      this.executor = executor;
      this.names = names;
      this.firstPost = new AtomicLongArray(alerts);
      for (int i = 0; i < alerts; i++) {
        firstPost.set(i, -1);
      }
    }

    static FakeSlack start(int port, AlertNames names, int alerts) throws IOException {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
      // Several threads, so that the fake never queues the server's calls behind one another.
      ExecutorService executor = Executors.newFixedThreadPool(4, daemonThreads("fake-slack"));
      FakeSlack fake = new FakeSlack(server, executor, names, alerts);
      server.createContext("/", fake::handle);
      server.setExecutor(executor);
      server.start();
      return fake;
    }

    void stop() {
      server.stop(0);
      executor.shutdownNow();
    }

    long firstPost(int alert) {
      return alert < firstPost.length() ? firstPost.get(alert) : -1;
    }

    boolean allPosted(int[] alerts) {
      for (int alert : alerts) {
        if (firstPost(alert) < 0) {
          return false;
        }
      }
      return true;
    }

    long postsForNoAlert() {
      return postsForNoAlert.sum();
    }

    Map<String, Object> calls() {
      Map<String, Object> out = new TreeMap<>();
      calls.forEach((method, n) -> out.put(method, n.sum()));
      return out;
    }

    String callsText() {
      Map<String, Object> counts = calls();
      if (counts.isEmpty()) {
        return "no calls (neither the Web API nor a response_url)";
      }
      StringBuilder out = new StringBuilder();
      counts.forEach(
          (method, n) -> out.append(out.length() == 0 ? "" : " ").append(method + "=" + n));
      long unmatched = postsForNoAlert();
      if (unmatched > 0) {
        out.append(" (chat.postMessage naming no alert of this run: ")
            .append(unmatched)
            .append(')');
      }
      return out.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
      long arrival = System.nanoTime();
      try (exchange) {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.startsWith("/api/")) {
          String method = path.substring("/api/".length());
          count(method);
          if (method.equals("chat.postMessage")) {
            recordPost(body, exchange.getRequestHeaders().getFirst("Content-Type"), arrival);
          }
          respond(exchange, "application/json; charset=utf-8", answer(method));
        } else if (path.startsWith("/commands/")) {
          count("response_url");
          respond(exchange, "text/plain; charset=utf-8", "ok");
        } else {
          count("unknown-path");
          exchange.sendResponseHeaders(404, -1);
        }
      }
    }

    private void count(String name) {
      calls.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    /** Bolt posts forms; JSON bodies are searched as they are (alert names need no escaping). */
    private void recordPost(byte[] body, String contentType, long arrival) {
      String text = new String(body, StandardCharsets.UTF_8);
      if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
        try {
          text = URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
          // searched as it is: alert names are letters and digits, the same encoded or not
        }
      }
      List<Integer> alerts = names.findIn(text);
      if (alerts.isEmpty()) {
        postsForNoAlert.increment();
      }
      for (int alert : alerts) {
        if (alert < firstPost.length()) {
          firstPost.compareAndSet(alert, -1, arrival);
        }
      }
    }

    private String answer(String method) {
      if (method.startsWith("chat.")) {
        long ts = tsBase + tsCounter.incrementAndGet();
        return String.format(
            Locale.ROOT,
            "{\"ok\":true,\"channel\":\"C0BENCH\",\"ts\":\"%d.%06d\"}",
            ts / 1_000_000,
            ts % 1_000_000);
      }
      if (method.equals("usergroups.users.list")) {
        return "{\"ok\":true,\"users\":[]}";
      }
      if (method.equals("users.list") || method.equals("conversations.members")) {
        return "{\"ok\":true,\"members\":[]}";
      }
      if (method.equals("auth.test")) {
        return "{\"ok\":true,\"team_id\":\"T0BENCH\",\"user_id\":\"U0WARDEN\","
            + "\"bot_id\":\"B0WARDEN\"}";
      }
      return "{\"ok\":true}";
    }

    private static void respond(HttpExchange exchange, String contentType, String body)
        throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // One open-loop run
  // ---------------------------------------------------------------------------------------------

  /**
   * Sends {@code warmupCount + measuredCount} requests at {@code rate} per second, then waits for
   * the answers. Only the last {@code measuredCount} are recorded.
   */
  static final class OpenLoopRun {
    private final HttpClient client;
    private final Options options;
    private final int rate;
    private final long warmupCount;
    private final long totalCount;
    private final int expectedStatus;
    private final LongFunction<HttpRequest> requests;
    private final Recorder recorder;

    OpenLoopRun(
        HttpClient client,
        Options options,
        int rate,
        long warmupCount,
        int measuredCount,
        int expectedStatus,
        LongFunction<HttpRequest> requests) {
      this.client = client;
      this.options = options;
      this.rate = rate;
      this.warmupCount = warmupCount;
      this.totalCount = warmupCount + measuredCount;
      this.expectedStatus = expectedStatus;
      this.requests = requests;
      this.recorder = new Recorder(measuredCount);
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
      return recorder.result(rate, expectedStatus, measureStart, sendEnd);
    }

    private void dispatch(long seq, long due) {
      boolean measured = seq >= warmupCount;
      int slot = (int) (seq - warmupCount);
      if (measured) {
        recorder.recordDue(slot, due, System.nanoTime() - due);
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
      if (measured) {
        recorder.sent++;
      }
      client
          .sendAsync(requests.apply(seq), HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, error) -> {
                long now = System.nanoTime();
                if (measured) {
                  if (error != null) {
                    recorder.recordError(errorName(error));
                  } else {
                    recorder.recordResponse(slot, response.statusCode(), now - due, now);
                  }
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

    /** Counters of the measured requests of one run. */
    static final class Recorder {
      final AtomicInteger inFlight = new AtomicInteger();
      private final int measuredCount;
      private final AtomicLongArray latencyNanos; // by slot; -1 until a response arrives
      private final AtomicIntegerArray statusBySlot; // 0 until a response arrives
      private final long[] dueNanos; // written only by the scheduling thread
      private final long[] dispatchLagNanos; // written only by the scheduling thread
      private final Map<Integer, LongAdder> statusCounts = new ConcurrentHashMap<>();
      private final Map<String, LongAdder> errorCounts = new ConcurrentHashMap<>();
      private final AtomicLong lastCompletion = new AtomicLong(Long.MIN_VALUE);
      private long sent; // written only by the scheduling thread

      Recorder(int measuredCount) {
        this.measuredCount = measuredCount;
        this.latencyNanos = new AtomicLongArray(measuredCount);
        this.statusBySlot = new AtomicIntegerArray(measuredCount);
        this.dueNanos = new long[measuredCount];
        this.dispatchLagNanos = new long[measuredCount];
        for (int i = 0; i < measuredCount; i++) {
          latencyNanos.set(i, -1);
        }
      }

      void recordDue(int slot, long due, long lag) {
        dueNanos[slot] = due;
        dispatchLagNanos[slot] = lag;
      }

      void recordError(String name) {
        errorCounts.computeIfAbsent(name, k -> new LongAdder()).increment();
      }

      void recordResponse(int slot, int status, long latency, long now) {
        latencyNanos.set(slot, latency);
        statusBySlot.set(slot, status);
        statusCounts.computeIfAbsent(status, k -> new LongAdder()).increment();
        lastCompletion.accumulateAndGet(now, Math::max);
      }

      RunResult result(int rate, int expectedStatus, long measureStart, long sendEnd) {
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
        // Achieved rate: expected answers over the time it took to get them. If the server keeps
        // up this is the measured duration; if it falls behind, answers spill past it.
        double measuredSeconds = measuredCount / (double) rate;
        double window = Math.max(measuredSeconds, (lastCompletion.get() - measureStart) / 1e9);
        long expected = statuses.getOrDefault(expectedStatus, 0L);
        int[] slotStatuses = new int[measuredCount];
        for (int i = 0; i < measuredCount; i++) {
          slotStatuses[i] = statusBySlot.get(i);
        }
        Arrays.sort(latencies);
        long[] lags = dispatchLagNanos.clone();
        Arrays.sort(lags);
        return new RunResult(
            rate,
            expectedStatus,
            sent,
            measuredCount,
            latencies.length,
            statuses,
            errors,
            expected / window,
            sent / Math.max(1e-9, (sendEnd - measureStart) / 1e9),
            latencies,
            lags,
            dueNanos.clone(),
            slotStatuses);
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

  /**
   * The outcome of one open-loop run. Latencies and lags are sorted; due times and statuses are by
   * slot (the measured request's number); all times in nanoseconds.
   */
  record RunResult(
      int rate,
      int expectedStatus,
      long sent,
      long scheduled,
      long completed,
      Map<Integer, Long> statuses,
      Map<String, Long> errors,
      double achievedRate,
      double sendRate,
      long[] latencies,
      long[] dispatchLags,
      long[] dueNanos,
      int[] slotStatuses) {

    /** Answers other than the expected status, plus requests that got no answer. */
    long errorCount() {
      long unexpected = completed - statuses.getOrDefault(expectedStatus, 0L);
      return unexpected + errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double percentileMs(double p) {
      return SlackLoad.percentileMs(latencies, p);
    }

    double maxMs() {
      return SlackLoad.maxMs(latencies);
    }

    long lastDue() {
      return dueNanos.length == 0 ? System.nanoTime() : dueNanos[dueNanos.length - 1];
    }

    int[] slotsWithStatus(int status) {
      return IntStream.range(0, slotStatuses.length)
          .filter(slot -> slotStatuses[slot] == status)
          .toArray();
    }

    String percentileLine(String label) {
      return SlackLoad.percentileLine(label, latencies);
    }

    String report() {
      StringBuilder out = new StringBuilder();
      line(out, "sent", "%d of %d scheduled (%.1f/s)", sent, scheduled, sendRate);
      line(out, "completed", "%d", completed);
      line(out, "status", "%s", statuses.isEmpty() ? "none" : joinCounts(statuses));
      line(out, "errors", "%s", errors.isEmpty() ? "none" : joinCounts(errors));
      line(
          out,
          "achieved",
          "%.1f/s of %d responses (target %d/s)",
          achievedRate,
          expectedStatus,
          rate);
      line(out, "latency ms", "%s", percentiles(latencies));
      // Time between a request's due time and its hand-off to the HTTP client. Large values mean
      // the generator itself could not keep up and the latencies above include its own delay.
      line(
          out,
          "send lag ms",
          "p99=%.2f max=%.2f (generator's own delay)",
          SlackLoad.percentileMs(dispatchLags, 0.99),
          SlackLoad.maxMs(dispatchLags));
      return out.toString();
    }

    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("rate", rate);
      json.put("sent", sent);
      json.put("completed", completed);
      Map<String, Object> status = new LinkedHashMap<>();
      statuses.forEach((code, n) -> status.put(String.valueOf(code), n));
      json.put("status", status);
      json.put("errors", new LinkedHashMap<String, Object>(errors));
      json.put("achieved_rate", round(achievedRate));
      Map<String, Object> latency = new LinkedHashMap<>();
      latency.put("p50", round(percentileMs(0.50)));
      latency.put("p90", round(percentileMs(0.90)));
      latency.put("p95", round(percentileMs(0.95)));
      latency.put("p99", round(percentileMs(0.99)));
      latency.put("p999", round(percentileMs(0.999)));
      latency.put("max", round(maxMs()));
      json.put("latency_ms", latency);
      json.put("send_lag_p99_ms", round(SlackLoad.percentileMs(dispatchLags, 0.99)));
      return json;
    }

    private static String joinCounts(Map<?, Long> counts) {
      StringBuilder out = new StringBuilder();
      counts.forEach(
          (key, n) -> out.append(out.length() == 0 ? "" : " ").append(key).append('=').append(n));
      return out.toString();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers
  // ---------------------------------------------------------------------------------------------

  static String percentiles(long[] sortedNanos) {
    return String.format(
        Locale.ROOT,
        "p50=%.2f p90=%.2f p95=%.2f p99=%.2f p99.9=%.2f max=%.2f (n=%d)",
        percentileMs(sortedNanos, 0.50),
        percentileMs(sortedNanos, 0.90),
        percentileMs(sortedNanos, 0.95),
        percentileMs(sortedNanos, 0.99),
        percentileMs(sortedNanos, 0.999),
        maxMs(sortedNanos),
        sortedNanos.length);
  }

  static String percentileLine(String label, long[] sortedNanos) {
    return String.format(Locale.ROOT, "%-15s %s%n", label, percentiles(sortedNanos));
  }

  static void line(StringBuilder out, String label, String format, Object... args) {
    out.append(String.format(Locale.ROOT, "%-15s ", label))
        .append(String.format(Locale.ROOT, format, args))
        .append('\n');
  }

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

  /** {@code a / b}, or NaN when either side was not measured. */
  static double ratio(double a, double b) {
    return a > 0 && b > 0 ? a / b : Double.NaN;
  }

  static String ratioText(double ratio) {
    return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f", ratio);
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /** Just enough JSON output for the summary line: maps, lists, strings, numbers, null. */
  static final class Json {
    private Json() {}

    static String write(Object value) {
      StringBuilder out = new StringBuilder();
      append(out, value);
      return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
      if (value == null) {
        out.append("null");
      } else if (value instanceof Map<?, ?> map) {
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
