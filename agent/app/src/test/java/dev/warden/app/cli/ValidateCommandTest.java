package dev.warden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path dir;

  @Test
  void reportsEveryErrorWithItsPlaceAndExitsOne() throws IOException {
    Path a =
        Files.writeString(
            dir.resolve("a.yaml"),
            """
            rules:
              - name: one
                level: autonomus
              - name: two
                match: { actions: ["kubernetes.*"] }
                when: "action.blastRadius.pods <="
                level: autonomous
            """);
    Path b =
        Files.writeString(
            dir.resolve("b.yaml"),
            """
            rules:
              - name: two
                level: passive
                approvals: { approvers: ["@nobody"], min: 1, ttl: 5m }
            """);
    Cli cli = Cli.run("validate", dir.toString());
    assertThat(cli.exit()).isEqualTo(1);
    assertThat(cli.out())
        .contains(a + ":3:12:")
        .contains(a + ":6:")
        .contains(b + ":2:11: rule name 'two' is already used at " + a + ":4:11")
        .containsPattern("error\\(s\\), \\d+ warning\\(s\\)");
    assertThat(cli.out().lines().filter(line -> line.startsWith(b.toString())).count())
        .as("duplicate name, approvals on passive, unknown group")
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void warningsAloneExitZero() throws IOException {
    Files.writeString(
        dir.resolve("p.yaml"),
        """
        rules:
          - name: odd
            match: { actions: ["kubernetes.teleport"] }
            level: autonomous
        """);
    Cli cli = Cli.run("validate", dir.resolve("p.yaml").toString());
    assertThat(cli.exit()).isZero();
    assertThat(cli.out()).contains("warning: unknown action kind", "OK: 1 rule(s)");
  }

  @Test
  void aMissingPathIsAnError() {
    Cli cli = Cli.run("validate", dir.resolve("absent").toString());
    assertThat(cli.exit()).isEqualTo(1);
    assertThat(cli.out()).contains("absent:1:1: no such file or directory");
  }

  @Test
  void theShippedPoliciesAreValid() {
    Path shipped = Path.of(System.getProperty("warden.repository.root", "../.."), "policies");
    Assumptions.assumeTrue(Files.isDirectory(shipped), "the repository's policies/ is not here");
    Cli cli = Cli.run("validate", shipped.toString());
    assertThat(cli.exit()).as(cli.out()).isZero();
    assertThat(cli.out()).contains("OK: 5 rule(s)", "warning: group @sre-oncall has no members");
  }

  @Test
  void aBrokenRunbookIsReportedWithItsPlace() throws IOException {
    Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
    Path file =
        Files.writeString(
            runbooks.resolve("broken.yaml"),
            """
            name: broken
            description: x
            match: { alertname: KubePodCrashLooping }
            params: { namespace: "{{ labels.namespace }}" }
            steps:
              - id: look
                action: kubernetes.pod-logs
                with: { namespace: "{{ params.ns }}", pod: "{{ steps.later.output.pod }}" }
              - id: later
                action: notify
            """);
    Cli cli = Cli.run("validate", runbooks.toString());
    assertThat(cli.exit()).isEqualTo(1);
    assertThat(cli.out())
        .contains(file + ":8:25: unknown parameter 'ns'; the params are namespace")
        .contains(file + ":8:49: 'steps.later.output.pod' refers to step 'later'")
        .contains("2 error(s), 0 warning(s)");
  }

  @Test
  void aFileWithTopLevelStepsIsReadAsARunbook() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("restart.yaml"),
            """
            name: restart
            description: x
            match: { alertname: A }
            steps:
              - { id: a, action: notify, with: { text: "{{ labels.pod }}" } }
            """);
    Cli cli = Cli.run("validate", file.toString());
    assertThat(cli.exit()).as(cli.out()).isZero();
    assertThat(cli.out()).contains("OK: 1 runbook(s), 1 step(s), 0 warning(s)");
  }

  @Test
  void theShippedRunbooksAreValid() {
    Path root = Path.of(System.getProperty("warden.repository.root", "../.."));
    Assumptions.assumeTrue(Files.isDirectory(root.resolve("runbooks")), "no runbooks/ here");
    Cli cli =
        Cli.run(
            "validate", root.resolve("policies").toString(), root.resolve("runbooks").toString());
    assertThat(cli.exit()).as(cli.out()).isZero();
    assertThat(cli.out()).contains("OK: 5 rule(s)").containsPattern("OK: \\d+ runbook\\(s\\)");
  }
}
