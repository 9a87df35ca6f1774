package dev.warden.app.runbook;

import dev.warden.app.files.DefinitionDirectory;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.RunbookLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The runbooks in force, read from {@code warden.runbooks.dir} at start and again whenever the
 * files change (checked every {@code warden.runbooks.reload-interval}). A set with errors never
 * replaces a working one: its problems are logged as {@code file:line:column: message} and reported
 * in the health details, and the last good set stays in force. With no directory, or errors at
 * start, there are no runbooks and nothing can run.
 *
 * <p>The engine looks a run's runbook up by name at every advance, so a reload applies to the next
 * step of a run under way; a runbook whose steps changed under a run stops that run.
 */
@Component
public class RunbookRepository {
  private final DefinitionDirectory<Map<String, Runbook>> directory;

  RunbookRepository(RunbookProperties properties, Clock clock) {
    this.directory =
        new DefinitionDirectory<>(
            "runbooks",
            properties.dir(),
            clock,
            Map.of(),
            dir -> {
              RunbookLoader.Loaded loaded = RunbookLoader.load(List.of(dir));
              return new DefinitionDirectory.Loaded<>(
                  loaded.runbooks().map(RunbookRepository::byName), loaded.problems());
            },
            runbooks -> "runbooks=" + runbooks.size(),
            "no runbook can run",
            "no runbook directory");
  }

  private static Map<String, Runbook> byName(List<Runbook> runbooks) {
    Map<String, Runbook> byName = new LinkedHashMap<>();
    runbooks.forEach(runbook -> byName.put(runbook.name(), runbook));
    return Collections.unmodifiableMap(byName);
  }

  /** The runbook of that name, if it is in force. */
  public Optional<Runbook> find(String name) {
    return Optional.ofNullable(directory.status().definitions().get(name));
  }

  /** The runbooks in force, in the order of their files. */
  public List<Runbook> all() {
    return List.copyOf(directory.status().definitions().values());
  }

  /** What is in force (the runbooks by name) and how the last load went. */
  public DefinitionDirectory.Status<Map<String, Runbook>> status() {
    return directory.status();
  }

  /** The directory the runbooks are read from. */
  public Path dir() {
    return directory.dir();
  }

  /** Reloads when any file was added, removed or changed since the last look. */
  @Scheduled(
      fixedDelayString = "${warden.runbooks.reload-interval:5s}",
      initialDelayString = "${warden.runbooks.reload-interval:5s}")
  public void reloadIfChanged() {
    directory.reloadIfChanged();
  }

  /** Reads the files now, keeping the current set if they have errors. */
  public DefinitionDirectory.Status<Map<String, Runbook>> reload() {
    return directory.reload();
  }

  /** The details of the {@code runbooks} health component. */
  Map<String, Object> healthDetails() {
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("runbooks", List.copyOf(directory.status().definitions().keySet()));
    return directory.healthDetails(about);
  }
}
