package dev.warden.core.kubernetes;

import static dev.warden.core.kubernetes.KubernetesExecutor.CHANGE_ID_ANNOTATION;
import static dev.warden.core.kubernetes.KubernetesExecutor.RESTARTED_AT_ANNOTATION;
import static dev.warden.core.kubernetes.KubernetesExecutor.REVISION_ANNOTATION;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out what a mutating step changes, as a {@link Plan}, by reading the cluster and nothing
 * more. The executor applies a plan; the preview sends the same plan as a dry run. That way the
 * approvers see exactly the patch that will be sent.
 */
final class Changes {
  /** The label the deployment controller adds to each ReplicaSet's template; not part of a spec. */
  static final String POD_TEMPLATE_HASH = "pod-template-hash";

  private final Clock clock;

  Changes(Clock clock) {
    this.clock = clock;
  }

  /** What a mutating step would do. */
  sealed interface Plan {}

  /**
   * A merge patch of one object.
   *
   * @param current the object as it was read
   * @param what the result for people: {@code restarted Deployment shop/web}
   * @param outputs the step's outputs
   */
  record Patch(
      ObjectRef ref, KubeObject current, MergePatch patch, String what, Map<String, String> outputs)
      implements Plan {}

  /** A delete of one object, which exists. */
  record Delete(ObjectRef ref) implements Plan {}

  /** Nothing to send: the object is already as asked ({@code already cordoned}). */
  record AlreadyDone(ObjectRef ref, String what, Map<String, String> outputs) implements Plan {}

  /** The step cannot be carried out: the object does not exist, there is no earlier revision. */
  record Impossible(String why) implements Plan {}

  /** The plan of a mutating step. */
  Plan plan(Cluster cluster, StepParameters step) {
    ObjectRef ref = step.ref();
    Optional<KubeObject> found = cluster.get(ref);
    if (found.isEmpty()) {
      return new Impossible(ref + " not found in cluster " + cluster.name());
    }
    KubeObject current = found.get();
    return switch (step.step()) {
      case ROLLOUT_RESTART -> restart(step, ref, current);
      case ROLLOUT_UNDO -> undo(cluster, step, ref, current);
      case SCALE -> scale(step, ref, current);
      case DELETE_POD -> new Delete(ref);
      case CORDON -> schedulable(step, ref, current, false);
      case UNCORDON -> schedulable(step, ref, current, true);
      case GET, DESCRIBE, POD_LOGS ->
          throw new IllegalArgumentException(step.step().wireName() + " changes nothing");
    };
  }

  private Plan restart(StepParameters step, ObjectRef ref, KubeObject current) {
    if (paused(current)) {
      return new Impossible(
          ref + " is paused; resume it first (kubectl rollout resume), then restart");
    }
    // kubectl's format: RFC 3339 to the second
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    MergePatch patch =
        marked(step)
            .set(
                List.of("spec", "template", "metadata", "annotations", RESTARTED_AT_ANNOTATION),
                now);
    Map<String, String> outputs = outputs(ref);
    outputs.put("restarted_at", now);
    return new Patch(ref, current, patch, "restarted " + ref, outputs);
  }

  private Plan undo(Cluster cluster, StepParameters step, ObjectRef ref, KubeObject deployment) {
    if (paused(deployment)) {
      return new Impossible(ref + " is paused; resume it before rolling it back");
    }
    Optional<Long> current = revision(deployment);
    if (current.isEmpty()) {
      return new Impossible(ref + " has no revision yet; there is nothing to roll back to");
    }
    String uid = deployment.text("metadata", "uid").orElse("");
    KubeObject previous = null;
    long previousRevision = 0;
    for (KubeObject replicaSet :
        cluster.list(ref.apiVersion(), "ReplicaSet", ref.namespace(), Selectors.of(deployment))) {
      boolean owned =
          replicaSet.items("metadata", "ownerReferences").stream()
              .anyMatch(owner -> uid.equals(owner.get("uid")));
      Optional<Long> revision = revision(replicaSet);
      if (owned
          && revision.isPresent()
          && revision.get() < current.get()
          && revision.get() > previousRevision) {
        previous = replicaSet;
        previousRevision = revision.get();
      }
    }
    if (previous == null) {
      return new Impossible(
          ref
              + " has no earlier revision to roll back to (current revision "
              + current.get()
              + ")");
    }
    Map<String, Object> template =
        previous
            .at("spec", "template")
            .filter(Map.class::isInstance)
            .map(t -> deepCopy(MergePatch.fields((Map<?, ?>) t)))
            .orElseGet(LinkedHashMap::new);
    if (template.get("metadata") instanceof Map<?, ?> metadata
        && metadata.get("labels") instanceof Map<?, ?> labels) {
      labels.remove(POD_TEMPLATE_HASH);
    }
    Map<String, Object> currentTemplate =
        deployment
            .at("spec", "template")
            .filter(Map.class::isInstance)
            .map(t -> MergePatch.fields((Map<?, ?>) t))
            .orElseGet(LinkedHashMap::new);
    // a merge patch merges maps, so the fields only the current template has are set to null:
    // the result is the old template exactly, as kubectl's replace of spec.template makes it
    Map<String, Object> templatePatch = MergePatch.between(currentTemplate, template);
    Map<String, String> outputs = outputs(ref);
    outputs.put("from_revision", String.valueOf(current.get()));
    outputs.put("to_revision", String.valueOf(previousRevision));
    String what =
        "rolled "
            + ref
            + " back from revision "
            + current.get()
            + " to revision "
            + previousRevision;
    if (templatePatch.isEmpty()) {
      String same = ref + " already has the template of revision " + previousRevision;
      return step.changeId().isPresent()
          ? new Patch(ref, deployment, marked(step), same, outputs)
          : new AlreadyDone(ref, same, outputs);
    }
    return new Patch(
        ref,
        deployment,
        marked(step).set(List.of("spec", "template"), templatePatch),
        what,
        outputs);
  }

  private Plan scale(StepParameters step, ObjectRef ref, KubeObject current) {
    int replicas = step.replicas().orElseThrow();
    String before = current.text("spec", "replicas").orElse("1");
    Map<String, String> outputs = outputs(ref);
    outputs.put("previous_replicas", before);
    outputs.put("replicas", String.valueOf(replicas));
    return new Patch(
        ref,
        current,
        marked(step).set(List.of("spec", "replicas"), replicas),
        "scaled " + ref + " from " + before + " to " + replicas + " replicas",
        outputs);
  }

  private Plan schedulable(
      StepParameters step, ObjectRef ref, KubeObject node, boolean schedulable) {
    boolean unschedulable = Boolean.TRUE.equals(node.at("spec", "unschedulable").orElse(false));
    Map<String, String> outputs = outputs(ref);
    outputs.put("unschedulable", String.valueOf(!schedulable));
    if (unschedulable != schedulable) {
      outputs.put("changed", "false");
      return new AlreadyDone(
          ref, ref + " is already " + (schedulable ? "schedulable" : "cordoned"), outputs);
    }
    outputs.put("changed", "true");
    // as kubectl sends it: false is the field's default, so uncordoning removes it
    return new Patch(
        ref,
        node,
        marked(step).set(List.of("spec", "unschedulable"), schedulable ? null : true),
        (schedulable ? "uncordoned " : "cordoned ") + ref,
        outputs);
  }

  /** A patch that carries the step's change id, when it has one, on the object's metadata. */
  private static MergePatch marked(StepParameters step) {
    MergePatch patch = new MergePatch();
    step.changeId().ifPresent(id -> patch.annotate(CHANGE_ID_ANNOTATION, id));
    return patch;
  }

  private static Map<String, String> outputs(ObjectRef ref) {
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("kind", ref.kind());
    outputs.put("name", ref.name());
    ref.namespace().ifPresent(ns -> outputs.put("namespace", ns));
    return outputs;
  }

  private static boolean paused(KubeObject workload) {
    return Boolean.TRUE.equals(workload.at("spec", "paused").orElse(false));
  }

  /** The {@code deployment.kubernetes.io/revision} annotation as a number. */
  static Optional<Long> revision(KubeObject object) {
    try {
      return object.annotation(REVISION_ANNOTATION).map(String::strip).map(Long::parseLong);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T deepCopy(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), deepCopy(item)));
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      return (T) list.stream().map(Changes::deepCopy).toList();
    }
    return value;
  }
}
