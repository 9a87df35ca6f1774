package dev.warden.core.policy;

import dev.warden.core.action.ActionJson;
import java.util.Map;
import java.util.TreeMap;

/**
 * A decision as plain values with sorted keys, as {@code ./warden policy check} prints it and the
 * audit log records it: {@code level}, the deciding {@code rule}, every matching rule with why, the
 * {@code approvals} (approvers, min, ttl) for approve-first, the guards' {@code reasons}, and the
 * {@code shadow} rule under which it would have run autonomously.
 */
public final class DecisionJson {
  private DecisionJson() {}

  public static Map<String, Object> toMap(Decision decision) {
    Map<String, Object> map = new TreeMap<>();
    map.put("action", ActionJson.toMap(decision.action()));
    map.put("actionHash", decision.actionHash());
    map.put("level", decision.level().wireName());
    decision.rule().ifPresent(rule -> map.put("rule", rule));
    map.put("matches", decision.matches().stream().map(DecisionJson::match).toList());
    decision
        .approvals()
        .ifPresent(
            approvals -> {
              Map<String, Object> requirement = new TreeMap<>();
              requirement.put("approvers", approvals.approvers());
              requirement.put("min", approvals.min());
              requirement.put("ttl", approvals.ttl().toString());
              map.put("approvals", requirement);
            });
    map.put("reasons", decision.reasons());
    decision.shadow().ifPresent(shadow -> map.put("shadow", match(shadow)));
    map.put("decidedAt", decision.decidedAt().toString());
    map.put("policyVersion", decision.policyVersion());
    return map;
  }

  private static Map<String, Object> match(RuleMatch match) {
    Map<String, Object> map = new TreeMap<>();
    map.put("rule", match.rule());
    map.put("level", match.level().wireName());
    map.put("why", match.why());
    map.put("origin", match.origin().toString());
    match.conditionError().ifPresent(error -> map.put("conditionError", error));
    return map;
  }
}
