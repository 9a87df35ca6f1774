package dev.warden.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.testing.SharedFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A regression guard, not a timed test: the miner's grouping accuracy on two Loghub-2k systems,
 * scored by ../shared/bench/loghub_score.py, may not drop more than 0.01 below the figures
 * committed in bench/results/logs-accuracy.json (written by bench/logs/score.py).
 */
class LoghubAccuracyTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(strings = {"OpenSSH", "OpenStack"})
  void groupingAccuracyStaysAtTheCommittedFigure(String system) throws Exception {
    Path data = SharedFixtures.sharedPath("data/loghub-2k");
    Path scorer = SharedFixtures.sharedPath("bench/loghub_score.py");
    Assumptions.assumeTrue(python() != null, "python3 is not installed: the scorer cannot run");
    JsonNode committed =
        JSON.readTree(repositoryRoot().resolve("bench/results/logs-accuracy.json").toFile());
    double expected = committed.path("systems").path(system).path("GA").asDouble();
    assertThat(expected).as("committed GA of " + system).isGreaterThan(0.5);

    String format =
        JSON.readTree(data.resolve("settings.json").toFile())
            .path(system)
            .path("log_format")
            .asString();
    LogParser parser = new LogParser(Optional.of(LogFormat.compile(format)), new TemplateMiner());
    Template[] templates;
    try (InputStream in = Files.newInputStream(data.resolve(system).resolve(system + "_2k.log"))) {
      templates = parser.parse(in);
    }
    Path csv = work.resolve(system + ".csv");
    try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      LogParser.writeCsv(templates, out);
    }

    Process score =
        new ProcessBuilder(
                python(),
                scorer.toString(),
                data.resolve(system)
                    .resolve(system + "_2k.log_structured_corrected.csv")
                    .toString(),
                csv.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(score.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(score.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(score.exitValue()).as(output).isZero();
    double ga = JSON.readTree(output).path("GA").asDouble();

    assertThat(ga).as("GA of " + system).isGreaterThanOrEqualTo(expected - 0.01);
  }

  /** {@code python3} when it runs from the PATH, else null. */
  private static String python() {
    try {
      Process version =
          new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      version.getInputStream().readAllBytes();
      return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0 ? "python3" : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static Path repositoryRoot() throws IOException {
    String root = System.getProperty("maven.multiModuleProjectDirectory");
    Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("bench/results/logs-accuracy.json"))) {
        return dir;
      }
    }
    throw new IOException("no bench/results/logs-accuracy.json above " + start);
  }
}
