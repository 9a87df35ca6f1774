package dev.warden.core.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.testing.InMemoryCluster;
import dev.warden.core.wait.ProbeResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conditions {@code wait.until} checks on Kubernetes. */
class KubernetesProbeTest {
  private final InMemoryCluster prod = ShopCluster.prod();
  private final KubernetesProbe probe = new KubernetesProbe(Clusters.of(prod));

  private ProbeResult deploymentReady() {
    return probe.check("deployment-ready", Map.of("namespace", "shop", "name", "web"));
  }

  private void status(String json) {
    prod.patch(ShopCluster.deployment("web"), json, false);
  }

  @Test
  void checksTheTwoConditions() {
    assertThat(probe.conditions()).containsExactlyInAnyOrder("deployment-ready", "pods-ready");
  }

  @Test
  void aDeploymentWithReplicasNotReadyIsNotYetReady() {
    assertThat(deploymentReady())
        .isEqualTo(
            new ProbeResult.NotYet("deployment shop/web: 1 of 3 ready (updated 3, available 1)"));
    status("{\"status\":{\"readyReplicas\":2,\"availableReplicas\":2}}");
    assertThat(deploymentReady().summary()).contains("2 of 3 ready");
  }

  @Test
  void aDeploymentIsReadyWhenEveryWantedReplicaIsUpdatedReadyAndAvailable() {
    status("{\"status\":{\"readyReplicas\":3,\"availableReplicas\":3}}");

    assertThat(deploymentReady())
        .isEqualTo(
            new ProbeResult.Met(
                "deployment shop/web: 3 of 3 ready",
                Map.of("replicas", "3", "ready_replicas", "3")));
  }

  @Test
  void aNewGenerationTheControllerHasNotSeenIsNotYetReady() {
    status("{\"status\":{\"readyReplicas\":3,\"availableReplicas\":3}}");
    status("{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"x\":\"y\"}}}}}");

    assertThat(deploymentReady())
        .isEqualTo(
            new ProbeResult.NotYet(
                "deployment shop/web: waiting for the controller to see generation 10"));
  }

  @Test
  void oldReplicasStillRunningAreNotYetReady() {
    status(
        "{\"status\":{\"replicas\":4,\"updatedReplicas\":3,\"readyReplicas\":3,"
            + "\"availableReplicas\":3}}");

    assertThat(deploymentReady().summary()).endsWith("1 old still running)");
    assertThat(deploymentReady()).isInstanceOf(ProbeResult.NotYet.class);
  }

  @Test
  void aMissingDeploymentOrAnExceededDeadlineFails() {
    ProbeResult missing =
        probe.check("deployment-ready", Map.of("namespace", "shop", "name", "nope"));
    status(
        "{\"status\":{\"conditions\":[{\"type\":\"Progressing\",\"status\":\"False\","
            + "\"reason\":\"ProgressDeadlineExceeded\"}]}}");

    assertThat(missing)
        .isEqualTo(new ProbeResult.Failed("Deployment shop/nope not found in cluster prod"));
    assertThat(deploymentReady())
        .isEqualTo(
            new ProbeResult.Failed(
                "deployment shop/web: the rollout exceeded its progress deadline"));
  }

  @Test
  void podsAreReadyWhenThereIsOneAndEveryOneIsReady() {
    ProbeResult none =
        probe.check("pods-ready", Map.of("namespace", "shop", "selector", "app=api"));
    ProbeResult postgres =
        probe.check("pods-ready", Map.of("namespace", "shop", "selector", "app=postgres"));
    ProbeResult web = probe.check("pods-ready", Map.of("namespace", "shop", "selector", "app=web"));

    assertThat(none)
        .isEqualTo(new ProbeResult.NotYet("pods of shop matching app=api: no pods yet"));
    assertThat(postgres).isInstanceOf(ProbeResult.Met.class);
    assertThat(postgres.summary()).isEqualTo("pods of shop matching app=postgres: 1 of 1 ready");
    assertThat(web)
        .isEqualTo(
            new ProbeResult.NotYet(
                "pods of shop matching app=web: 0 of 1 ready (not ready: "
                    + ShopCluster.POD
                    + ")"));
  }

  @Test
  void aRefusalFailsAndAnOutageIsNotYet() {
    prod.failCalls("get", 403);
    ProbeResult forbidden = deploymentReady();
    prod.clearFailures();
    prod.failCalls("get", 503);
    ProbeResult outage = deploymentReady();

    assertThat(forbidden).isInstanceOf(ProbeResult.Failed.class);
    assertThat(forbidden.summary()).contains("forbidden (403)");
    assertThat(outage).isInstanceOf(ProbeResult.NotYet.class);
  }

  @Test
  void badParametersFail() {
    assertThat(probe.check("deployment-ready", Map.of("name", "web")))
        .isEqualTo(new ProbeResult.Failed("deployment-ready needs the parameter namespace"));
    assertThat(probe.check("deployment-ready", Map.of("namespace", "shop", "name", "../x")))
        .isInstanceOf(ProbeResult.Failed.class);
    assertThat(probe.check("pods-ready", Map.of("namespace", "shop")))
        .isEqualTo(new ProbeResult.Failed("pods-ready needs the parameter selector"));
    assertThat(
            probe
                .check(
                    "deployment-ready", Map.of("cluster", "qa", "namespace", "shop", "name", "web"))
                .summary())
        .contains("unknown cluster 'qa'");
    assertThat(prod.calls()).isEmpty();
  }
}
