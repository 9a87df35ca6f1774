package dev.warden.core.kubernetes;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Kubernetes RBAC each step needs: the single table that the executor is held to at run time
 * (every call it makes is checked against it, see {@link KubernetesExecutor}) and that the roles in
 * {@code deploy/} are derived from and tested against. A server-side dry run needs the same verb as
 * the change itself, so previews need nothing more.
 *
 * <table>
 *   <caption>Grants by step</caption>
 *   <tr><th>step</th><th>grants</th></tr>
 *   <tr><td>{@code kubernetes.get} with a name</td><td>get on the kind; for a pod also {@code
 *       apps/replicasets} get (its owning deployment)</td></tr>
 *   <tr><td>{@code kubernetes.get} without a name</td><td>list on the kind</td></tr>
 *   <tr><td>{@code kubernetes.describe}</td><td>get on the kind, {@code events} list</td></tr>
 *   <tr><td>{@code kubernetes.pod-logs}</td><td>{@code pods} get (by pod) or list (by selector),
 *       {@code pods/log} get</td></tr>
 *   <tr><td>{@code kubernetes.rollout-restart}, {@code scale}</td><td>get and patch on the
 *       kind</td></tr>
 *   <tr><td>{@code kubernetes.rollout-undo}</td><td>{@code apps/deployments} get and patch,
 *       {@code apps/replicasets} list</td></tr>
 *   <tr><td>{@code kubernetes.delete-pod}</td><td>{@code pods} get and delete</td></tr>
 *   <tr><td>{@code kubernetes.cordon}, {@code uncordon}</td><td>{@code nodes} get and
 *       patch</td></tr>
 *   <tr><td>{@code wait.until}</td><td>{@code deployment-ready}: {@code apps/deployments} get;
 *       {@code pods-ready}: {@code pods} list</td></tr>
 * </table>
 *
 * <p>The gets before a change are there to say "not found" clearly, to preview, and to reconcile an
 * interrupted change by looking.
 */
public final class KubernetesAccess {
  /** The {@code wait.until} conditions {@link KubernetesProbe} checks. */
  static final String DEPLOYMENT_READY = "deployment-ready";

  static final String PODS_READY = "pods-ready";

  private KubernetesAccess() {}

  /**
   * One RBAC permission: a verb on a resource of an API group.
   *
   * @param apiGroup the group; empty for the core group
   * @param resource the plural resource, or {@code resource/subresource} ({@code pods/log})
   * @param verb {@code get}, {@code list}, {@code watch}, {@code patch}, {@code delete}, ...
   */
  public record Grant(String apiGroup, String resource, String verb) implements Comparable<Grant> {
    private static final Comparator<Grant> ORDER =
        Comparator.comparing(Grant::apiGroup)
            .thenComparing(Grant::resource)
            .thenComparing(Grant::verb);

    public Grant {
      Objects.requireNonNull(apiGroup, "apiGroup");
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(verb, "verb");
    }

    /** Whether the verb changes something (anything but get, list and watch). */
    public boolean mutating() {
      return !Set.of("get", "list", "watch").contains(verb);
    }

    @Override
    public int compareTo(Grant other) {
      return ORDER.compare(this, other);
    }

    /** {@code apps/deployments patch}, {@code pods/log get} for the core group. */
    @Override
    public String toString() {
      return (apiGroup.isEmpty() ? "" : apiGroup + "/") + resource + " " + verb;
    }
  }

  /**
   * The grants a step needs; empty for a step that does not touch Kubernetes ({@code notify},
   * {@code http.check}, a {@code wait.until} on anything else). Only the step's kind and which
   * parameters it gives matter, so unrendered templates are fine everywhere but in {@code kind} and
   * {@code condition}.
   *
   * @param stepKind the action kind, {@code kubernetes.scale}
   * @param with the step's parameters
   * @throws IllegalArgumentException when the object kind cannot be told (a template, an unknown or
   *     refused kind, a kind the step does not work on)
   */
  public static Set<Grant> required(String stepKind, Map<String, ?> with) {
    if (stepKind.equals("wait.until")) {
      return waiting(with.get("condition"));
    }
    Optional<StepKind> known = StepKind.of(stepKind);
    if (known.isEmpty()) {
      if (stepKind.startsWith("kubernetes.")) {
        throw new IllegalArgumentException("unknown Kubernetes step kind '" + stepKind + "'");
      }
      return Set.of();
    }
    StepKind step = known.get();
    ResourceKind kind;
    try {
      kind = kind(step, with.get("kind"));
    } catch (InvalidStepException e) {
      throw new IllegalArgumentException(stepKind + ": " + e.getMessage(), e);
    }
    boolean named = given(with, step == StepKind.POD_LOGS ? "pod" : "name");
    Set<Grant> grants = new TreeSet<>();
    switch (step) {
      case GET -> {
        grants.add(on(kind, named ? "get" : "list"));
        if (named && kind.name().equals("pod")) {
          grants.add(on(resource("replicaset"), "get"));
        }
      }
      case DESCRIBE -> {
        grants.add(on(kind, "get"));
        grants.add(events());
      }
      case POD_LOGS -> {
        grants.add(on(kind, named ? "get" : "list"));
        grants.add(logs());
      }
      case ROLLOUT_RESTART, SCALE, CORDON, UNCORDON -> {
        grants.add(on(kind, "get"));
        grants.add(on(kind, "patch"));
      }
      case ROLLOUT_UNDO -> {
        grants.add(on(kind, "get"));
        grants.add(on(kind, "patch"));
        grants.add(on(resource("replicaset"), "list"));
      }
      case DELETE_POD -> {
        grants.add(on(kind, "get"));
        grants.add(on(kind, "delete"));
      }
    }
    return grants;
  }

  /** The grant a call to {@link Cluster#events} needs. */
  static Grant events() {
    return new Grant("", "events", "list");
  }

  /** The grant a call to {@link Cluster#logs} needs. */
  static Grant logs() {
    return new Grant("", "pods/log", "get");
  }

  /** The grant for a verb on the objects of a kind. */
  static Grant on(ResourceKind kind, String verb) {
    return new Grant(kind.group(), kind.resource(), verb);
  }

  private static Set<Grant> waiting(Object condition) {
    if (DEPLOYMENT_READY.equals(condition)) {
      return Set.of(on(resource("deployment"), "get"));
    }
    if (PODS_READY.equals(condition)) {
      return Set.of(on(resource("pod"), "list"));
    }
    return Set.of();
  }

  private static ResourceKind kind(StepKind step, Object value) {
    String name = value == null ? step.defaultKind().orElse(null) : String.valueOf(value).strip();
    if (name == null) {
      throw new InvalidStepException("the parameter kind is missing");
    }
    if (name.contains("{{")) {
      throw new InvalidStepException(
          "the parameter kind must be written out ('"
              + name
              + "' is a template), or the"
              + " permissions the step needs cannot be known before it runs");
    }
    ResourceKind kind = ResourceKinds.require(name);
    if (!step.kinds().isEmpty() && !step.kinds().contains(kind.name())) {
      throw new InvalidStepException(
          "works on " + String.join(", ", step.kinds()) + ", not on a " + kind.name());
    }
    return kind;
  }

  private static boolean given(Map<String, ?> with, String key) {
    Object value = with.get(key);
    return value != null && !String.valueOf(value).isBlank();
  }

  private static ResourceKind resource(String name) {
    return ResourceKinds.find(name).orElseThrow();
  }
}
