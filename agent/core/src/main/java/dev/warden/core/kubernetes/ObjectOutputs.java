package dev.warden.core.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The essentials of an object as step outputs: the few fields a responder looks at first, by kind,
 * as text. The executor's javadoc lists them.
 */
final class ObjectOutputs {
  /** The value of a resource that is not set, as people read it in a report. */
  static final String NOT_SET = "not set";

  private ObjectOutputs() {}

  /**
   * The outputs of one object.
   *
   * @param container for a pod, the container whose resources and state to give; empty for the
   *     first
   * @throws InvalidStepException when the pod has no container of that name
   */
  static Map<String, String> of(KubeObject object, Optional<String> container) {
    Map<String, String> out = new LinkedHashMap<>();
    String kind = object.text("kind").orElse("");
    out.put("kind", kind);
    out.put("name", object.name());
    object.namespace().ifPresent(ns -> out.put("namespace", ns));
    object.text("metadata", "creationTimestamp").ifPresent(t -> out.put("created", t));
    switch (kind) {
      case "Pod" -> pod(object, container, out);
      case "Deployment" -> deployment(object, out);
      case "StatefulSet" -> statefulSet(object, out);
      case "DaemonSet" -> daemonSet(object, out);
      case "ReplicaSet" -> replicaSet(object, out);
      case "Job" -> job(object, out);
      case "CronJob" -> cronJob(object, out);
      case "Node" -> node(object, out);
      case "PersistentVolumeClaim" -> claim(object, out);
      case "PersistentVolume" -> volume(object, out);
      case "Service" -> service(object, out);
      case "Namespace" -> object.text("status", "phase").ifPresent(p -> out.put("phase", p));
      case "Event" -> event(object, out);
      default -> {}
    }
    return out;
  }

  private static void pod(KubeObject pod, Optional<String> wanted, Map<String, String> out) {
    out.put("phase", pod.text("status", "phase").orElse("Unknown"));
    pod.text("status", "reason").ifPresent(r -> out.put("reason", r));
    out.put("node", pod.text("spec", "nodeName").orElse(NOT_SET));
    out.put("ready", String.valueOf(conditionTrue(pod, "Ready")));
    long restarts = 0;
    for (Map<String, Object> status : pod.items("status", "containerStatuses")) {
      if (status.get("restartCount") instanceof Number n) {
        restarts += n.longValue();
      }
    }
    out.put("restarts", String.valueOf(restarts));
    List<Map<String, Object>> containers = pod.items("spec", "containers");
    List<String> names = new ArrayList<>();
    containers.forEach(c -> names.add(String.valueOf(c.get("name"))));
    out.put("containers", String.join(",", names));
    Map<String, Object> container = container(pod, wanted);
    if (container != null) {
      KubeObject c = new KubeObject(container);
      String name = c.text("name").orElse("");
      out.put("container", name);
      c.text("image").ifPresent(image -> out.put("image", image));
      out.put("memory_limit", c.text("resources", "limits", "memory").orElse(NOT_SET));
      out.put("memory_request", c.text("resources", "requests", "memory").orElse(NOT_SET));
      out.put("cpu_limit", c.text("resources", "limits", "cpu").orElse(NOT_SET));
      out.put("cpu_request", c.text("resources", "requests", "cpu").orElse(NOT_SET));
      for (String field : List.of("containerStatuses", "initContainerStatuses")) {
        for (Map<String, Object> status : pod.items("status", field)) {
          if (name.equals(status.get("name"))) {
            containerStatus(new KubeObject(status), out);
          }
        }
      }
    }
    controller(pod)
        .ifPresent(
            owner -> {
              out.put("owner_kind", String.valueOf(owner.get("kind")));
              out.put("owner", String.valueOf(owner.get("name")));
            });
  }

  private static void containerStatus(KubeObject status, Map<String, String> out) {
    status
        .at("state")
        .filter(Map.class::isInstance)
        .map(state -> (Map<?, ?>) state)
        .flatMap(state -> state.keySet().stream().findFirst())
        .ifPresent(
            state -> {
              String reason = status.text("state", state, "reason").orElse("");
              out.put("state", reason.isEmpty() ? String.valueOf(state) : state + ": " + reason);
            });
    status
        .text("lastState", "terminated", "reason")
        .ifPresent(r -> out.put("last_termination_reason", r));
    status
        .text("lastState", "terminated", "exitCode")
        .ifPresent(code -> out.put("last_exit_code", code));
  }

  /**
   * The container named {@code wanted} (containers, then init containers), or the first container.
   *
   * @throws InvalidStepException when there is none of that name
   */
  static Map<String, Object> container(KubeObject pod, Optional<String> wanted) {
    List<Map<String, Object>> containers = pod.items("spec", "containers");
    if (wanted.isEmpty()) {
      Optional<String> preferred = pod.annotation("kubectl.kubernetes.io/default-container");
      for (Map<String, Object> container : containers) {
        if (preferred.isPresent() && preferred.get().equals(container.get("name"))) {
          return container;
        }
      }
      return containers.isEmpty() ? null : containers.get(0);
    }
    List<String> names = new ArrayList<>();
    for (String field : List.of("containers", "initContainers")) {
      for (Map<String, Object> container : pod.items("spec", field)) {
        if (wanted.get().equals(container.get("name"))) {
          return container;
        }
        names.add(String.valueOf(container.get("name")));
      }
    }
    throw new InvalidStepException(
        "pod "
            + pod.namespace().map(ns -> ns + "/").orElse("")
            + pod.name()
            + " has no container '"
            + wanted.get()
            + "'; its containers are "
            + String.join(", ", names));
  }

  private static void deployment(KubeObject d, Map<String, String> out) {
    replicas(d, out);
    number(d, out, "updated_replicas", "status", "updatedReplicas");
    number(d, out, "available_replicas", "status", "availableReplicas");
    out.put(
        "current_revision", d.annotation(KubernetesExecutor.REVISION_ANNOTATION).orElse(NOT_SET));
    out.put("images", images(d));
    out.put("paused", String.valueOf(Boolean.TRUE.equals(d.at("spec", "paused").orElse(false))));
    condition(d, "Progressing").ifPresent(c -> out.put("progressing", reasonOrStatus(c)));
    condition(d, "Available").ifPresent(c -> out.put("available", String.valueOf(c.get("status"))));
  }

  private static void statefulSet(KubeObject s, Map<String, String> out) {
    replicas(s, out);
    number(s, out, "updated_replicas", "status", "updatedReplicas");
    s.text("status", "currentRevision").ifPresent(r -> out.put("current_revision", r));
    s.text("status", "updateRevision").ifPresent(r -> out.put("update_revision", r));
    out.put("images", images(s));
  }

  private static void daemonSet(KubeObject d, Map<String, String> out) {
    number(d, out, "replicas", "status", "desiredNumberScheduled");
    number(d, out, "ready_replicas", "status", "numberReady");
    number(d, out, "updated_replicas", "status", "updatedNumberScheduled");
    number(d, out, "unavailable_replicas", "status", "numberUnavailable");
    out.put("images", images(d));
  }

  private static void replicaSet(KubeObject r, Map<String, String> out) {
    replicas(r, out);
    r.annotation(KubernetesExecutor.REVISION_ANNOTATION).ifPresent(v -> out.put("revision", v));
    controller(r).ifPresent(owner -> out.put("owner", String.valueOf(owner.get("name"))));
    out.put("images", images(r));
  }

  private static void job(KubeObject j, Map<String, String> out) {
    number(j, out, "active", "status", "active");
    number(j, out, "succeeded", "status", "succeeded");
    number(j, out, "failed", "status", "failed");
    j.text("spec", "completions").ifPresent(c -> out.put("completions", c));
    j.text("spec", "backoffLimit").ifPresent(b -> out.put("backoff_limit", b));
    String status = "Running";
    for (String type : List.of("Complete", "Failed", "Suspended")) {
      Optional<Map<String, Object>> condition = condition(j, type);
      if (condition.isPresent() && "True".equals(condition.get().get("status"))) {
        status = type;
        Object reason = condition.get().get("reason");
        if (reason != null) {
          out.put("reason", String.valueOf(reason));
        }
      }
    }
    out.put("status", status);
    j.text("status", "startTime").ifPresent(t -> out.put("start_time", t));
    j.text("status", "completionTime").ifPresent(t -> out.put("completion_time", t));
  }

  private static void cronJob(KubeObject c, Map<String, String> out) {
    c.text("spec", "schedule").ifPresent(s -> out.put("schedule", s));
    out.put("suspend", String.valueOf(Boolean.TRUE.equals(c.at("spec", "suspend").orElse(false))));
    c.text("status", "lastScheduleTime").ifPresent(t -> out.put("last_schedule", t));
    c.text("status", "lastSuccessfulTime").ifPresent(t -> out.put("last_success", t));
  }

  private static void node(KubeObject n, Map<String, String> out) {
    Optional<Map<String, Object>> ready = condition(n, "Ready");
    out.put(
        "ready",
        ready
            .map(c -> String.valueOf(c.get("status")))
            .map(s -> s.equals("True") ? "true" : s.equals("False") ? "false" : "unknown")
            .orElse("unknown"));
    ready.map(c -> c.get("reason")).ifPresent(r -> out.put("ready_reason", String.valueOf(r)));
    out.put(
        "unschedulable",
        String.valueOf(Boolean.TRUE.equals(n.at("spec", "unschedulable").orElse(false))));
    List<String> pressure = new ArrayList<>();
    for (Map<String, Object> condition : n.items("status", "conditions")) {
      if (!"Ready".equals(condition.get("type")) && "True".equals(condition.get("status"))) {
        pressure.add(String.valueOf(condition.get("type")));
      }
    }
    out.put("pressure", pressure.isEmpty() ? "none" : String.join(",", pressure));
    List<String> taints = new ArrayList<>();
    for (Map<String, Object> taint : n.items("spec", "taints")) {
      taints.add(taint.get("key") + ":" + taint.get("effect"));
    }
    out.put("taints", taints.isEmpty() ? "none" : String.join(",", taints));
    n.text("status", "nodeInfo", "kubeletVersion").ifPresent(v -> out.put("kubelet_version", v));
  }

  private static void claim(KubeObject c, Map<String, String> out) {
    out.put("phase", c.text("status", "phase").orElse("Unknown"));
    Optional<String> requested = c.text("spec", "resources", "requests", "storage");
    out.put(
        "capacity", c.text("status", "capacity", "storage").or(() -> requested).orElse(NOT_SET));
    out.put("requested", requested.orElse(NOT_SET));
    out.put("storage_class", c.text("spec", "storageClassName").orElse("(cluster default)"));
    c.text("spec", "volumeName").ifPresent(v -> out.put("volume", v));
    List<String> modes = new ArrayList<>();
    c.at("spec", "accessModes")
        .filter(List.class::isInstance)
        .ifPresent(list -> ((List<?>) list).forEach(m -> modes.add(String.valueOf(m))));
    if (!modes.isEmpty()) {
      out.put("access_modes", String.join(",", modes));
    }
  }

  private static void volume(KubeObject v, Map<String, String> out) {
    out.put("phase", v.text("status", "phase").orElse("Unknown"));
    out.put("capacity", v.text("spec", "capacity", "storage").orElse(NOT_SET));
    v.text("spec", "storageClassName").ifPresent(s -> out.put("storage_class", s));
    v.text("spec", "claimRef", "name")
        .ifPresent(
            claim ->
                out.put(
                    "claim",
                    v.text("spec", "claimRef", "namespace").map(ns -> ns + "/").orElse("")
                        + claim));
    v.text("spec", "persistentVolumeReclaimPolicy").ifPresent(p -> out.put("reclaim_policy", p));
  }

  private static void service(KubeObject s, Map<String, String> out) {
    out.put("type", s.text("spec", "type").orElse("ClusterIP"));
    s.text("spec", "clusterIP").ifPresent(ip -> out.put("cluster_ip", ip));
    List<String> ports = new ArrayList<>();
    for (Map<String, Object> port : s.items("spec", "ports")) {
      Object target = port.get("targetPort");
      ports.add(
          port.get("port")
              + "/"
              + port.getOrDefault("protocol", "TCP")
              + (target == null ? "" : "->" + target));
    }
    out.put("ports", String.join(",", ports));
    Map<String, String> selector = s.strings("spec", "selector");
    if (!selector.isEmpty()) {
      out.put("selector", Selectors.ofLabels(selector));
    }
  }

  private static void event(KubeObject e, Map<String, String> out) {
    e.text("type").ifPresent(t -> out.put("type", t));
    e.text("reason").ifPresent(r -> out.put("reason", r));
    e.text("message").ifPresent(m -> out.put("message", m));
    out.put("count", e.text("count").or(() -> e.text("series", "count")).orElse("1"));
  }

  private static void replicas(KubeObject workload, Map<String, String> out) {
    out.put("replicas", workload.text("spec", "replicas").orElse("1"));
    number(workload, out, "ready_replicas", "status", "readyReplicas");
  }

  private static void number(KubeObject o, Map<String, String> out, String key, Object... path) {
    out.put(key, String.valueOf(o.number(path).orElse(0L)));
  }

  private static String images(KubeObject workload) {
    List<String> images = new ArrayList<>();
    for (Map<String, Object> container : workload.items("spec", "template", "spec", "containers")) {
      images.add(String.valueOf(container.get("image")));
    }
    return String.join(",", images);
  }

  /** The condition of that type in {@code status.conditions}. */
  static Optional<Map<String, Object>> condition(KubeObject object, String type) {
    return object.items("status", "conditions").stream()
        .filter(c -> type.equals(c.get("type")))
        .findFirst();
  }

  /** Whether the condition of that type has status {@code True}. */
  static boolean conditionTrue(KubeObject object, String type) {
    return condition(object, type).map(c -> "True".equals(c.get("status"))).orElse(false);
  }

  private static String reasonOrStatus(Map<String, Object> condition) {
    Object reason = condition.get("reason");
    return reason != null ? String.valueOf(reason) : String.valueOf(condition.get("status"));
  }

  /** The owner reference with {@code controller: true}, else the first; empty when none. */
  static Optional<Map<String, Object>> controller(KubeObject object) {
    List<Map<String, Object>> owners = object.items("metadata", "ownerReferences");
    return owners.stream()
        .filter(o -> Boolean.TRUE.equals(o.get("controller")))
        .findFirst()
        .or(() -> owners.stream().findFirst());
  }
}
