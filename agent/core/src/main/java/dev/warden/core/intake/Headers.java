package dev.warden.core.intake;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Request headers of a delivery, looked up without regard to case, first value only. */
public final class Headers {
  private final Map<String, String> values;

  private Headers(Map<String, String> values) {
    this.values = values;
  }

  /** Copies {@code headers}; for repeated names the first value wins. */
  public static Headers of(Map<String, String> headers) {
    var values = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(values::putIfAbsent);
    return new Headers(values);
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  @Override
  public String toString() {
    // names only: values may hold credentials
    return "Headers" + values.keySet();
  }
}
