package dev.warden.core.action;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalises JSON-like values to the few types the engine, CEL and the hash agree on. */
final class Values {
  private Values() {}

  static Map<String, Object> normaliseMap(Map<String, ?> map, String where) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach(
        (key, value) -> {
          if (key == null) {
            throw new IllegalArgumentException(where + " has a null key");
          }
          copy.put(key, normalise(value, where + "." + key));
        });
    return Collections.unmodifiableMap(copy);
  }

  static Object normalise(Object value, String where) {
    if (value instanceof String || value instanceof Boolean || value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.longValueExact();
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double number = ((Number) value).doubleValue();
      if (!Double.isFinite(number)) {
        throw new IllegalArgumentException(where + " must be a finite number, not " + value);
      }
      return number;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach(
          (key, item) -> {
            if (!(key instanceof String name)) {
              throw new IllegalArgumentException(where + " has a key that is not a string: " + key);
            }
            copy.put(name, normalise(item, where + "." + name));
          });
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(normalise(list.get(i), where + "[" + i + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    if (value == null) {
      throw new IllegalArgumentException(where + " is null; leave it out instead");
    }
    throw new IllegalArgumentException(
        where
            + " must be a string, number, boolean, list or map, not "
            + value.getClass().getName());
  }
}
