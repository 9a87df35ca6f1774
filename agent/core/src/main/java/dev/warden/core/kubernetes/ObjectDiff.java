package dev.warden.core.kubernetes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * What differs between two versions of a Kubernetes object, leaf by leaf, for people approving a
 * change: {@code ~ spec.replicas: 3 -> 5}, {@code + metadata.annotations["warden.dev/change-id"]:
 * run-7/scale}, {@code - spec.template.metadata.labels.canary: true}.
 *
 * <p>Fields the server changes on any write (resource version, generation, managed fields) and the
 * status are noise here and left out. Lists of named items (containers, env, ports) are matched by
 * name, so a reordering is no change and {@code containers[app].image} says which container.
 */
final class ObjectDiff {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The paths left out, as {@link #path} writes them. */
  private static final Set<String> NOISE =
      Set.of(
          "metadata.resourceVersion",
          "metadata.generation",
          "metadata.managedFields",
          "metadata.creationTimestamp",
          "metadata.uid",
          "status");

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  /** Values longer than this are cut, so that one embedded document does not flood the text. */
  private static final int MAX_VALUE = 160;

  private ObjectDiff() {}

  /** The changes from {@code before} to {@code after}, one line each, in field order. */
  static List<String> changes(Map<String, Object> before, Map<String, Object> after) {
    List<String> lines = new ArrayList<>();
    compare("", before, after, lines);
    return lines;
  }

  private static void compare(String path, Object before, Object after, List<String> lines) {
    if (NOISE.contains(path)) {
      return;
    }
    if (before instanceof Map<?, ?> from && after instanceof Map<?, ?> to) {
      Set<Object> keys = new LinkedHashSet<>(from.keySet());
      keys.addAll(to.keySet());
      for (Object key : keys) {
        compare(path(path, String.valueOf(key)), from.get(key), to.get(key), lines);
      }
    } else if (before instanceof List<?> from && after instanceof List<?> to) {
      Map<String, Object> fromItems = byName(from);
      Map<String, Object> toItems = byName(to);
      if (fromItems != null && toItems != null) {
        compare(path, fromItems, toItems, lines);
        return;
      }
      for (int i = 0; i < Math.max(from.size(), to.size()); i++) {
        compare(
            path + "[" + i + "]",
            i < from.size() ? from.get(i) : null,
            i < to.size() ? to.get(i) : null,
            lines);
      }
    } else if (before == null && after != null) {
      lines.add("+ " + path + ": " + show(after));
    } else if (before != null && after == null) {
      lines.add("- " + path + ": " + show(before));
    } else if (!Objects.equals(MergePatch.numeric(before), MergePatch.numeric(after))) {
      lines.add("~ " + path + ": " + show(before) + " -> " + show(after));
    }
  }

  /**
   * The items of a list of maps that each have a distinct {@code name}, by {@code [name]} keys (the
   * brackets make the path read {@code containers[app]}); null for any other list.
   */
  private static Map<String, Object> byName(List<?> list) {
    Map<String, Object> named = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> map) || !(map.get("name") instanceof String name)) {
        return null;
      }
      if (!seen.add(name)) {
        return null;
      }
      named.put("\u0000" + name, item);
    }
    return named.isEmpty() ? null : named;
  }

  private static String path(String parent, String key) {
    if (key.startsWith("\u0000")) {
      return parent + "[" + key.substring(1) + "]";
    }
    String step = PLAIN_KEY.matcher(key).matches() ? key : "[\"" + key + "\"]";
    if (parent.isEmpty()) {
      return step;
    }
    return step.startsWith("[") ? parent + step : parent + "." + step;
  }

  private static String show(Object value) {
    String text;
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      text = JSON.writeValueAsString(value);
    } else if (value instanceof String s) {
      text = s.isEmpty() || !s.strip().equals(s) ? "\"" + s + "\"" : s;
    } else {
      text = String.valueOf(value);
    }
    text = text.replace("\n", "\\n");
    return text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) + "…" : text;
  }
}
