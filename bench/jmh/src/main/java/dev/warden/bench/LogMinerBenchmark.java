package dev.warden.bench;

import dev.warden.core.logs.HeaderDetector;
import dev.warden.core.logs.Masker;
import dev.warden.core.logs.TemplateMiner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The template miner alone, single thread: one operation mines every message of the 1,000,000-line
 * Loghub mix made by {@code ../shared/bench/make_big_log.sh} (path in the system property {@code
 * warden.bench.log}, default {@code bench/jmh/target/loghub-1M.log}), with a fresh miner. The
 * headers are split off beforehand: the miner's input is the message. Lines per second = 1,000,000
 * / the time per operation.
 *
 * <p>The baseline, in the same run, splits the same messages into whitespace tokens and nothing
 * else: the least any token-based parser does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LogMinerBenchmark {
  private String[] messages;

  @Setup(Level.Trial)
  public void load() throws IOException {
    Path log = Path.of(System.getProperty("warden.bench.log", "bench/jmh/target/loghub-1M.log"));
    if (!Files.exists(log)) {
      throw new IllegalStateException(
          log
              + " is missing: make it with ../shared/bench/make_big_log.sh (bench/logs/run.sh does)");
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    messages = new String[lines.size()];
    for (int i = 0; i < messages.length; i++) {
      messages[i] = HeaderDetector.parse(lines.get(i)).content();
    }
  }

  @Benchmark
  public int mine() {
    TemplateMiner miner = new TemplateMiner();
    for (String message : messages) {
      miner.add(message);
    }
    return miner.groups();
  }

  @Benchmark
  public int splitOnly() {
    int tokens = 0;
    for (String message : messages) {
      tokens += Masker.split(message).length;
    }
    return tokens;
  }
}
