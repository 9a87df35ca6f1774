package dev.warden.core.event;

import java.util.Map;

/** Precondition checks shared by the event records of this package. */
final class Checks {
  private Checks() {}

  static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, was " + quoted(value));
    }
    return value;
  }

  static <T> T requireNonNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  static int requirePositive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  static Map<String, String> copy(Map<String, String> map) {
    return map == null ? Map.of() : Map.copyOf(map);
  }

  static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String quoted(String value) {
    return value == null ? "null" : '"' + value + '"';
  }
}
