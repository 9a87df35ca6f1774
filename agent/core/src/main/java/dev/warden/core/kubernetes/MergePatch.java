package dev.warden.core.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds JSON merge patches (RFC 7386): nested maps where a value replaces, a map merges and {@code
 * null} deletes. Lists are replaced whole, which is what a merge patch can do.
 */
final class MergePatch {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, Object> root = new LinkedHashMap<>();

  /** Sets the value at the path of field names; {@code null} deletes the field. */
  MergePatch set(List<String> path, Object value) {
    Map<String, Object> map = root;
    for (String field : path.subList(0, path.size() - 1)) {
      map = child(map, field);
    }
    map.put(path.get(path.size() - 1), value);
    return this;
  }

  /** Sets {@code metadata.annotations[key]}. */
  MergePatch annotate(String key, String value) {
    return set(List.of("metadata", "annotations", key), value);
  }

  /** The patch as JSON text, as the {@link Cluster} port takes it. */
  String json() {
    return JSON.writeValueAsString(root);
  }

  /**
   * The merge patch that turns {@code from} into {@code to}: changed and added fields with their
   * new values, fields only {@code from} has as {@code null}. Empty when they are equal.
   */
  static Map<String, Object> between(Map<String, Object> from, Map<String, Object> to) {
    Map<String, Object> patch = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : to.entrySet()) {
      Object before = from.get(entry.getKey());
      Object after = entry.getValue();
      if (before instanceof Map<?, ?> beforeMap && after instanceof Map<?, ?> afterMap) {
        Map<String, Object> nested = between(fields(beforeMap), fields(afterMap));
        if (!nested.isEmpty()) {
          patch.put(entry.getKey(), nested);
        }
      } else if (!Objects.equals(numeric(before), numeric(after))) {
        patch.put(entry.getKey(), after);
      }
    }
    for (String key : from.keySet()) {
      if (!to.containsKey(key)) {
        patch.put(key, null);
      }
    }
    return patch;
  }

  /** A map with text keys, copied; values stay as they are. */
  static Map<String, Object> fields(Map<?, ?> map) {
    Map<String, Object> fields = new LinkedHashMap<>();
    map.forEach((key, value) -> fields.put(String.valueOf(key), value));
    return fields;
  }

  /** Numbers of different boxes ({@code 3} as Integer and as Long) compare as equal. */
  static Object numeric(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float) {
      return ((Number) value).doubleValue();
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> map, String field) {
    Object existing = map.get(field);
    if (existing instanceof Map<?, ?>) {
      return (Map<String, Object>) existing;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    map.put(field, created);
    return created;
  }
}
