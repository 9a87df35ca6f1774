package dev.warden.core.action;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of action kinds. A kind that is not here is unknown, and the policy engine treats
 * an unknown kind as passive whatever the rules say.
 */
public final class ActionKinds {
  /** Global freeze switch of Warden itself: {@code parameters.on} (boolean) and a reason. */
  public static final String FREEZE = "warden.freeze";

  private static final Map<String, ActionKind> KINDS = new LinkedHashMap<>();

  /** Target kinds whose reading discloses credentials. */
  private static final Set<String> CREDENTIAL_KINDS = Set.of("secret", "secrets");

  static {
    read("kubernetes.get", "read Kubernetes objects (pods, deployments, events, nodes)");
    read("kubernetes.describe", "describe a Kubernetes object with its events");
    read("kubernetes.pod-logs", "read a pod's recent logs");
    read("http.check", "an HTTP GET against an allow-listed URL");
    read("wait.until", "wait for a condition (deployment ready, alert resolved)");
    communicate("slack.post", "post or update a Slack message");
    communicate("notify", "notify people through the configured chat surface");
    communicate("github.review-comment", "comment on a pull request");
    mutate("kubernetes.rollout-restart", "restart a deployment, stateful set or daemon set");
    mutate("kubernetes.rollout-undo", "roll a deployment back to its previous revision");
    mutate("kubernetes.scale", "change the replica count of a workload");
    mutate("kubernetes.delete-pod", "delete a pod");
    mutate("kubernetes.cordon", "mark a node unschedulable");
    mutate("kubernetes.uncordon", "mark a node schedulable again");
    mutate("github.request-changes", "submit a review that requests changes");
    mutate("github.approve", "submit an approving review");
    mutate(FREEZE, "switch Warden's global change freeze on or off");
  }

  private ActionKinds() {}

  private static void read(String name, String description) {
    KINDS.put(name, new ActionKind(name, Effect.READ, description));
  }

  private static void communicate(String name, String description) {
    KINDS.put(name, new ActionKind(name, Effect.COMMUNICATE, description));
  }

  private static void mutate(String name, String description) {
    KINDS.put(name, new ActionKind(name, Effect.MUTATE, description));
  }

  /** The kind of that name, or empty when Warden does not know it. */
  public static Optional<ActionKind> find(String name) {
    return Optional.ofNullable(KINDS.get(name));
  }

  /** Every known kind, in catalogue order. */
  public static Collection<ActionKind> all() {
    return KINDS.values();
  }

  /**
   * Whether the action reads credentials: a Kubernetes Secret, or any kind whose system is a
   * credential store. Such look-ups are denied whatever the rules say.
   */
  public static boolean readsCredentials(ProposedAction action) {
    String kind = action.kind();
    if (kind.startsWith("vault.") || kind.startsWith("secrets.")) {
      return true;
    }
    if (!kind.startsWith("kubernetes.")) {
      return false;
    }
    return action.target().kind().map(ActionKinds::isCredentialKind).orElse(false)
        || isCredentialKind(action.parameters().get("kind"))
        || isCredentialKind(action.parameters().get("resource"));
  }

  private static boolean isCredentialKind(Object kind) {
    return kind instanceof String name && CREDENTIAL_KINDS.contains(name.toLowerCase(Locale.ROOT));
  }
}
