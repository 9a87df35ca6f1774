package dev.warden.core.wait;

import java.util.Map;
import java.util.Objects;

/** What one check of a condition found. */
public sealed interface ProbeResult {
  /** One line for people: {@code deployment shop/web: 3 of 3 replicas ready}. */
  String summary();

  /** The condition holds. */
  record Met(String summary, Map<String, String> outputs) implements ProbeResult {
    public Met {
      Objects.requireNonNull(summary, "summary");
      outputs = Map.copyOf(outputs);
    }
  }

  /** Not yet; worth checking again. */
  record NotYet(String summary) implements ProbeResult {
    public NotYet {
      Objects.requireNonNull(summary, "summary");
    }
  }

  /** It cannot come true by waiting (the deployment does not exist, the parameters are wrong). */
  record Failed(String summary) implements ProbeResult {
    public Failed {
      Objects.requireNonNull(summary, "summary");
    }
  }
}
