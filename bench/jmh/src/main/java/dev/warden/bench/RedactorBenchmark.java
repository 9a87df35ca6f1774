package dev.warden.bench;

import dev.warden.core.redact.Redaction;
import dev.warden.core.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Redaction throughput on a large application log: 8 MiB of generated log lines (timestamps,
 * levels, threads, classes, ids, durations, URLs, key=value pairs, a Java stack trace now and
 * then), with a secret in about one line in 500. Time per pass over the whole log; MB/s is 8 MiB
 * divided by it. The baseline, measured in the same run, is one pass of a single simple regular
 * expression (the AWS key id rule) over the same text.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class RedactorBenchmark {
  static final int SIZE = 8 * 1024 * 1024;

  private static final Pattern ONE_RULE = Pattern.compile("\\b((?:AKIA|ASIA)[A-Z0-9]{16})\\b");

  private final Redactor redactor = Redactor.standard();
  private String log;

  @Setup
  public void setUp() {
    log = generate(new Random(7));
    if (log.getBytes(StandardCharsets.UTF_8).length != SIZE) {
      throw new IllegalStateException("the log must be exactly " + SIZE + " bytes");
    }
  }

  @Benchmark
  public Redaction redact() {
    return redactor.redact(log);
  }

  @Benchmark
  public int baselineOneRegexPass() {
    Matcher matcher = ONE_RULE.matcher(log);
    int found = 0;
    while (matcher.find()) {
      found++;
    }
    return found;
  }

  static String generate(Random random) {
    String[] levels = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
    String[] classes = {
      "c.a.orders.OrderService", "c.a.payments.StripeClient",
          "o.h.engine.jdbc.spi.SqlExceptionHelper",
      "c.a.gateway.RequestLogger", "o.s.web.servlet.DispatcherServlet", "c.a.cache.RedisCache"
    };
    StringBuilder out = new StringBuilder(SIZE + 512);
    long millis = 1_764_230_400_000L;
    int line = 0;
    while (out.length() < SIZE) {
      millis += random.nextInt(50);
      line++;
      out.append(java.time.Instant.ofEpochMilli(millis))
          .append(' ')
          .append(levels[random.nextInt(levels.length)])
          .append(" [worker-")
          .append(random.nextInt(16))
          .append("] ")
          .append(classes[random.nextInt(classes.length)])
          .append(": ");
      switch (random.nextInt(6)) {
        case 0 ->
            out.append("processed order ")
                .append(random.nextInt(1_000_000))
                .append(" in ")
                .append(random.nextInt(900))
                .append(" ms user=u-")
                .append(random.nextInt(10_000))
                .append(" status=OK");
        case 1 ->
            out.append("GET https://api.internal.example/v1/orders/")
                .append(random.nextInt(100_000))
                .append("?expand=items 200 ")
                .append(random.nextInt(5000))
                .append("B trace_id=")
                .append(Long.toHexString(random.nextLong()))
                .append(Long.toHexString(random.nextLong()));
        case 2 ->
            out.append("cache miss key=session:")
                .append(java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) line}))
                .append(" ttl=300s size=")
                .append(random.nextInt(64))
                .append("KB");
        case 3 ->
            out.append("retrying payment intent pi_")
                .append(Long.toHexString(random.nextLong()))
                .append(" attempt=")
                .append(random.nextInt(5))
                .append(" backoff=")
                .append(random.nextInt(2000))
                .append("ms");
        case 4 ->
            out.append(
                    "SQL Error: 0, SQLState: 08001\n\tat org.postgresql.Driver.connect(Driver.java:")
                .append(random.nextInt(900))
                .append(")\n\tat com.zaxxer.hikari.pool.PoolBase.newConnection(PoolBase.java:")
                .append(random.nextInt(400))
                .append(')');
        default ->
            out.append("config reloaded from /etc/app/config.yaml checksum=sha256:")
                .append(Long.toHexString(random.nextLong()));
      }
      if (line % 500 == 0) {
        out.append(
            random.nextBoolean()
                ? " db_password=Xq7" + Long.toHexString(random.nextLong())
                : " token ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8");
      }
      out.append('\n');
    }
    out.setLength(SIZE - 1);
    out.append('\n');
    return out.toString();
  }
}
