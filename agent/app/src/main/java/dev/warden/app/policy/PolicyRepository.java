package dev.warden.app.policy;

import dev.warden.app.files.DefinitionDirectory;
import dev.warden.core.policy.PolicyLoader;
import dev.warden.core.policy.PolicySet;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private final DefinitionDirectory<PolicySet> directory;

  PolicyRepository(PolicyProperties properties, Clock clock) {
    this.directory =
        new DefinitionDirectory<>(
            "policies",
            properties.dir(),
            clock,
            PolicySet.empty(),
            dir -> {
              PolicyLoader.Loaded loaded = PolicyLoader.load(List.of(dir));
              return new DefinitionDirectory.Loaded<>(loaded.policies(), loaded.problems());
            },
            set -> "rules=" + set.rules().size() + " version=" + set.version(),
            "every action is passive",
            "no policy directory");
  }

  /** The policy set in force. */
  public PolicySet current() {
    return directory.status().definitions();
  }

  /** What is in force and how the last load went. */
  public DefinitionDirectory.Status<PolicySet> status() {
    return directory.status();
  }

  /** The directory the policies are read from. */
  public Path dir() {
    return directory.dir();
  }

  /** Reloads when any file was added, removed or changed since the last look. */
  @Scheduled(
      fixedDelayString = "${warden.policy.reload-interval:5s}",
      initialDelayString = "${warden.policy.reload-interval:5s}")
  public void reloadIfChanged() {
    directory.reloadIfChanged();
  }

  /** Reads the files now, keeping the current set if they have errors. */
  public DefinitionDirectory.Status<PolicySet> reload() {
    return directory.reload();
  }

  /** The details of the {@code policies} health component. */
  Map<String, Object> healthDetails() {
    PolicySet set = current();
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("rules", set.rules().size());
    about.put("version", set.version());
    return directory.healthDetails(about);
  }
}
