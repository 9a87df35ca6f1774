package dev.warden.core.policy;

import dev.warden.core.action.ActionJson;
import dev.warden.core.action.ActionKind;
import dev.warden.core.action.ActionKinds;
import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the level of one action under a policy set. Pure: the same policy set, action and
 * situation always give the same decision, and deciding changes nothing.
 *
 * <p>The rules first: of all matching rules (shadow rules aside), the most restrictive level wins
 * (deny over passive over approve-first over autonomous); among approve-first rules, the one asking
 * for more approvers, then the shorter TTL. No matching rule means passive. Then the built-in
 * guards, which only ever make a decision more restrictive, whatever the rules say:
 *
 * <ol>
 *   <li>an action of an unknown kind is at least passive;
 *   <li>reading credentials (a Kubernetes Secret, a secret store) is denied;
 *   <li>a mutating action derived from untrusted content, and any action a model proposed (even a
 *       read: its target came from the model), is never autonomous: it needs approval by the
 *       default approvers, or is passive when there are none;
 *   <li>a change freeze covering now, and the global freeze switch, make it at least passive.
 * </ol>
 *
 * <p>A condition that fails to evaluate counts as matching, at no less than passive: an error never
 * makes a decision less restrictive.
 */
public final class PolicyEngine {

  /** Decides {@code action} under {@code policies} in {@code situation}. */
  public Decision decide(PolicySet policies, ProposedAction action, Situation situation) {
    Map<String, Object> variables = null;
    List<RuleMatch> matches = new ArrayList<>();
    Rule deciding = null;
    Level level = null;
    RuleMatch shadow = null;

    for (Rule rule : policies.candidates(action.kind())) {
      if (!rule.match().matches(action)) {
        continue;
      }
      Level contributes = rule.level();
      Optional<String> conditionError = Optional.empty();
      if (rule.when().isPresent()) {
        if (variables == null) {
          variables = variables(action, situation);
        }
        try {
          if (!rule.when().get().test(variables)) {
            continue;
          }
        } catch (ConditionFailedException e) {
          conditionError = Optional.of(e.getMessage());
          contributes = contributes.atLeast(Level.PASSIVE);
        }
      }
      if (rule.shadow()) {
        if (shadow == null && conditionError.isEmpty()) {
          shadow = new RuleMatch(rule, action, contributes, conditionError);
        }
        continue;
      }
      matches.add(new RuleMatch(rule, action, contributes, conditionError));
      if (level == null
          || contributes.stricterThan(level)
          || (contributes == level && stricterApprovals(rule, deciding))) {
        level = contributes;
        deciding = rule;
      }
    }

    List<String> reasons = new ArrayList<>();
    Optional<ApprovalRequirement> approvals = Optional.empty();
    if (level == null) {
      level = Level.PASSIVE;
      reasons.add("no rule matches: passive");
    } else if (level == Level.APPROVE_FIRST) {
      approvals = deciding.approvals();
    }
    Guarded guarded = guard(policies, action, situation, level, approvals, reasons);

    Optional<RuleMatch> wouldHaveRun = Optional.empty();
    if (shadow != null && guarded.level != Level.AUTONOMOUS) {
      Level promoted = deciding == null ? Level.AUTONOMOUS : level;
      Guarded hypothetical =
          guard(policies, action, situation, promoted, Optional.empty(), new ArrayList<>());
      if (hypothetical.level == Level.AUTONOMOUS) {
        wouldHaveRun = Optional.of(shadow);
      }
    }

    return new Decision(
        action,
        ActionJson.hash(action),
        guarded.level,
        Optional.ofNullable(deciding).map(Rule::name),
        matches,
        guarded.approvals,
        reasons,
        wouldHaveRun,
        situation.now(),
        policies.version());
  }

  private record Guarded(Level level, Optional<ApprovalRequirement> approvals) {}

  /** Applies the built-in guards; they only ever raise the level. */
  private static Guarded guard(
      PolicySet policies,
      ProposedAction action,
      Situation situation,
      Level level,
      Optional<ApprovalRequirement> approvals,
      List<String> reasons) {
    if (action.knownKind().isEmpty() && !level.stricterThan(Level.PASSIVE)) {
      if (level != Level.PASSIVE) {
        reasons.add("unknown action kind " + action.kind() + ": passive");
      }
      level = Level.PASSIVE;
    }
    if (ActionKinds.readsCredentials(action) && level != Level.DENY) {
      reasons.add("reading credentials is denied");
      level = Level.DENY;
    }
    boolean fromModel = action.requester().type() == Requester.Type.MODEL;
    if (level == Level.AUTONOMOUS && (fromModel || (action.tainted() && action.mutating()))) {
      String why =
          fromModel
              ? "proposed by a model: never autonomous"
              : "derived from untrusted content: a mutation is never autonomous";
      if (policies.defaultApprovals().isPresent()) {
        reasons.add(why + "; the default approvers decide");
        level = Level.APPROVE_FIRST;
        approvals = policies.defaultApprovals();
      } else {
        reasons.add(why + ", and no default approvers are defined: passive");
        level = Level.PASSIVE;
      }
    }
    for (Freeze freeze : policies.freezes()) {
      if (!level.stricterThan(Level.APPROVE_FIRST)
          && freeze.covers(situation.now(), action.kind())) {
        reasons.add("change freeze " + freeze.name() + " until " + freeze.to() + ": passive");
        level = Level.PASSIVE;
      }
    }
    if (situation.globalFreeze().isPresent()
        && !level.stricterThan(Level.APPROVE_FIRST)
        && !action.kind().equals(ActionKinds.FREEZE)) {
      GlobalFreeze freeze = situation.globalFreeze().get();
      reasons.add(
          "global freeze on since " + freeze.since() + " (" + freeze.reason() + "): passive");
      level = Level.PASSIVE;
    }
    return new Guarded(level, level == Level.APPROVE_FIRST ? approvals : Optional.empty());
  }

  private static boolean stricterApprovals(Rule candidate, Rule current) {
    return candidate.approvals().isPresent()
        && current.approvals().isPresent()
        && candidate.approvals().get().stricterThan(current.approvals().get());
  }

  /**
   * The CEL variables: {@code action} (its JSON form, see {@link ActionJson}, plus {@code readOnly}
   * and {@code mutating}) and {@code now}. Built once per decision, only when a condition needs it.
   */
  static Map<String, Object> variables(ProposedAction action, Situation situation) {
    Target target = action.target();
    Map<String, Object> targetMap = new HashMap<>(8);
    target.cluster().ifPresent(value -> targetMap.put("cluster", value));
    target.namespace().ifPresent(value -> targetMap.put("namespace", value));
    target.kind().ifPresent(value -> targetMap.put("kind", value));
    target.name().ifPresent(value -> targetMap.put("name", value));
    target.repo().ifPresent(value -> targetMap.put("repo", value));
    if (!target.labels().isEmpty()) {
      targetMap.put("labels", target.labels());
    }
    Map<String, Object> map = new HashMap<>(16);
    map.put("kind", action.kind());
    map.put("target", targetMap);
    map.put("parameters", action.parameters());
    map.put("blastRadius", action.blastRadius());
    map.put(
        "requester",
        Map.of("type", action.requester().type().wireName(), "id", action.requester().id()));
    map.put("sourceEvent", action.sourceEvent().orElse(""));
    map.put("tainted", action.tainted());
    map.put("readOnly", action.knownKind().map(ActionKind::readOnly).orElse(false));
    map.put("mutating", action.mutating());
    return Map.of("action", map, "now", situation.now());
  }
}
