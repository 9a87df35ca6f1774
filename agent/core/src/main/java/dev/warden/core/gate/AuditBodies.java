package dev.warden.core.gate;

import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.policy.Decision;
import dev.warden.core.policy.DecisionJson;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical JSON bodies of the gate's audit entries. Actions appear in the same shape as {@code
 * ./warden policy check --action} reads them.
 */
final class AuditBodies {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private AuditBodies() {}

  static String decision(Decision decision) {
    return write(DecisionJson.toMap(decision));
  }

  static String shadow(Decision decision, String rule) {
    Map<String, Object> body = new TreeMap<>();
    body.put("actionHash", decision.actionHash());
    body.put("kind", decision.action().kind());
    body.put("rule", rule);
    body.put("level", decision.level().wireName());
    body.put("wouldHave", "run autonomously");
    return write(body);
  }

  static String requested(ApprovalRequest request) {
    Map<String, Object> body = new TreeMap<>();
    body.put("request", request.id());
    body.put("actionHash", request.actionHash());
    body.put("kind", request.action().kind());
    request.rule().ifPresent(rule -> body.put("rule", rule));
    body.put("approvers", request.requirement().approvers());
    body.put("min", request.requirement().min());
    body.put("expiresAt", request.expiresAt().toString());
    return write(body);
  }

  static String vote(
      ApprovalRequest request, String userId, boolean approve, Optional<String> reason) {
    Map<String, Object> body = new TreeMap<>();
    body.put("request", request.id());
    body.put("actionHash", request.actionHash());
    body.put("user", userId);
    body.put("vote", approve ? "approve" : "deny");
    body.put("approvals", request.approvals());
    reason.ifPresent(text -> body.put("reason", text));
    return write(body);
  }

  static String state(ApprovalRequest request, String state) {
    Map<String, Object> body = new TreeMap<>();
    body.put("request", request.id());
    body.put("actionHash", request.actionHash());
    body.put("state", state);
    return write(body);
  }

  static String refused(String requestId, String userId, String refusal, String message) {
    Map<String, Object> body = new TreeMap<>();
    body.put("request", requestId);
    body.put("user", userId);
    body.put("refusal", refusal);
    body.put("message", message);
    return write(body);
  }

  static String execution(Permit permit, Optional<String> requestId, ExecutionResult result) {
    Map<String, Object> body = new TreeMap<>();
    body.put("actionHash", permit.actionHash());
    body.put("kind", permit.action().kind());
    body.put("basis", permit.basis());
    requestId.ifPresent(id -> body.put("request", id));
    body.put("succeeded", result.succeeded());
    body.put("summary", result.summary());
    return write(body);
  }

  private static String write(Map<String, Object> body) {
    return JSON.writeValueAsString(body);
  }
}
