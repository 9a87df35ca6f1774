package dev.warden.core.llm;

import java.util.Locale;

/** The features that call a model; each has its own settings, budget, flag and prompt. */
public enum Feature {
  SUMMARISE,
  REVIEW,
  TRIAGE;

  /** The name in configuration, flags, metrics and the ledger ({@code summarise}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The feature named {@code id}. */
  public static Feature of(String id) {
    for (Feature feature : values()) {
      if (feature.id().equals(id)) {
        return feature;
      }
    }
    throw new IllegalArgumentException(
        "unknown AI feature '" + id + "' (known: summarise, review, triage)");
  }
}
