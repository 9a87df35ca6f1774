package dev.warden.app.runbook;

import dev.warden.app.files.DirectoryFingerprint;
import dev.warden.core.definition.Location;
import dev.warden.core.definition.Problem;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.RunbookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private static final Logger log = LoggerFactory.getLogger(RunbookRepository.class);

  /**
   * What the repository holds.
   *
   * @param runbooks the runbooks in force, by name, in the order of their files
   * @param loadedAt when they were loaded (empty when nothing ever loaded)
   * @param problems the problems of the last load attempt (warnings of a good set, or the errors
   *     that kept a changed set from replacing it)
   * @param lastAttemptFailed whether the last change could not be loaded
   */
  public record Status(
      Map<String, Runbook> runbooks,
      Optional<Instant> loadedAt,
      List<Problem> problems,
      boolean lastAttemptFailed) {
    public Status {
      runbooks = Collections.unmodifiableMap(new LinkedHashMap<>(runbooks));
      problems = List.copyOf(problems);
    }
  }

  private final Path dir;
  private final Clock clock;
  private volatile Status status;
  private String fingerprint = "";

  RunbookRepository(RunbookProperties properties, Clock clock) {
    this.dir = properties.dir();
    this.clock = clock;
    this.status = new Status(Map.of(), Optional.empty(), List.of(), false);
    reload();
  }

  /** The runbook of that name, if it is in force. */
  public Optional<Runbook> find(String name) {
    return Optional.ofNullable(status.runbooks().get(name));
  }

  /** The runbooks in force, in the order of their files. */
  public List<Runbook> all() {
    return List.copyOf(status.runbooks().values());
  }

  /** What is in force and how the last load went. */
  public Status status() {
    return status;
  }

  /** The directory the runbooks are read from. */
  public Path dir() {
    return dir;
  }

  /** Reloads when any file was added, removed or changed since the last look. */
  @Scheduled(
      fixedDelayString = "${warden.runbooks.reload-interval:5s}",
      initialDelayString = "${warden.runbooks.reload-interval:5s}")
  public synchronized void reloadIfChanged() {
    if (!fingerprint().equals(fingerprint)) {
      reload();
    }
  }

  /** Reads the files now, keeping the current set if they have errors. */
  public synchronized Status reload() {
    fingerprint = fingerprint();
    if (!Files.isDirectory(dir)) {
      log.warn("runbooks missing dir={} effect=no-runbook-can-run", dir);
      status =
          new Status(
              status.runbooks(),
              status.loadedAt(),
              List.of(
                  Problem.error(
                      dir.toString(), Location.START, "no runbook directory: no runbook can run")),
              true);
      return status;
    }
    RunbookLoader.Loaded loaded = RunbookLoader.load(List.of(dir));
    if (loaded.runbooks().isPresent()) {
      Map<String, Runbook> byName = new LinkedHashMap<>();
      loaded.runbooks().get().forEach(runbook -> byName.put(runbook.name(), runbook));
      status = new Status(byName, Optional.of(clock.instant()), loaded.problems(), false);
      log.info(
          "runbooks loaded dir={} runbooks={} warnings={}",
          dir,
          byName.size(),
          loaded.problems().size());
      loaded.problems().forEach(problem -> log.warn("runbook warning {}", problem));
    } else {
      status = new Status(status.runbooks(), status.loadedAt(), loaded.problems(), true);
      log.error(
          "runbooks rejected dir={} errors={} kept={}",
          dir,
          loaded.problems().stream().filter(Problem::isError).count(),
          status.runbooks().size());
      for (Problem problem : loaded.problems()) {
        if (problem.isError()) {
          log.error("runbook problem {}", problem);
        } else {
          log.warn("runbook warning {}", problem);
        }
      }
    }
    return status;
  }

  private String fingerprint() {
    return DirectoryFingerprint.of(dir);
  }
}
