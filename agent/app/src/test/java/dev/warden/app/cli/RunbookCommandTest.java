package dev.warden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookCommandTest {
  @TempDir Path dir;

  private static Path shipped() {
    Path runbooks = Path.of(System.getProperty("warden.repository.root", "../.."), "runbooks");
    Assumptions.assumeTrue(Files.isDirectory(runbooks), "the repository's runbooks/ is not here");
    return runbooks;
  }

  @Test
  void listsOneLinePerRunbook() throws IOException {
    Files.writeString(
        dir.resolve("b.yaml"),
        """
        name: b-second
        description: The second one
        match: { alertname: KubeJobFailed, namespace: { glob: "prod-*" } }
        steps:
          - { id: look, action: kubernetes.get, with: { kind: job } }
          - { id: tell, action: notify, with: { text: hi } }
        """);
    Files.writeString(
        dir.resolve("a.yaml"),
        """
        name: a-first
        description: The first one
        match: { alertname: { regex: "Kube.*" } }
        steps:
          - { id: look, action: kubernetes.get }
        rollback:
          - { id: undo, action: kubernetes.uncordon }
        """);
    Cli cli = Cli.run("runbook", "list", "--dir", dir.toString());
    assertThat(cli.exit()).as(cli.out() + cli.err()).isZero();
    assertThat(cli.out().lines())
        .containsExactly(
            "a-first\t{alertname=regex(\"Kube.*\")}\t1 step + 1 rollback\tThe first one",
            "b-second\t{alertname=\"KubeJobFailed\", namespace=glob(\"prod-*\")}\t2 steps\t"
                + "The second one");
  }

  @Test
  void listsTheShippedRunbooks() {
    Cli cli = Cli.run("runbook", "list", "--dir", shipped().toString());
    assertThat(cli.exit()).as(cli.out()).isZero();
    assertThat(cli.out().lines()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(cli.out())
        .contains("crashloop-restart\t{alertname=\"KubePodCrashLooping\"}\t6 steps\t");
  }

  @Test
  void aBrokenRunbookIsReportedAndExitsOne() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("x.yaml"),
            """
            name: x
            description: x
            match: { alertname: A }
            steps:
              - { id: a, action: kubernetes.explode }
            """);
    Cli cli = Cli.run("runbook", "list", "--dir", dir.toString());
    assertThat(cli.exit()).isEqualTo(1);
    assertThat(cli.out()).contains(file + ":5:22: unknown step action 'kubernetes.explode'");
  }
}
