package dev.warden.app.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.runbook.Runbook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookRepositoryTest {
  @TempDir Path dir;

  private static final String NOTIFY =
      """
      name: %s
      description: Tells people
      match:
        alertname: WebDown
      steps:
        - id: tell
          action: notify
          with: { text: "{{ labels.alertname }}" }
      """;

  private RunbookRepository repository(Path runbooks) {
    return new RunbookRepository(
        new RunbookProperties(
            runbooks, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(2), true),
        Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));
  }

  private void write(String name, String text, int generation) throws IOException {
    Path file = Files.writeString(dir.resolve(name), text);
    // a later modification time, so that a change of the same size is seen as a change
    Files.setLastModifiedTime(
        file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(generation)));
  }

  @Test
  void loadsTheDirectoryAtStartAndFindsRunbooksByName() throws IOException {
    write("a.yaml", NOTIFY.formatted("alpha"), 1);
    write("b.yml", NOTIFY.formatted("beta"), 1);
    write("notes.txt", "not a runbook", 1);

    RunbookRepository repository = repository(dir);

    assertThat(repository.all()).extracting(Runbook::name).containsExactly("alpha", "beta");
    assertThat(repository.find("beta")).map(Runbook::name).contains("beta");
    assertThat(repository.find("gamma")).isEmpty();
    assertThat(repository.status().lastAttemptFailed()).isFalse();
    assertThat(repository.status().loadedAt()).isPresent();
  }

  @Test
  void aBrokenChangeKeepsTheLastGoodSetAndAFixedOneReplacesIt() throws IOException {
    write("a.yaml", NOTIFY.formatted("alpha"), 1);
    RunbookRepository repository = repository(dir);

    write("a.yaml", NOTIFY.formatted("alpha").replace("action: notify", "action: launch"), 2);
    repository.reloadIfChanged();

    assertThat(repository.find("alpha")).isPresent();
    assertThat(repository.status().lastAttemptFailed()).isTrue();
    assertThat(repository.status().problems())
        .anySatisfy(
            problem -> assertThat(problem.toString()).startsWith(dir.resolve("a.yaml") + ":7:"));

    write("a.yaml", NOTIFY.formatted("omega"), 3);
    repository.reloadIfChanged();

    assertThat(repository.status().lastAttemptFailed()).isFalse();
    assertThat(repository.all()).extracting(Runbook::name).containsExactly("omega");
    assertThat(repository.find("alpha")).isEmpty();
  }

  @Test
  void nothingChangedMeansNoReload() throws IOException {
    write("a.yaml", NOTIFY.formatted("alpha"), 1);
    RunbookRepository repository = repository(dir);
    var before = repository.status();

    repository.reloadIfChanged();

    assertThat(repository.status()).isSameAs(before);
  }

  @Test
  void errorsAtStartLeaveNoRunbooks() throws IOException {
    write("a.yaml", "name: [", 1);

    RunbookRepository repository = repository(dir);

    assertThat(repository.all()).isEmpty();
    assertThat(repository.status().lastAttemptFailed()).isTrue();
    assertThat(repository.status().loadedAt()).isEmpty();
  }

  @Test
  void aMissingDirectoryIsReportedAndPickedUpWhenItAppears() throws IOException {
    Path later = dir.resolve("later");
    RunbookRepository repository = repository(later);
    assertThat(repository.all()).isEmpty();
    assertThat(repository.status().problems())
        .anySatisfy(problem -> assertThat(problem.message()).contains("no runbook directory"));

    Files.createDirectory(later);
    Files.writeString(later.resolve("a.yaml"), NOTIFY.formatted("alpha"));
    repository.reloadIfChanged();

    assertThat(repository.all()).extracting(Runbook::name).containsExactly("alpha");
  }
}
