package dev.warden.core.action;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of an action, as {@code ./warden policy check --action} reads it and as the audit
 * log records it:
 *
 * <pre>{@code
 * {"kind":"kubernetes.rollout-restart",
 *  "target":{"cluster":"default","namespace":"prod-payments","kind":"Deployment","name":"api"},
 *  "parameters":{},"blastRadius":{"pods":6},
 *  "requester":{"type":"person","id":"U024BE7LH"},"tainted":false}
 * }</pre>
 *
 * <p>The canonical form has its keys sorted at every level and no whitespace; its SHA-256 is the
 * action's hash. Two actions hash alike exactly when they are equal.
 */
public final class ActionJson {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> TARGET_FIELDS =
      Set.of("cluster", "namespace", "kind", "name", "repo", "labels");

  private ActionJson() {}

  /** The action as a tree of plain values, keys sorted at every level. */
  public static Map<String, Object> toMap(ProposedAction action) {
    Map<String, Object> target = new TreeMap<>();
    Target t = action.target();
    t.cluster().ifPresent(value -> target.put("cluster", value));
    t.namespace().ifPresent(value -> target.put("namespace", value));
    t.kind().ifPresent(value -> target.put("kind", value));
    t.name().ifPresent(value -> target.put("name", value));
    t.repo().ifPresent(value -> target.put("repo", value));
    if (!t.labels().isEmpty()) {
      target.put("labels", new TreeMap<>(t.labels()));
    }
    Map<String, Object> map = new TreeMap<>();
    map.put("kind", action.kind());
    map.put("target", target);
    map.put("parameters", sorted(action.parameters()));
    map.put("blastRadius", new TreeMap<>(action.blastRadius()));
    map.put(
        "requester",
        new TreeMap<>(
            Map.of("type", action.requester().type().wireName(), "id", action.requester().id())));
    action.sourceEvent().ifPresent(value -> map.put("sourceEvent", value));
    map.put("tainted", action.tainted());
    return map;
  }

  /** The canonical JSON text: sorted keys, no whitespace. */
  public static String canonical(ProposedAction action) {
    return JSON.writeValueAsString(toMap(action));
  }

  /** {@code sha256:} and the hex SHA-256 of the canonical JSON. */
  public static String hash(ProposedAction action) {
    return "sha256:" + sha256(canonical(action));
  }

  /** The hex SHA-256 of a UTF-8 text. */
  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Reads an action from JSON text.
   *
   * @throws ActionFormatException naming what is missing or wrong, with its JSON path
   */
  public static ProposedAction parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new ActionFormatException("not JSON: " + e.getOriginalMessage());
    }
    return fromTree(root);
  }

  /**
   * Reads an action from a parsed JSON tree.
   *
   * @throws ActionFormatException naming what is missing or wrong, with its JSON path
   */
  public static ProposedAction fromTree(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new ActionFormatException("$: an action must be a JSON object");
    }
    String kind = text(root, "kind", "$.kind").orElseThrow(() -> missing("$.kind"));
    JsonNode requesterNode = root.get("requester");
    if (requesterNode == null || !requesterNode.isObject()) {
      throw new ActionFormatException(
          "$.requester: required, an object {\"type\": \"person|runbook|model\", \"id\": ...}");
    }
    Requester.Type type;
    try {
      type =
          Requester.Type.fromWire(
              text(requesterNode, "type", "$.requester.type")
                  .orElseThrow(() -> missing("$.requester.type")));
    } catch (IllegalArgumentException e) {
      throw new ActionFormatException("$.requester.type: " + e.getMessage());
    }
    String requesterId =
        text(requesterNode, "id", "$.requester.id").orElseThrow(() -> missing("$.requester.id"));
    JsonNode taintedNode = root.get("tainted");
    if (taintedNode != null && !taintedNode.isBoolean()) {
      throw new ActionFormatException("$.tainted: must be true or false");
    }
    try {
      return new ProposedAction(
          kind,
          target(root.get("target")),
          object(root.get("parameters"), "$.parameters"),
          blastRadius(root.get("blastRadius")),
          new Requester(type, requesterId),
          text(root, "sourceEvent", "$.sourceEvent"),
          taintedNode != null && taintedNode.booleanValue());
    } catch (IllegalArgumentException e) {
      throw new ActionFormatException("$: " + e.getMessage());
    }
  }

  private static Target target(JsonNode node) {
    if (node == null || node.isNull()) {
      return Target.none();
    }
    if (!node.isObject()) {
      throw new ActionFormatException("$.target: must be an object");
    }
    for (String field : node.propertyNames()) {
      if (!TARGET_FIELDS.contains(field)) {
        throw new ActionFormatException(
            "$.target." + field + ": unknown; a target has " + String.join(", ", TARGET_FIELDS));
      }
    }
    Map<String, String> labels = new LinkedHashMap<>();
    JsonNode labelsNode = node.get("labels");
    if (labelsNode != null) {
      if (!labelsNode.isObject()) {
        throw new ActionFormatException("$.target.labels: must be an object of strings");
      }
      for (Map.Entry<String, JsonNode> label : labelsNode.properties()) {
        if (!label.getValue().isString()) {
          throw new ActionFormatException(
              "$.target.labels." + label.getKey() + ": must be a string");
        }
        labels.put(label.getKey(), label.getValue().asString());
      }
    }
    return new Target(
        text(node, "cluster", "$.target.cluster"),
        text(node, "namespace", "$.target.namespace"),
        text(node, "kind", "$.target.kind"),
        text(node, "name", "$.target.name"),
        text(node, "repo", "$.target.repo"),
        labels);
  }

  private static Map<String, Long> blastRadius(JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new ActionFormatException("$.blastRadius: must be an object of integers");
    }
    Map<String, Long> radius = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> measure : node.properties()) {
      if (!measure.getValue().isIntegralNumber() || !measure.getValue().canConvertToLong()) {
        throw new ActionFormatException(
            "$.blastRadius." + measure.getKey() + ": must be an integer");
      }
      radius.put(measure.getKey(), measure.getValue().longValue());
    }
    return radius;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new ActionFormatException(path + ": must be an object");
    }
    return (Map<String, Object>) plain(node, path);
  }

  private static Object plain(JsonNode node, String path) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        map.put(entry.getKey(), plain(entry.getValue(), path + "." + entry.getKey()));
      }
      return map;
    }
    if (node.isArray()) {
      return node.valueStream().map(item -> plain(item, path + "[]")).toList();
    }
    if (node.isString()) {
      return node.asString();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw new ActionFormatException(path + ": integer out of range");
      }
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    throw new ActionFormatException(path + ": null is not allowed; leave the field out");
  }

  private static Optional<String> text(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isString()) {
      throw new ActionFormatException(path + ": must be a string");
    }
    return Optional.of(value.asString());
  }

  private static ActionFormatException missing(String path) {
    return new ActionFormatException(path + ": required");
  }

  private static Map<String, Object> sorted(Map<String, Object> map) {
    Map<String, Object> copy = new TreeMap<>();
    map.forEach((key, value) -> copy.put(key, sortedValue(value)));
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Object sortedValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return sorted((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ActionJson::sortedValue).toList();
    }
    return value;
  }
}
