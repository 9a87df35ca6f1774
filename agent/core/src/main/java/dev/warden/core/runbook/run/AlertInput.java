package dev.warden.core.runbook.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert a run is for: its labels and annotations, which are all a runbook reads of it.
 *
 * @param labels label name to value
 * @param annotations annotation name to value
 */
public record AlertInput(Map<String, String> labels, Map<String, String> annotations) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public AlertInput {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  /**
   * Reads an alert from JSON: an Alertmanager webhook notification (its alert at {@code index}), or
   * one alert object with {@code labels} and {@code annotations}.
   *
   * @throws IllegalArgumentException explaining what is wrong with the text
   */
  public static AlertInput fromJson(String json, int index) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "not JSON: " + e.getOriginalMessage() + " at line " + line(e), e);
    }
    JsonNode alert = root;
    if (root.has("alerts")) {
      JsonNode alerts = root.get("alerts");
      if (!alerts.isArray() || alerts.size() <= index || index < 0) {
        throw new IllegalArgumentException(
            "the notification has "
                + (alerts.isArray() ? alerts.size() : 0)
                + " alerts; there is no alert "
                + index);
      }
      alert = alerts.get(index);
    }
    if (!alert.isObject() || !alert.path("labels").isObject()) {
      throw new IllegalArgumentException(
          "expected an Alertmanager notification (with alerts) or an alert (with labels)");
    }
    return new AlertInput(
        strings(alert.get("labels"), "labels"), strings(alert.get("annotations"), "annotations"));
  }

  private static Map<String, String> strings(JsonNode node, String what) {
    Map<String, String> values = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(what + " must be an object of strings");
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (!entry.getValue().isString()) {
        throw new IllegalArgumentException(what + "." + entry.getKey() + " must be a string");
      }
      values.put(entry.getKey(), entry.getValue().asString());
    }
    return values;
  }

  private static int line(JacksonException e) {
    return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
  }
}
