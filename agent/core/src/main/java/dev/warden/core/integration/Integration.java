package dev.warden.core.integration;

/** A connection to an outside system that may or may not be configured. */
public interface Integration {

  /** Short, stable name, e.g. {@code github} or {@code alertmanager}. */
  String name();

  /** Whether it is usable now; never throws. */
  Availability availability();
}
