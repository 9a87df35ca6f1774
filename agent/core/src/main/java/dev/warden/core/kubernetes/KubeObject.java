package dev.warden.core.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kubernetes object as the API returned it, as JSON-like values (maps, lists, strings, numbers,
 * booleans).
 */
public record KubeObject(Map<String, Object> body) {
  public KubeObject {
    Objects.requireNonNull(body, "body");
  }

  /** The value at a path of field names and list indexes ({@code "spec", "replicas"}), or empty. */
  public Optional<Object> at(Object... path) {
    Object current = body;
    for (Object step : path) {
      if (step instanceof String field && current instanceof Map<?, ?> map) {
        current = map.get(field);
      } else if (step instanceof Integer index
          && current instanceof List<?> list
          && index >= 0
          && index < list.size()) {
        current = list.get(index);
      } else {
        return Optional.empty();
      }
      if (current == null) {
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }

  /** The value at the path as text, or empty. */
  public Optional<String> text(Object... path) {
    return at(path).map(String::valueOf);
  }

  public String name() {
    return text("metadata", "name").orElse("");
  }

  /** The namespace, or empty for a cluster-scoped object. */
  public Optional<String> namespace() {
    return text("metadata", "namespace");
  }

  /** The value of one annotation, or empty. */
  public Optional<String> annotation(String key) {
    return text("metadata", "annotations", key);
  }

  /**
   * The whole number at the path, or empty when there is none; numbers arrive as {@code Integer},
   * {@code Long} or text depending on the decoder, so all three are read.
   */
  public Optional<Long> number(Object... path) {
    return at(path)
        .flatMap(
            value -> {
              if (value instanceof Number number) {
                return Optional.of(number.longValue());
              }
              try {
                return Optional.of(Long.parseLong(String.valueOf(value).strip()));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }

  /** The maps in the list at the path ({@code "spec", "containers"}); empty when there is none. */
  public List<Map<String, Object>> items(Object... path) {
    Optional<Object> list = at(path);
    if (list.isEmpty() || !(list.get() instanceof List<?> values)) {
      return List.of();
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (Object value : values) {
      if (value instanceof Map<?, ?> map) {
        Map<String, Object> item = new LinkedHashMap<>();
        map.forEach((key, field) -> item.put(String.valueOf(key), field));
        items.add(item);
      }
    }
    return items;
  }

  /** The map at the path as text keys and values ({@code "metadata", "labels"}); may be empty. */
  public Map<String, String> strings(Object... path) {
    Map<String, String> strings = new LinkedHashMap<>();
    at(path)
        .filter(Map.class::isInstance)
        .ifPresent(
            map ->
                ((Map<?, ?>) map)
                    .forEach(
                        (key, value) -> {
                          if (value != null) {
                            strings.put(String.valueOf(key), String.valueOf(value));
                          }
                        }));
    return strings;
  }
}
