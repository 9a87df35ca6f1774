package dev.warden.core.llm.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.OpenFeatureAPI;
import dev.warden.core.definition.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlagFileTest {
  private static final String REVIEW_ON =
      """
      kill-switch: false
      features:
        review:
          enabled: true
      """;

  @TempDir Path dir;

  private Path write(String text) throws Exception {
    Path file = dir.resolve("flags.yaml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static List<String> strings(List<Problem> problems) {
    return problems.stream().map(Problem::toString).toList();
  }

  @Test
  void readsTheFileWhenCreated() throws Exception {
    FlagFile flags = new FlagFile(write(REVIEW_ON));

    assertThat(flags.problems()).isEmpty();
    assertThat(flags.get().enabled("review", "acme/web")).isTrue();
    assertThat(flags.get().decide("triage", "acme/web")).isEmpty();
  }

  @Test
  void unchangedContentIsNotReadAgain() throws Exception {
    FlagFile flags = new FlagFile(write(REVIEW_ON));
    FlagSet before = flags.get();

    write(REVIEW_ON);

    assertThat(flags.reloadIfChanged()).isEmpty();
    assertThat(flags.get()).isSameAs(before);
  }

  @Test
  void brokenChangeKeepsTheLastGoodFlagsAndAFixedOneIsPickedUp() throws Exception {
    Path file = write(REVIEW_ON);
    FlagFile flags = new FlagFile(file);

    write(
        REVIEW_ON
            .replace("kill-switch: false", "kill-switch: true")
            .replace("enabled: true", "enabled: ture"));
    List<Problem> problems = flags.reloadIfChanged();

    assertThat(strings(problems))
        .containsExactly(file + ":4:14: enabled must be true or false, not 'ture'");
    assertThat(flags.problems()).isEqualTo(problems);
    assertThat(flags.get().killSwitch()).isFalse();
    assertThat(flags.get().enabled("review", "acme/web")).isTrue();
    // the same broken content is reported once, not on every poll
    assertThat(flags.reloadIfChanged()).isEmpty();
    assertThat(flags.problems()).isEqualTo(problems);

    write(REVIEW_ON.replace("kill-switch: false", "kill-switch: true"));

    assertThat(flags.reloadIfChanged()).isEmpty();
    assertThat(flags.problems()).isEmpty();
    assertThat(flags.get().killSwitch()).isTrue();
    assertThat(flags.get().enabled("review", "acme/web")).isFalse();
  }

  @Test
  void brokenFirstReadingTurnsEverythingOff() throws Exception {
    Path file = write("kill-switch: nope\n");

    FlagFile flags = new FlagFile(file);

    assertThat(strings(flags.problems()))
        .containsExactly(file + ":1:14: kill-switch must be true or false, not 'nope'");
    assertThat(flags.get()).isEqualTo(FlagSet.ALL_OFF);
    for (String feature : FlagSet.FEATURES) {
      assertThat(flags.get().enabled(feature, "acme/web")).isFalse();
    }
  }

  @Test
  void missingFileTurnsEverythingOnWithAWarning() throws Exception {
    Path file = dir.resolve("flags.yaml");
    FlagFile flags = new FlagFile(file);

    assertThat(strings(flags.problems()))
        .containsExactly(
            file + ":1:1: warning: no flag file: every AI feature is on for every scope");
    assertThat(flags.problems().get(0).isError()).isFalse();
    assertThat(flags.get()).isEqualTo(FlagSet.ALL_ON);
    assertThat(flags.reloadIfChanged()).isEmpty();

    write("kill-switch: true\n");
    assertThat(flags.reloadIfChanged()).isEmpty();
    assertThat(flags.get().killSwitch()).isTrue();

    Files.delete(file);
    assertThat(flags.reloadIfChanged()).hasSize(1);
    assertThat(flags.get()).isEqualTo(FlagSet.ALL_ON);
  }

  @Test
  void notUtf8IsAProblemNotAnException() throws Exception {
    FlagFile flags = new FlagFile(write(REVIEW_ON));
    Files.write(dir.resolve("flags.yaml"), new byte[] {'k', ':', ' ', (byte) 0xff, '\n'});

    assertThat(strings(flags.reloadIfChanged()))
        .containsExactly(dir.resolve("flags.yaml") + ":1:1: the file is not UTF-8 text");
    assertThat(flags.get().enabled("review", "acme/web")).isTrue();
  }

  @Test
  void aReloadAppliesToTheOpenFeatureClientWithoutResettingTheProvider() throws Exception {
    FlagFile flags = new FlagFile(write(REVIEW_ON));
    OpenFeatureAPI api = new OpenFeatureAPI() {};
    try {
      api.setProviderAndWait("flags", new WardenFlagProvider(flags));
      FeatureFlags features = new FeatureFlags(api.getClient("flags"));
      assertThat(features.enabled("review", "acme/web")).isTrue();

      write(REVIEW_ON.replace("enabled: true", "enabled: false"));
      assertThat(features.enabled("review", "acme/web")).isTrue();
      assertThat(flags.reloadIfChanged()).isEmpty();

      assertThat(features.enabled("review", "acme/web")).isFalse();
    } finally {
      api.shutdown();
    }
  }
}
