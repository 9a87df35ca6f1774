package dev.warden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.app.WardenApplication;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The commands that act, each starting the application without its web server on one H2 file, as an
 * operator would run them one after another: {@code runbook run} to the end, a run left waiting for
 * approval ({@code --detach}), {@code approvals list} and {@code approve}, {@code runbook status}
 * and {@code cancel}. No cluster is configured: a Kubernetes step's execution is recorded as a
 * failure saying so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunbookCommandIT {
  @TempDir static Path dir;

  private static final String ALERT =
      """
      {"labels": {"alertname": "WebStuck", "namespace": "shop", "deployment": "web"},
       "annotations": {"summary": "web is stuck"}}
      """;

  private static String restartRun;

  @BeforeAll
  static void files() throws IOException {
    Files.createDirectories(dir.resolve("runbooks"));
    Files.writeString(
        dir.resolve("runbooks/tell.yaml"),
        """
        name: tell
        description: Tell people
        match: { alertname: WebStuck }
        steps:
          - id: tell
            action: notify
            with: { text: "{{ labels.deployment }} is stuck: {{ annotations.summary }}" }
        """);
    Files.writeString(
        dir.resolve("runbooks/restart.yaml"),
        """
        name: restart
        description: Restart once approved
        match: { alertname: WebStuck }
        steps:
          - id: restart
            action: kubernetes.rollout-restart
            with: { namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
          - id: tell
            action: notify
            with: { text: "restarted {{ labels.deployment }}" }
        """);
    Files.createDirectories(dir.resolve("policies"));
    Files.writeString(
        dir.resolve("policies/p.yaml"),
        """
        groups:
          sre: [U0ALICE01]
        rules:
          - name: messages
            match: { actions: [notify] }
            level: autonomous
          - name: shop-changes
            match: { readOnly: false, namespaces: [shop] }
            level: approve-first
            approvals: { approvers: ["@sre"], min: 1, ttl: 30m }
        """);
    Files.writeString(dir.resolve("alert.json"), ALERT);
  }

  private static Cli warden(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--spring.datasource.url=jdbc:h2:retry:" + dir.resolve("warden") + ";WRITE_DELAY=0");
    all.add("--warden.runbooks.dir=" + dir.resolve("runbooks"));
    all.add("--warden.policy.dir=" + dir.resolve("policies"));
    all.add("--warden.kubernetes.discover=false");
    all.add("--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(new WardenCommand(WardenApplication::startWithoutWebServer))
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(all.toArray(String[]::new));
    return new Cli(exit, out.toString(), err.toString());
  }

  @Test
  @Order(1)
  void runsARunbookToTheEndPrintingEachStep() {
    Cli cli = warden("runbook", "run", "tell", "--alert", dir.resolve("alert.json").toString());

    assertThat(cli.exit()).as(cli.out() + cli.err()).isZero();
    assertThat(cli.out())
        .contains("step 1/1 tell (notify): succeeded [autonomous]")
        .contains("run succeeded: all steps done");
  }

  @Test
  @Order(2)
  void aDetachedRunWaitsForApprovalAndTheApprovalRunsTheStep() {
    Cli started =
        warden(
            "runbook",
            "run",
            "restart",
            "--alert",
            dir.resolve("alert.json").toString(),
            "--detach");
    assertThat(started.exit()).as(started.out() + started.err()).isEqualTo(4);
    Matcher id = Pattern.compile("run (\\S+) of restart started").matcher(started.out());
    assertThat(id.find()).isTrue();
    restartRun = id.group(1);

    Cli pending = warden("approvals", "list");
    assertThat(pending.exit()).as(pending.err()).isZero();
    Matcher request =
        Pattern.compile("(\\S+)  kubernetes.rollout-restart \\S+  hash (\\w{12})")
            .matcher(pending.out());
    assertThat(request.find()).as(pending.out()).isTrue();
    assertThat(pending.out()).contains("0 of 1 approvals from @sre (rule shop-changes)");

    Cli self =
        warden(
            "approvals",
            "approve",
            request.group(1),
            "--hash",
            "0123456789ab",
            "--as",
            "U0ALICE01");
    assertThat(self.exit()).isEqualTo(1);
    assertThat(self.out()).contains("refused (action_changed)");

    Cli approved =
        warden(
            "approvals",
            "approve",
            request.group(1),
            "--hash",
            request.group(2),
            "--as",
            "U0ALICE01");
    assertThat(approved.exit()).as(approved.out() + approved.err()).isZero();
    assertThat(approved.out())
        .contains("approved; it ran: no Kubernetes cluster is configured")
        .contains("nothing ran");

    Cli status = warden("runbook", "status", restartRun);
    assertThat(status.exit()).isZero();
    assertThat(status.out())
        .contains("run " + restartRun + " of restart: failed")
        .contains("step 1/2 restart (kubernetes.rollout-restart): failed [approve-first]")
        .contains("error: no Kubernetes cluster is configured");
  }

  @Test
  @Order(3)
  void cancellingARunWithdrawsItsApproval() {
    Cli started =
        warden(
            "runbook",
            "run",
            "restart",
            "--alert",
            dir.resolve("alert.json").toString(),
            "--detach");
    Matcher id = Pattern.compile("run (\\S+) of restart started").matcher(started.out());
    assertThat(id.find()).as(started.out() + started.err()).isTrue();

    Cli cancelled =
        warden("runbook", "cancel", id.group(1), "--as", "U0BOB0001", "--reason", "fixed");
    assertThat(cancelled.exit()).as(cancelled.out() + cancelled.err()).isZero();

    Cli status = warden("runbook", "status", id.group(1));
    assertThat(status.out()).contains("cancelled (cancelled by U0BOB0001: fixed)");
    assertThat(warden("approvals", "list").out()).doesNotContain(id.group(1));
    assertThat(warden("runbook", "cancel", id.group(1), "--as", "U0BOB0001").exit()).isEqualTo(1);

    Cli recent = warden("runbook", "status");
    assertThat(recent.out()).contains(restartRun + "\trestart\tfailed");
  }

  @Test
  @Order(4)
  void aRunScheduledForLaterWaitsInTheDatabase() {
    Cli scheduled =
        warden(
            "runbook",
            "run",
            "tell",
            "--alert",
            dir.resolve("alert.json").toString(),
            "--at",
            "2099-01-01T00:00:00Z");
    assertThat(scheduled.exit()).as(scheduled.out() + scheduled.err()).isEqualTo(4);
    Matcher id =
        Pattern.compile("run (\\S+) of tell scheduled for 2099-01-01T00:00:00Z")
            .matcher(scheduled.out());
    assertThat(id.find()).as(scheduled.out()).isTrue();

    // another start of the application resumes runs that are not over, but not this one early
    Cli status = warden("runbook", "status", id.group(1));
    assertThat(status.out())
        .contains("run " + id.group(1) + " of tell: proposed, scheduled for 2099-01-01T00:00:00Z");
  }
}
