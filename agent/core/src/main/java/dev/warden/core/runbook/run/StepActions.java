package dev.warden.core.runbook.run;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.Step;
import dev.warden.core.runbook.Template;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a runbook step, rendered for a run, into the action the gate decides: its target (cluster,
 * namespace, object), its requester, whether it is tainted, and for a mutation the change id that
 * lets a cut-off step be reconciled.
 */
final class StepActions {
  private StepActions() {}

  /**
   * The action of a step.
   *
   * @param parameters the step's rendered {@code with}
   * @param runId the run's id, or empty for a plan
   */
  static ProposedAction action(
      Runbook runbook,
      Step step,
      Map<String, Object> parameters,
      Optional<String> runId,
      Optional<String> cluster,
      Map<String, String> labels,
      Requester startedBy,
      Optional<String> sourceEvent) {
    Map<String, Object> withIds = new LinkedHashMap<>(parameters);
    if (step.mutates() && runId.isPresent()) {
      withIds.put(ActionExecutor.CHANGE_ID, runId.get() + "/" + step.id());
    }
    if (step.action().equals("notify") && runId.isPresent()) {
      withIds.put("run", runId.get());
    }
    Optional<String> onCluster = cluster.or(() -> text(parameters, "cluster"));
    Target target =
        new Target(
            onCluster,
            text(parameters, "namespace"),
            objectKind(step.action(), parameters),
            text(parameters, "name").or(() -> text(parameters, "pod")),
            Optional.empty(),
            labels);
    Requester requester =
        startedBy.type() == Requester.Type.PERSON ? startedBy : Requester.runbook(runbook.name());
    return new ProposedAction(
        step.action(),
        target,
        withIds,
        blastRadius(step.action()),
        requester,
        sourceEvent,
        tainted(runbook, step));
  }

  /** The object kind a step acts on: named by {@code kind}, or implied by the step kind. */
  private static Optional<String> objectKind(String action, Map<String, Object> parameters) {
    Optional<String> named = text(parameters, "kind");
    if (named.isPresent()) {
      return named;
    }
    return switch (action) {
      case "kubernetes.pod-logs", "kubernetes.delete-pod" -> Optional.of("pod");
      case "kubernetes.cordon", "kubernetes.uncordon" -> Optional.of("node");
      case "kubernetes.rollout-restart", "kubernetes.rollout-undo", "kubernetes.scale" ->
          Optional.of("deployment");
      default -> Optional.empty();
    };
  }

  private static Map<String, Long> blastRadius(String action) {
    return switch (action) {
      case "kubernetes.delete-pod" -> Map.of("pods", 1L);
      case "kubernetes.cordon", "kubernetes.uncordon" -> Map.of("nodes", 1L);
      default -> Map.of();
    };
  }

  /**
   * Whether anything in the step comes from untrusted content: the alert's labels and annotations
   * (directly, or through a parameter rendered from them) or an earlier step's output (read from
   * the cluster, logs included). Only literals written in the runbook are trusted.
   */
  static boolean tainted(Runbook runbook, Step step) {
    return step.with().values().stream().anyMatch(value -> tainted(runbook, value));
  }

  private static boolean tainted(Runbook runbook, Object value) {
    if (value instanceof Template template) {
      return template.references().stream()
          .anyMatch(
              reference ->
                  switch (reference.root()) {
                    case LABELS, ANNOTATIONS, STEPS -> true;
                    case PARAMS ->
                        Optional.ofNullable(runbook.params().get(reference.name()))
                            .map(param -> !param.references().isEmpty())
                            .orElse(true);
                  });
    } else if (value instanceof List<?> list) {
      return list.stream().anyMatch(item -> tainted(runbook, item));
    } else if (value instanceof Map<?, ?> map) {
      return map.values().stream().anyMatch(item -> tainted(runbook, item));
    }
    return false;
  }

  private static Optional<String> text(Map<String, Object> parameters, String name) {
    Object value = parameters.get(name);
    return value instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
  }
}
