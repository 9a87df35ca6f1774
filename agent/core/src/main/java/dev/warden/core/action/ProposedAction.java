package dev.warden.core.action;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A side effect Warden could cause, before the policy engine has decided on it.
 *
 * <p>Parameters are JSON-like values (strings, longs, doubles, booleans, lists, maps); they are
 * normalised on construction (ints widened to longs, floats to doubles, collections copied and made
 * immutable) so that an action read back from JSON is equal to, and hashes like, the one written.
 *
 * @param kind the action kind's name; an unknown kind is allowed here and decided passive
 * @param target what it acts on
 * @param parameters what it needs to run (replicas, tail lines, comment body)
 * @param blastRadius how much it touches, by measure ({@code pods}, {@code replicasDelta}, {@code
 *     nodes})
 * @param requester who or what asked for it
 * @param sourceEvent the inbox event it came from, if any
 * @param tainted whether any part was derived from untrusted content (log lines, diffs, PR or alert
 *     text, model output)
 */
public record ProposedAction(
    String kind,
    Target target,
    Map<String, Object> parameters,
    Map<String, Long> blastRadius,
    Requester requester,
    Optional<String> sourceEvent,
    boolean tainted) {
  public ProposedAction {
    Objects.requireNonNull(kind, "kind");
    if (!kind.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*")) {
      throw new IllegalArgumentException(
          "action kind must look like system.verb (kubernetes.scale) or be one word (notify), not '"
              + kind
              + "'");
    }
    Objects.requireNonNull(target, "target");
    parameters = Values.normaliseMap(parameters, "parameters");
    blastRadius = Map.copyOf(blastRadius);
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(sourceEvent, "sourceEvent");
  }

  /** The kind from the catalogue, or empty when Warden does not know it. */
  public Optional<ActionKind> knownKind() {
    return ActionKinds.find(kind);
  }

  /** Whether this action changes a system; an unknown kind counts as mutating. */
  public boolean mutating() {
    return knownKind().map(ActionKind::mutating).orElse(true);
  }

  /** This action with another target. */
  public ProposedAction withTarget(Target target) {
    return new ProposedAction(
        kind, target, parameters, blastRadius, requester, sourceEvent, tainted);
  }

  /** This action with other parameters. */
  public ProposedAction withParameters(Map<String, ?> parameters) {
    return new ProposedAction(
        kind,
        target,
        new LinkedHashMap<String, Object>(parameters),
        blastRadius,
        requester,
        sourceEvent,
        tainted);
  }

  /** This action marked as derived from untrusted content, or not. */
  public ProposedAction withTainted(boolean tainted) {
    return new ProposedAction(
        kind, target, parameters, blastRadius, requester, sourceEvent, tainted);
  }

  /** The canonical hash that approvals and audit entries bind to. */
  public String hash() {
    return ActionJson.hash(this);
  }
}
