package dev.warden.core.event;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an event came from. The {@link #id()} is the path segment of its webhook. */
public enum Source {
  GITHUB,
  ALERTMANAGER,
  GRAFANA,
  PAGERDUTY;

  /** The lower-case name used in URLs, logs and storage, e.g. {@code alertmanager}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The source whose {@link #id()} is {@code id}, if any. */
  public static Optional<Source> fromId(String id) {
    return Arrays.stream(values()).filter(source -> source.id().equals(id)).findFirst();
  }
}
