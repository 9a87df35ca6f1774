package dev.warden.core.kubernetes;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code kubernetes.*} step kinds: the parameters each takes (besides {@link #COMMON}), the
 * object kinds it works on and the one it assumes when the step names none.
 */
enum StepKind {
  GET(
      "kubernetes.get",
      false,
      List.of("namespace", "kind", "name", "container", "selector"),
      List.of(),
      null),
  DESCRIBE(
      "kubernetes.describe",
      false,
      List.of("namespace", "kind", "name", "container"),
      List.of(),
      null),
  POD_LOGS(
      "kubernetes.pod-logs",
      false,
      List.of("namespace", "pod", "container", "previous", "tail", "selector"),
      List.of("pod"),
      "pod"),
  ROLLOUT_RESTART(
      "kubernetes.rollout-restart",
      true,
      List.of("namespace", "kind", "name"),
      List.of("deployment", "statefulset", "daemonset"),
      "deployment"),
  ROLLOUT_UNDO(
      "kubernetes.rollout-undo",
      true,
      List.of("namespace", "kind", "name"),
      List.of("deployment"),
      "deployment"),
  SCALE(
      "kubernetes.scale",
      true,
      List.of("namespace", "kind", "name", "replicas"),
      List.of("deployment", "statefulset", "replicaset"),
      "deployment"),
  DELETE_POD(
      "kubernetes.delete-pod", true, List.of("namespace", "kind", "name"), List.of("pod"), "pod"),
  CORDON("kubernetes.cordon", true, List.of("kind", "name"), List.of("node"), "node"),
  UNCORDON("kubernetes.uncordon", true, List.of("kind", "name"), List.of("node"), "node");

  /**
   * Parameters every step takes: the cluster, the change id a runbook run sets on mutating steps,
   * and {@code output}, a hint of what the runbook wants from the step ({@code owner-deployment}).
   */
  static final List<String> COMMON = List.of("cluster", "change-id", "output");

  private final String wireName;
  private final boolean mutating;
  private final List<String> parameters;
  private final List<String> kinds;
  private final String defaultKind;

  StepKind(
      String wireName,
      boolean mutating,
      List<String> parameters,
      List<String> kinds,
      String defaultKind) {
    this.wireName = wireName;
    this.mutating = mutating;
    this.parameters = parameters;
    this.kinds = kinds;
    this.defaultKind = defaultKind;
  }

  /** The action kind, {@code kubernetes.scale}. */
  String wireName() {
    return wireName;
  }

  boolean mutating() {
    return mutating;
  }

  /** The parameters of this kind of step, {@link #COMMON} included. */
  Set<String> parameters() {
    Set<String> all = new LinkedHashSet<>(parameters);
    all.addAll(COMMON);
    return all;
  }

  /** The object kinds (lower-case names) the step works on; empty for any listed kind. */
  List<String> kinds() {
    return kinds;
  }

  /** The object kind assumed when the step names none. */
  Optional<String> defaultKind() {
    return Optional.ofNullable(defaultKind);
  }

  /** The step kind of that action kind, or empty for anything else. */
  static Optional<StepKind> of(String actionKind) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(actionKind)).findFirst();
  }

  /** Every action kind, {@code kubernetes.get} first. */
  static Set<String> wireNames() {
    Set<String> names = new LinkedHashSet<>();
    for (StepKind step : values()) {
      names.add(step.wireName);
    }
    return names;
  }
}
