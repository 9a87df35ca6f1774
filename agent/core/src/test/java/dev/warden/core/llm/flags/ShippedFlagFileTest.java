package dev.warden.core.llm.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The flag file shipped in {@code policies/features/} is valid and switches nothing off. */
class ShippedFlagFileTest {

  /** The repository root: Maven's project directory if given, else the nearest with policies/. */
  static Path repositoryRoot() {
    String maven = System.getProperty("maven.multiModuleProjectDirectory");
    if (maven != null && Files.isDirectory(Path.of(maven, "policies"))) {
      return Path.of(maven);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("policies"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no policies/ above " + Path.of("").toAbsolutePath());
  }

  @Test
  void parsesWithoutProblemsAndEnablesEveryFeatureEverywhere() {
    Path file = repositoryRoot().resolve("policies/features/flags.yaml");

    FlagSet.Parsed parsed = FlagSet.load(file);

    assertThat(parsed.problems()).isEmpty();
    FlagSet flags = parsed.flags().orElseThrow();
    assertThat(flags.killSwitch()).isFalse();
    assertThat(flags.features()).containsOnlyKeys(FlagSet.FEATURES);
    for (String feature : FlagSet.FEATURES) {
      assertThat(flags.features().get(feature)).isEqualTo(new FlagSet.Feature(true, 100, Set.of()));
      assertThat(flags.enabled(feature, "acme/web")).as(feature).isTrue();
      assertThat(flags.enabled(feature, "")).as(feature).isTrue();
    }
  }
}
