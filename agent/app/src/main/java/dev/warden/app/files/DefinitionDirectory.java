package dev.warden.app.files;

import dev.warden.core.definition.Location;
import dev.warden.core.definition.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Definitions read from a directory of YAML files (the policies, the runbooks): loaded at start and
 * again whenever a file changes. A set with errors never replaces a working one: its problems are
 * logged as {@code file:line:column: message} and kept for the health details, and the last good
 * set stays in force. With no directory, or errors at the first load, the empty set is in force.
 *
 * @param <T> what the files define ({@code PolicySet}, the runbooks by name)
 */
public final class DefinitionDirectory<T> {
  private static final Logger log = LoggerFactory.getLogger(DefinitionDirectory.class);

  /**
   * What a load of the files gave.
   *
   * @param definitions present exactly when no problem is an error
   * @param problems errors and warnings
   */
  public record Loaded<T>(Optional<T> definitions, List<Problem> problems) {
    public Loaded {
      Objects.requireNonNull(definitions, "definitions");
      problems = List.copyOf(problems);
    }
  }

  /**
   * What is in force.
   *
   * @param definitions the set in force
   * @param loadedAt when it was loaded (empty when nothing ever loaded)
   * @param problems the problems of the last load attempt (warnings of a good set, or the errors
   *     that kept a changed set from replacing it)
   * @param lastAttemptFailed whether the last change could not be loaded
   */
  public record Status<T>(
      T definitions,
      Optional<Instant> loadedAt,
      List<Problem> problems,
      boolean lastAttemptFailed) {
    public Status {
      Objects.requireNonNull(definitions, "definitions");
      Objects.requireNonNull(loadedAt, "loadedAt");
      problems = List.copyOf(problems);
    }
  }

  private final String what;
  private final Path dir;
  private final Clock clock;
  private final Function<Path, Loaded<T>> loader;
  private final Function<T, String> describe;
  private final String withoutAny;
  private final String noDirectory;
  private volatile Status<T> status;
  private String fingerprint = "";

  /**
   * Loads the directory once.
   *
   * @param what what the files hold, plural, for logs and health ({@code policies})
   * @param empty the set in force when nothing could be loaded
   * @param loader reads the directory's files
   * @param describe a few words on a loaded set for the log ({@code rules=3 version=...})
   * @param withoutAny what it means that nothing is in force ({@code every action is passive})
   * @param noDirectory the problem reported when the directory is missing ({@code no policy
   *     directory})
   */
  public DefinitionDirectory(
      String what,
      Path dir,
      Clock clock,
      T empty,
      Function<Path, Loaded<T>> loader,
      Function<T, String> describe,
      String withoutAny,
      String noDirectory) {
    this.what = what;
    this.dir = dir;
    this.clock = clock;
    this.loader = loader;
    this.describe = describe;
    this.withoutAny = withoutAny;
    this.noDirectory = noDirectory;
    this.status = new Status<>(empty, Optional.empty(), List.of(), false);
    reload();
  }

  /** What is in force and how the last load went. */
  public Status<T> status() {
    return status;
  }

  /** The directory the files are read from. */
  public Path dir() {
    return dir;
  }

  /** Reloads when any file was added, removed or changed since the last look. */
  public synchronized void reloadIfChanged() {
    if (!DirectoryFingerprint.of(dir).equals(fingerprint)) {
      reload();
    }
  }

  /** Reads the files now, keeping the current set if they have errors. */
  public synchronized Status<T> reload() {
    fingerprint = DirectoryFingerprint.of(dir);
    if (!Files.isDirectory(dir)) {
      log.warn("{} missing dir={} effect={}", what, dir, withoutAny);
      status =
          new Status<>(
              status.definitions(),
              status.loadedAt(),
              List.of(
                  Problem.error(dir.toString(), Location.START, noDirectory + ": " + withoutAny)),
              true);
      return status;
    }
    Loaded<T> loaded = loader.apply(dir);
    if (loaded.definitions().isPresent()) {
      T definitions = loaded.definitions().get();
      status = new Status<>(definitions, Optional.of(clock.instant()), loaded.problems(), false);
      log.info(
          "{} loaded dir={} {} warnings={}",
          what,
          dir,
          describe.apply(definitions),
          loaded.problems().size());
      loaded.problems().forEach(problem -> log.warn("{} warning {}", what, problem));
    } else {
      status = new Status<>(status.definitions(), status.loadedAt(), loaded.problems(), true);
      log.error(
          "{} rejected dir={} errors={} kept: {}",
          what,
          dir,
          loaded.problems().stream().filter(Problem::isError).count(),
          describe.apply(status.definitions()));
      for (Problem problem : loaded.problems()) {
        if (problem.isError()) {
          log.error("{} problem {}", what, problem);
        } else {
          log.warn("{} warning {}", what, problem);
        }
      }
    }
    return status;
  }

  /**
   * The health details every directory shares: where, when loaded, and the state with its problems;
   * {@code about} adds what the set holds.
   */
  public Map<String, Object> healthDetails(Map<String, Object> about) {
    Status<T> current = status;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("dir", dir.toString());
    details.putAll(about);
    current.loadedAt().ifPresent(at -> details.put("loadedAt", at.toString()));
    if (current.lastAttemptFailed()) {
      details.put(
          "state",
          current.loadedAt().isPresent()
              ? "the last change was rejected; the previous " + what + " stay in force"
              : "no valid " + what + ": " + withoutAny);
      details.put(
          "problems",
          current.problems().stream().filter(Problem::isError).map(Problem::toString).toList());
    } else {
      details.put("state", "loaded");
      details.put("warnings", current.problems().stream().map(Problem::toString).toList());
    }
    return details;
  }
}
