package dev.warden.core.kubernetes;

import static dev.warden.core.kubernetes.ShopCluster.POD;
import static dev.warden.core.kubernetes.ShopCluster.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.gate.Reconciliation;
import dev.warden.core.gate.TestPermits;
import dev.warden.core.redact.Redactor;
import dev.warden.core.testing.InMemoryCluster;
import dev.warden.core.testing.MutableClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciling a change that may have been cut off: decided by looking at the object, never by
 * running anything.
 */
class KubernetesReconcileTest {
  private final InMemoryCluster prod = ShopCluster.prod();
  private final KubernetesExecutor executor =
      new KubernetesExecutor(
          Clusters.of(prod),
          new MutableClock(Instant.parse("2026-11-27T12:00:00Z")),
          Redactor.standard());

  private void execute(ProposedAction action) {
    assertThat(executor.execute(TestPermits.of(action)).succeeded()).isTrue();
    prod.clearCalls();
  }

  private Reconciliation reconcile(ProposedAction action) {
    int before = prod.calls().size();
    Reconciliation reconciliation = executor.reconcile(action);
    assertThat(prod.calls().subList(before, prod.calls().size()))
        .as("reconcile only reads")
        .allSatisfy(call -> assertThat(call.method()).isEqualTo("get"));
    return reconciliation;
  }

  @AfterEach
  void nothingWasChangedByReconciling() {
    assertThat(prod.changes()).isEmpty();
  }

  @Test
  void aRestartIsAppliedExactlyWhenTheObjectCarriesItsChangeId() {
    ProposedAction restart =
        action(
            "kubernetes.rollout-restart",
            Map.of("namespace", "shop", "name", "web", "change-id", "run-17/restart"));
    ProposedAction laterRestart =
        action(
            "kubernetes.rollout-restart",
            Map.of("namespace", "shop", "name", "web", "change-id", "run-18/restart"));

    Reconciliation before = reconcile(restart);
    execute(restart);
    Reconciliation after = reconcile(restart);
    Reconciliation other = reconcile(laterRestart);

    assertThat(before).isInstanceOf(Reconciliation.NotApplied.class);
    assertThat(after)
        .isInstanceOfSatisfying(
            Reconciliation.Applied.class,
            applied ->
                assertThat(applied.result().outputs())
                    .containsEntry("restarted_at", "2026-11-27T12:00:00Z"));
    assertThat(other)
        .isInstanceOfSatisfying(
            Reconciliation.NotApplied.class,
            notApplied ->
                assertThat(notApplied.reason())
                    .isEqualTo(
                        "Deployment shop/web does not carry change id run-18/restart (it carries"
                            + " run-17/restart)"));
  }

  @Test
  void anUndoIsAppliedByItsChangeIdOnly() {
    ProposedAction undo =
        action(
            "kubernetes.rollout-undo",
            Map.of("namespace", "shop", "name", "web", "change-id", "run-3/undo"));

    assertThat(reconcile(undo)).isInstanceOf(Reconciliation.NotApplied.class);
    execute(undo);
    assertThat(reconcile(undo)).isInstanceOf(Reconciliation.Applied.class);
  }

  @Test
  void aChangeWithoutAChangeIdWhoseEffectCannotBeSeenIsUnknown() {
    Reconciliation restart =
        reconcile(action("kubernetes.rollout-restart", Map.of("namespace", "shop", "name", "web")));
    Reconciliation scale =
        reconcile(
            action("kubernetes.scale", Map.of("namespace", "shop", "name", "web", "replicas", 5)));

    assertThat(restart)
        .isInstanceOfSatisfying(
            Reconciliation.Unknown.class,
            unknown -> assertThat(unknown.reason()).contains("without a change id"));
    assertThat(scale).isInstanceOf(Reconciliation.Unknown.class);
  }

  @Test
  void aScaleIsAppliedWhenTheReplicasAreAsAskedOrItsChangeIdIsThere() {
    ProposedAction toThree =
        action("kubernetes.scale", Map.of("namespace", "shop", "name", "web", "replicas", 3));
    ProposedAction toFive =
        action(
            "kubernetes.scale",
            Map.of("namespace", "shop", "name", "web", "replicas", 5, "change-id", "run-4/scale"));

    assertThat(reconcile(toThree)).isInstanceOf(Reconciliation.Applied.class);
    assertThat(reconcile(toFive)).isInstanceOf(Reconciliation.NotApplied.class);
    execute(toFive);
    // an autoscaler moved it since: the change id still says the scale was made
    prod.patch(ShopCluster.deployment("web"), "{\"spec\":{\"replicas\":7}}", false);
    assertThat(reconcile(toFive))
        .isInstanceOfSatisfying(
            Reconciliation.Applied.class,
            applied -> assertThat(applied.result().outputs()).containsEntry("replicas", "7"));
    prod.clearCalls();
  }

  @Test
  void aCordonIsAppliedWhenTheNodeIsUnschedulable() {
    ProposedAction cordon =
        action("kubernetes.cordon", Map.of("name", ShopCluster.NODE, "change-id", "run-9/cordon"));
    ProposedAction uncordon =
        action("kubernetes.uncordon", Map.of("name", ShopCluster.NODE, "change-id", "run-9/undo"));

    assertThat(reconcile(cordon)).isInstanceOf(Reconciliation.NotApplied.class);
    assertThat(reconcile(uncordon)).isInstanceOf(Reconciliation.Applied.class);
    execute(cordon);
    assertThat(reconcile(cordon)).isInstanceOf(Reconciliation.Applied.class);
    assertThat(reconcile(uncordon)).isInstanceOf(Reconciliation.NotApplied.class);
  }

  @Test
  void aPodDeleteIsAppliedWhenThePodIsGoneOrTerminating() {
    ProposedAction delete =
        action("kubernetes.delete-pod", Map.of("namespace", "shop", "name", POD));

    assertThat(reconcile(delete)).isInstanceOf(Reconciliation.NotApplied.class);
    prod.patch(
        ShopCluster.pod("shop", POD),
        "{\"metadata\":{\"deletionTimestamp\":\"2026-11-27T12:00:05Z\"}}",
        false);
    assertThat(reconcile(delete)).isInstanceOf(Reconciliation.Applied.class);
    prod.delete(ShopCluster.pod("shop", POD), false);
    assertThat(reconcile(delete))
        .isInstanceOfSatisfying(
            Reconciliation.Applied.class,
            applied ->
                assertThat(applied.result().summary()).isEqualTo("Pod shop/" + POD + " is gone"));
    prod.clearCalls();
  }

  @Test
  void lookUpsRunAgainWithoutLooking() {
    Reconciliation reconciliation =
        reconcile(
            action("kubernetes.get", Map.of("namespace", "shop", "kind", "pod", "name", POD)));

    assertThat(reconciliation).isInstanceOf(Reconciliation.NotApplied.class);
    assertThat(prod.calls()).isEmpty();
  }

  @Test
  void aClusterThatCannotBeAskedMakesItUnknown() {
    prod.failCalls("get", 503);

    Reconciliation reconciliation =
        reconcile(
            action(
                "kubernetes.rollout-restart",
                Map.of("namespace", "shop", "name", "web", "change-id", "run-17/restart")));

    assertThat(reconciliation)
        .isInstanceOfSatisfying(
            Reconciliation.Unknown.class,
            unknown ->
                assertThat(unknown.reason()).startsWith("could not look: the API answered 503"));
  }

  @Test
  void aChangedObjectThatIsGoneIsUnknown() {
    prod.delete(ShopCluster.deployment("web"), false);
    prod.clearCalls();

    assertThat(
            reconcile(
                action(
                    "kubernetes.rollout-restart",
                    Map.of("namespace", "shop", "name", "web", "change-id", "run-17/restart"))))
        .isInstanceOf(Reconciliation.Unknown.class);
  }
}
