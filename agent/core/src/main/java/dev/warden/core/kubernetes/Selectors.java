package dev.warden.core.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Label selectors as the {@link Cluster} port takes them: {@code app=web,tier in (a,b)}. */
final class Selectors {
  private Selectors() {}

  /** {@code key=value,...} for labels that must all be equal, sorted by key. */
  static String ofLabels(Map<String, String> labels) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(labels).forEach((key, value) -> parts.add(key + "=" + value));
    return String.join(",", parts);
  }

  /**
   * The selector text of a {@code spec.selector} ({@code matchLabels} and {@code matchExpressions})
   * of a workload.
   *
   * @throws InvalidStepException when it selects nothing: listing by it would list everything
   */
  static String of(KubeObject workload) {
    List<String> parts = new ArrayList<>();
    String labels = ofLabels(workload.strings("spec", "selector", "matchLabels"));
    if (!labels.isEmpty()) {
      parts.add(labels);
    }
    for (Map<String, Object> expression : workload.items("spec", "selector", "matchExpressions")) {
      String key = String.valueOf(expression.get("key"));
      String operator = String.valueOf(expression.get("operator"));
      List<String> values = new ArrayList<>();
      if (expression.get("values") instanceof List<?> list) {
        list.forEach(v -> values.add(String.valueOf(v)));
      }
      switch (operator) {
        case "In" -> parts.add(key + " in (" + String.join(",", values) + ")");
        case "NotIn" -> parts.add(key + " notin (" + String.join(",", values) + ")");
        case "Exists" -> parts.add(key);
        case "DoesNotExist" -> parts.add("!" + key);
        default ->
            throw new InvalidStepException(
                "unknown selector operator '" + operator + "' in " + workload.name());
      }
    }
    if (parts.isEmpty()) {
      throw new InvalidStepException(
          workload.text("kind").orElse("object") + " " + workload.name() + " has no selector");
    }
    return String.join(",", parts);
  }
}
