package dev.warden.core.kubernetes;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one table of the kinds {@code kubernetes.*} steps may name: lower-case name to API group,
 * version, kind and resource. The executor, {@link Kubectl}, {@link KubernetesAccess} and the RBAC
 * in {@code deploy/} all read it, so a kind is added in one place.
 *
 * <p>Secrets are not in it and are refused by name: no step reads a Secret, whatever the policy
 * says. Kinds that often hold credentials by convention (ConfigMaps, ServiceAccounts) are left out
 * too, so that the read-only role need not grant them.
 */
public final class ResourceKinds {
  /** Names that mean a Secret; a step naming one is refused before anything is sent. */
  private static final Set<String> REFUSED = Set.of("secret", "secrets");

  private static final Map<String, ResourceKind> BY_NAME = new LinkedHashMap<>();
  private static final Map<String, ResourceKind> BY_ALIAS = new LinkedHashMap<>();

  static {
    core("pod", "Pod", "pods", true, "pods", "po");
    core("service", "Service", "services", true, "services", "svc");
    core("endpoints", "Endpoints", "endpoints", true, "ep");
    core("persistentvolumeclaim", "PersistentVolumeClaim", "persistentvolumeclaims", true, "pvc");
    core("persistentvolume", "PersistentVolume", "persistentvolumes", false, "pv");
    core("node", "Node", "nodes", false, "nodes", "no");
    core("namespace", "Namespace", "namespaces", false, "namespaces", "ns");
    core("event", "Event", "events", true, "events", "ev");
    add("deployment", "apps", "v1", "Deployment", "deployments", true, "deploy");
    add("replicaset", "apps", "v1", "ReplicaSet", "replicasets", true, "rs");
    add("statefulset", "apps", "v1", "StatefulSet", "statefulsets", true, "sts");
    add("daemonset", "apps", "v1", "DaemonSet", "daemonsets", true, "ds");
    add("job", "batch", "v1", "Job", "jobs", true);
    add("cronjob", "batch", "v1", "CronJob", "cronjobs", true, "cj");
    add("ingress", "networking.k8s.io", "v1", "Ingress", "ingresses", true, "ing");
    add(
        "horizontalpodautoscaler",
        "autoscaling",
        "v2",
        "HorizontalPodAutoscaler",
        "horizontalpodautoscalers",
        true,
        "hpa");
    add(
        "poddisruptionbudget",
        "policy",
        "v1",
        "PodDisruptionBudget",
        "poddisruptionbudgets",
        true,
        "pdb");
    add("storageclass", "storage.k8s.io", "v1", "StorageClass", "storageclasses", false, "sc");
  }

  private ResourceKinds() {}

  private static void core(
      String name, String kind, String resource, boolean namespaced, String... aliases) {
    add(name, "", "v1", kind, resource, namespaced, aliases);
  }

  private static void add(
      String name,
      String group,
      String version,
      String kind,
      String resource,
      boolean namespaced,
      String... aliases) {
    ResourceKind entry =
        new ResourceKind(name, group, version, kind, resource, namespaced, List.of(aliases));
    BY_NAME.put(name, entry);
    BY_ALIAS.put(name, entry);
    BY_ALIAS.put(resource, entry);
    BY_ALIAS.put(kind.toLowerCase(Locale.ROOT), entry);
    for (String alias : aliases) {
      BY_ALIAS.put(alias, entry);
    }
  }

  /**
   * The kind of that name, in any case, singular, plural or short ({@code Deployment}, {@code
   * deployments}, {@code deploy}); empty for an unknown or refused name.
   */
  public static Optional<ResourceKind> find(String name) {
    return Optional.ofNullable(BY_ALIAS.get(name.strip().toLowerCase(Locale.ROOT)));
  }

  /** The kind an object of that {@code apiVersion} and {@code kind} is; empty when not listed. */
  public static Optional<ResourceKind> of(String apiVersion, String kind) {
    return BY_NAME.values().stream()
        .filter(entry -> entry.apiVersion().equals(apiVersion) && entry.kind().equals(kind))
        .findFirst();
  }

  /** Whether the name means a Secret, which no step may read. */
  public static boolean refused(String name) {
    return REFUSED.contains(name.strip().toLowerCase(Locale.ROOT));
  }

  /** Every listed kind, in table order. */
  public static Collection<ResourceKind> all() {
    return BY_NAME.values();
  }

  /** The lower-case names, for messages. */
  static String names() {
    return String.join(", ", BY_NAME.keySet());
  }

  /** The kind a step names with its {@code kind} parameter, or why it cannot be used. */
  static ResourceKind require(String name) {
    if (refused(name)) {
      throw new InvalidStepException(
          "kind '" + name + "' is refused: Secrets hold credentials and Warden never reads them");
    }
    return find(name)
        .orElseThrow(
            () ->
                new InvalidStepException(
                    "unknown kind '" + name + "'; expected one of " + names()));
  }
}
