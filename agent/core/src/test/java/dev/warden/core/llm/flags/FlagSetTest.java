package dev.warden.core.llm.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.definition.Problem;
import dev.warden.core.llm.flags.FlagSet.Feature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlagSetTest {

  private static List<String> problems(String text) {
    FlagSet.Parsed parsed = FlagSet.parse("flags.yaml", text);
    return parsed.problems().stream().map(Problem::toString).toList();
  }

  private static FlagSet valid(String text) {
    FlagSet.Parsed parsed = FlagSet.parse("flags.yaml", text);
    assertThat(parsed.problems()).isEmpty();
    return parsed.flags().orElseThrow();
  }

  @Test
  void readsTheDocumentedExample() {
    FlagSet flags =
        valid(
            """
            # Warden's AI features. Changes apply without a restart.
            kill-switch: false
            features:
              summarise:
                enabled: true
                rollout: 100
                allow: ["acme/payments", "#sre-oncall"]
              review:
                enabled: true
                rollout: 25
              triage:
                enabled: false
            """);

    assertThat(flags.killSwitch()).isFalse();
    assertThat(flags.features())
        .containsOnlyKeys("summarise", "review", "triage")
        .containsEntry("summarise", new Feature(true, 100, Set.of("acme/payments", "#sre-oncall")))
        .containsEntry("review", new Feature(true, 25, Set.of()))
        .containsEntry("triage", new Feature(false, 100, Set.of()));
  }

  @Test
  void rolloutDefaultsToAHundredAndAllowToNothing() {
    FlagSet flags = valid("features:\n  review:\n    enabled: true\n");

    assertThat(flags.features().get("review")).isEqualTo(new Feature(true, 100, Set.of()));
    assertThat(flags.killSwitch()).isFalse();
  }

  @Test
  void emptyFileConfiguresNothing() {
    FlagSet flags = valid("# nothing yet\n");

    assertThat(flags).isEqualTo(new FlagSet(false, Map.of()));
    assertThat(flags.decide("summarise", "acme/web")).isEmpty();
    assertThat(flags.enabled("summarise", "acme/web")).isFalse();
  }

  @Test
  void allowEntriesAreNormalised() {
    FlagSet flags =
        valid(
            "features:\n  review:\n    enabled: true\n    rollout: 0\n    allow: [' Acme/Web ']\n");

    assertThat(flags.features().get("review").allow()).containsExactly("acme/web");
    assertThat(flags.enabled("review", "ACME/web")).isTrue();
    assertThat(flags.enabled("review", "acme/other")).isFalse();
  }

  @Test
  void reportsEveryErrorWithItsPlace() {
    List<String> problems =
        problems(
            """
            kill-switch: maybe
            feature-flags: {}
            features:
              summarise:
                enabled: "yes"
                rollout: 101
                allow: "acme/payments"
              review:
                enabled: true
                rollout: 12.5
                allow: ["acme/web", 42, ""]
                rolout: 10
              triage:
                rollout: -1
              translate:
                enabled: true
            """);

    assertThat(problems)
        .containsExactly(
            "flags.yaml:1:14: kill-switch must be true or false, not 'maybe'",
            "flags.yaml:2:1: unknown key 'feature-flags'; a flag file has kill-switch and features",
            "flags.yaml:5:14: enabled must be true or false, not 'yes'",
            "flags.yaml:6:14: rollout is a percentage of scopes, a whole number from 0 to 100, not"
                + " 101",
            "flags.yaml:7:12: allow is a list of repositories and channels, such as"
                + " [\"acme/payments\", \"#sre-oncall\"], not 'acme/payments'",
            "flags.yaml:10:14: rollout is a percentage of scopes, a whole number from 0 to 100, not"
                + " 12.5",
            "flags.yaml:11:25: allow lists repositories (owner/name) and channels (#name or an id)"
                + " as strings, not 42",
            "flags.yaml:11:29: an empty scope in allow",
            "flags.yaml:12:5: unknown key 'rolout' in feature 'review'; the keys are enabled,"
                + " rollout, allow",
            "flags.yaml:13:3: feature 'triage' needs enabled: true or enabled: false",
            "flags.yaml:14:14: rollout is a percentage of scopes, a whole number from 0 to 100, not"
                + " -1",
            "flags.yaml:15:3: unknown AI feature 'translate'; the features are summarise, review,"
                + " triage");
    assertThat(FlagSet.parse("flags.yaml", "kill-switch: maybe\n").flags()).isEmpty();
  }

  @Test
  void reportsWrongShapesWithTheirPlace() {
    assertThat(problems("- summarise\n"))
        .containsExactly(
            "flags.yaml:1:1: a flag file is a mapping with the keys kill-switch and features, not"
                + " a list");
    assertThat(problems("features: [summarise]\n"))
        .containsExactly(
            "flags.yaml:1:11: features must be a mapping from feature name to its settings, not a"
                + " list");
    assertThat(problems("features:\n  summarise: on\n"))
        .containsExactly(
            "flags.yaml:2:14: feature 'summarise' must be a mapping with enabled (and optionally"
                + " rollout and allow), not true");
    assertThat(problems("features:\n  review:\n    enabled: true\n    rollout: '25'\n"))
        .containsExactly(
            "flags.yaml:4:14: rollout is a percentage of scopes, a whole number from 0 to 100, not"
                + " '25'");
  }

  @Test
  void yamlErrorsArePlacedProblemsNotExceptions() {
    FlagSet.Parsed parsed = FlagSet.parse("flags.yaml", "features:\n  review: [\n");

    assertThat(parsed.flags()).isEmpty();
    assertThat(parsed.problems()).hasSize(1);
    assertThat(parsed.problems().get(0).isError()).isTrue();
    assertThat(parsed.problems().get(0).line()).isEqualTo(3);

    assertThat(problems("kill-switch: false\nkill-switch: true\n"))
        .containsExactly("flags.yaml:2:1: duplicate key 'kill-switch' (first at 1:1)");
  }

  @Test
  void loadReportsAMissingFileAsAProblem(@TempDir Path dir) {
    FlagSet.Parsed parsed = FlagSet.load(dir.resolve("flags.yaml"));

    assertThat(parsed.flags()).isEmpty();
    assertThat(parsed.problems())
        .extracting(Problem::toString)
        .containsExactly(dir.resolve("flags.yaml") + ":1:1: no such file");
  }

  @Test
  void loadReadsAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("flags.yaml");
    Files.writeString(file, "kill-switch: true\n", StandardCharsets.UTF_8);

    FlagSet.Parsed parsed = FlagSet.load(file);

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.flags()).contains(new FlagSet(true, Map.of()));
  }

  @Test
  void bucketIsTheFirstFourBytesOfTheSha256ModuloAHundred() {
    // SHA-256("review:acme/web") starts 35 2a f5 7e: 892007806 % 100
    assertThat(FlagSet.bucket("review", "acme/web")).isEqualTo(6);
    // 8a 5f c2 22 must count as unsigned, 2321531426 (signed it would give -70 or 30)
    assertThat(FlagSet.bucket("review", "#sre-oncall")).isEqualTo(26);
    assertThat(FlagSet.bucket("review", "acme/payments")).isEqualTo(98);
    assertThat(FlagSet.bucket("summarise", "acme/web")).isEqualTo(0);
  }

  @Test
  void aQuarterOfRandomScopesGetAQuarterRollout() {
    FlagSet flags = valid("features:\n  review:\n    enabled: true\n    rollout: 25\n");
    // seeded, so the run is repeatable; 10,000 draws at 25% have a standard deviation of 43
    Random random = new Random(20_240_611L);
    int on = 0;
    for (int i = 0; i < 10_000; i++) {
      if (flags.enabled("review", randomScope(random))) {
        on++;
      }
    }

    assertThat(on).isBetween(2_300, 2_700);
  }

  static String randomScope(Random random) {
    String name = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    return switch (random.nextInt(3)) {
      case 0 -> "org-" + random.nextInt(500) + "/" + name;
      case 1 -> "#" + name;
      default -> "C" + name.toUpperCase(Locale.ROOT);
    };
  }
}
