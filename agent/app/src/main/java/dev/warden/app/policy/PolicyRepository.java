package dev.warden.app.policy;

import dev.warden.app.files.DirectoryFingerprint;
import dev.warden.core.definition.Problem;
import dev.warden.core.policy.PolicyLoader;
import dev.warden.core.policy.PolicySet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The policy set in force, read from {@code warden.policy.dir} at start and again whenever the
 * files change (checked every {@code warden.policy.reload-interval}). A set with errors never
 * replaces a working one: its problems are logged and reported in the health details, and the last
 * good set stays in force. With no directory, or errors at start, the set is empty and every action
 * is passive.
 */
@Component
public class PolicyRepository {
  private static final Logger log = LoggerFactory.getLogger(PolicyRepository.class);

  /**
   * What the repository holds.
   *
   * @param policies the set in force
   * @param loadedAt when it was loaded (empty when nothing ever loaded)
   * @param problems the problems of the last load attempt (warnings of a good set, or the errors
   *     that kept a changed set from replacing it)
   * @param lastAttemptFailed whether the last change could not be loaded
   */
  public record Status(
      PolicySet policies,
      Optional<Instant> loadedAt,
      List<Problem> problems,
      boolean lastAttemptFailed) {}

  private final Path dir;
  private final Clock clock;
  private volatile Status status;
  private String fingerprint = "";

  PolicyRepository(PolicyProperties properties, Clock clock) {
    this.dir = properties.dir();
    this.clock = clock;
    this.status = new Status(PolicySet.empty(), Optional.empty(), List.of(), false);
    reload();
  }

  /** The policy set in force. */
  public PolicySet current() {
    return status.policies();
  }

  /** What is in force and how the last load went. */
  public Status status() {
    return status;
  }

  /** The directory the policies are read from. */
  public Path dir() {
    return dir;
  }

  /** Reloads when any file was added, removed or changed since the last look. */
  @Scheduled(
      fixedDelayString = "${warden.policy.reload-interval:5s}",
      initialDelayString = "${warden.policy.reload-interval:5s}")
  public synchronized void reloadIfChanged() {
    if (!fingerprint().equals(fingerprint)) {
      reload();
    }
  }

  /** Reads the files now, keeping the current set if they have errors. */
  public synchronized Status reload() {
    fingerprint = fingerprint();
    if (!Files.isDirectory(dir)) {
      log.warn("policies missing dir={} effect=every-action-passive", dir);
      status =
          new Status(
              status.policies(),
              status.loadedAt(),
              List.of(
                  Problem.error(
                      dir.toString(),
                      dev.warden.core.definition.Location.START,
                      "no policy directory: every action is passive")),
              true);
      return status;
    }
    PolicyLoader.Loaded loaded = PolicyLoader.load(List.of(dir));
    if (loaded.policies().isPresent()) {
      PolicySet set = loaded.policies().get();
      status = new Status(set, Optional.of(clock.instant()), loaded.problems(), false);
      log.info(
          "policies loaded dir={} rules={} warnings={} version={}",
          dir,
          set.rules().size(),
          loaded.problems().size(),
          set.version());
      loaded.problems().forEach(problem -> log.warn("policy warning {}", problem));
    } else {
      status = new Status(status.policies(), status.loadedAt(), loaded.problems(), true);
      log.error(
          "policies rejected dir={} errors={} kept-version={}",
          dir,
          loaded.problems().stream().filter(Problem::isError).count(),
          status.policies().version());
      for (Problem problem : loaded.problems()) {
        if (problem.isError()) {
          log.error("policy problem {}", problem);
        } else {
          log.warn("policy warning {}", problem);
        }
      }
    }
    return status;
  }

  private String fingerprint() {
    return DirectoryFingerprint.of(dir);
  }
}
