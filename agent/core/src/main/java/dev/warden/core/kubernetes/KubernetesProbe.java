package dev.warden.core.kubernetes;

import dev.warden.core.wait.Probe;
import dev.warden.core.wait.ProbeResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Kubernetes conditions a {@code wait.until} step waits for.
 *
 * <ul>
 *   <li>{@code deployment-ready} ({@code namespace}, {@code name}): as {@code kubectl rollout
 *       status} judges it: the controller has seen the latest generation, and the updated, ready
 *       and available replicas all equal the wanted replicas with no old replica left. A deployment
 *       that does not exist, or whose rollout exceeded its progress deadline, fails: waiting will
 *       not help.
 *   <li>{@code pods-ready} ({@code namespace}, {@code selector}): there is at least one pod (not
 *       being deleted), and every one has the condition {@code Ready=True}.
 * </ul>
 *
 * A refusal of the API (401, 403, 404, 400, 422) fails, since it does not go away by waiting; any
 * other failure to reach the cluster is not yet. Each check only reads, through the calls {@link
 * KubernetesAccess} declares for {@code wait.until}.
 */
public final class KubernetesProbe implements Probe {
  /** The conditions it checks. */
  public static final Set<String> CONDITIONS =
      Set.of(KubernetesAccess.DEPLOYMENT_READY, KubernetesAccess.PODS_READY);

  private final Clusters clusters;

  public KubernetesProbe(Clusters clusters) {
    this.clusters = Objects.requireNonNull(clusters, "clusters");
  }

  @Override
  public Set<String> conditions() {
    return CONDITIONS;
  }

  @Override
  public ProbeResult check(String condition, Map<String, Object> parameters) {
    Optional<String> namespace = text(parameters, "namespace");
    if (namespace.isEmpty()) {
      return new ProbeResult.Failed(condition + " needs the parameter namespace");
    }
    if (!StepParameters.isNamespace(namespace.get())) {
      return new ProbeResult.Failed("'" + namespace.get() + "' is not a Kubernetes namespace name");
    }
    try {
      Cluster cluster =
          new GrantCheckedCluster(
              clusters.resolve(text(parameters, "cluster")),
              "wait.until " + condition,
              KubernetesAccess.required("wait.until", Map.of("condition", condition)));
      if (condition.equals(KubernetesAccess.DEPLOYMENT_READY)) {
        Optional<String> name = text(parameters, "name");
        if (name.isEmpty()) {
          return new ProbeResult.Failed("deployment-ready needs the parameter name");
        }
        if (!StepParameters.isName(name.get())) {
          return new ProbeResult.Failed("'" + name.get() + "' is not a Kubernetes name");
        }
        return deploymentReady(cluster, namespace.get(), name.get());
      }
      if (condition.equals(KubernetesAccess.PODS_READY)) {
        Optional<String> selector = text(parameters, "selector");
        if (selector.isEmpty()) {
          return new ProbeResult.Failed("pods-ready needs the parameter selector");
        }
        return podsReady(cluster, namespace.get(), selector.get());
      }
      return new ProbeResult.Failed("unknown condition '" + condition + "'");
    } catch (UnknownClusterException e) {
      return new ProbeResult.Failed(e.getMessage());
    } catch (ClusterException e) {
      String why = KubernetesExecutor.refusal(e);
      return switch (e.status()) {
        case 400, 401, 403, 404, 422 -> new ProbeResult.Failed(condition + ": " + why);
        default -> new ProbeResult.NotYet(condition + ": " + why);
      };
    }
  }

  private static ProbeResult deploymentReady(Cluster cluster, String namespace, String name) {
    ObjectRef ref =
        ResourceKinds.find("deployment").orElseThrow().ref(Optional.of(namespace), name);
    Optional<KubeObject> found = cluster.get(ref);
    if (found.isEmpty()) {
      return new ProbeResult.Failed(ref + " not found in cluster " + cluster.name());
    }
    KubeObject deployment = found.get();
    String what = "deployment " + namespace + "/" + name;
    long generation = deployment.number("metadata", "generation").orElse(0L);
    long observed = deployment.number("status", "observedGeneration").orElse(0L);
    if (observed < generation) {
      return new ProbeResult.NotYet(
          what + ": waiting for the controller to see generation " + generation);
    }
    Optional<Map<String, Object>> progressing = ObjectOutputs.condition(deployment, "Progressing");
    if (progressing.isPresent()
        && "ProgressDeadlineExceeded".equals(progressing.get().get("reason"))) {
      return new ProbeResult.Failed(what + ": the rollout exceeded its progress deadline");
    }
    long wanted = deployment.number("spec", "replicas").orElse(1L);
    long replicas = deployment.number("status", "replicas").orElse(0L);
    long updated = deployment.number("status", "updatedReplicas").orElse(0L);
    long ready = deployment.number("status", "readyReplicas").orElse(0L);
    long available = deployment.number("status", "availableReplicas").orElse(0L);
    String counts =
        ready
            + " of "
            + wanted
            + " ready (updated "
            + updated
            + ", available "
            + available
            + (replicas > updated ? ", " + (replicas - updated) + " old still running" : "")
            + ")";
    if (updated == wanted && ready == wanted && available == wanted && replicas <= updated) {
      Map<String, String> outputs = new LinkedHashMap<>();
      outputs.put("replicas", String.valueOf(wanted));
      outputs.put("ready_replicas", String.valueOf(ready));
      return new ProbeResult.Met(what + ": " + wanted + " of " + wanted + " ready", outputs);
    }
    return new ProbeResult.NotYet(what + ": " + counts);
  }

  private static ProbeResult podsReady(Cluster cluster, String namespace, String selector) {
    String what = "pods of " + namespace + " matching " + selector;
    List<String> notReady = new ArrayList<>();
    int pods = 0;
    for (KubeObject pod : cluster.list("v1", "Pod", Optional.of(namespace), selector)) {
      if (pod.at("metadata", "deletionTimestamp").isPresent()) {
        continue;
      }
      pods++;
      if (!ObjectOutputs.conditionTrue(pod, "Ready")) {
        notReady.add(pod.name());
      }
    }
    if (pods == 0) {
      return new ProbeResult.NotYet(what + ": no pods yet");
    }
    if (notReady.isEmpty()) {
      return new ProbeResult.Met(
          what + ": " + pods + " of " + pods + " ready", Map.of("pods", String.valueOf(pods)));
    }
    return new ProbeResult.NotYet(
        what
            + ": "
            + (pods - notReady.size())
            + " of "
            + pods
            + " ready (not ready: "
            + String.join(", ", notReady.subList(0, Math.min(5, notReady.size())))
            + (notReady.size() > 5 ? ", …" : "")
            + ")");
  }

  private static Optional<String> text(Map<String, Object> parameters, String key) {
    Object value = parameters.get(key);
    return value == null || String.valueOf(value).isBlank()
        ? Optional.empty()
        : Optional.of(String.valueOf(value).strip());
  }
}
