package dev.warden.app.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.policy.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyRepositoryTest {
  @TempDir Path dir;

  private static final String ONE_RULE =
      """
      rules:
        - name: reads
          match: { readOnly: true }
          level: autonomous
      """;

  private PolicyRepository repository(Path policies) {
    return new PolicyRepository(
        new PolicyProperties(policies, Duration.ofSeconds(5), Set.of()),
        Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), java.time.ZoneOffset.UTC));
  }

  private void write(String name, String text, int generation) throws IOException {
    Path file = Files.writeString(dir.resolve(name), text);
    // a later modification time, so that a change of the same size is seen as a change
    Files.setLastModifiedTime(
        file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(generation)));
  }

  @Test
  void loadsTheDirectoryAtStart() throws IOException {
    write("a.yaml", ONE_RULE, 1);
    PolicyRepository repository = repository(dir);
    assertThat(repository.current().rules())
        .extracting(rule -> rule.name())
        .containsExactly("reads");
    assertThat(repository.status().lastAttemptFailed()).isFalse();
    assertThat(repository.status().loadedAt()).isPresent();
  }

  @Test
  void aBrokenChangeKeepsTheLastGoodSetAndAFixedOneReplacesIt() throws IOException {
    write("a.yaml", ONE_RULE, 1);
    PolicyRepository repository = repository(dir);
    String version = repository.current().version();

    write("a.yaml", ONE_RULE.replace("autonomous", "sometimes"), 2);
    repository.reloadIfChanged();
    assertThat(repository.current().version()).isEqualTo(version);
    assertThat(repository.current().rules().get(0).level()).isEqualTo(Level.AUTONOMOUS);
    assertThat(repository.status().lastAttemptFailed()).isTrue();
    assertThat(repository.status().problems())
        .anySatisfy(problem -> assertThat(problem.toString()).contains("a.yaml:4:12:"));

    write("a.yaml", ONE_RULE.replace("autonomous", "passive"), 3);
    repository.reloadIfChanged();
    assertThat(repository.status().lastAttemptFailed()).isFalse();
    assertThat(repository.current().rules().get(0).level()).isEqualTo(Level.PASSIVE);
    assertThat(repository.current().version()).isNotEqualTo(version);
  }

  @Test
  void nothingChangedMeansNoReload() throws IOException {
    write("a.yaml", ONE_RULE, 1);
    PolicyRepository repository = repository(dir);
    var before = repository.status();
    repository.reloadIfChanged();
    assertThat(repository.status()).isSameAs(before);
  }

  @Test
  void errorsAtStartLeaveNoRulesSoEverythingIsPassive() throws IOException {
    write("a.yaml", "rules: [", 1);
    PolicyRepository repository = repository(dir);
    assertThat(repository.current().rules()).isEmpty();
    assertThat(repository.status().lastAttemptFailed()).isTrue();
    assertThat(repository.status().loadedAt()).isEmpty();
  }

  @Test
  void aMissingDirectoryIsReportedAndPickedUpWhenItAppears() throws IOException {
    Path later = dir.resolve("later");
    PolicyRepository repository = repository(later);
    assertThat(repository.current().rules()).isEmpty();
    assertThat(repository.status().problems())
        .anySatisfy(problem -> assertThat(problem.message()).contains("no policy directory"));
    Files.createDirectory(later);
    Files.writeString(later.resolve("a.yaml"), ONE_RULE);
    repository.reloadIfChanged();
    assertThat(repository.current().rules()).hasSize(1);
  }
}
