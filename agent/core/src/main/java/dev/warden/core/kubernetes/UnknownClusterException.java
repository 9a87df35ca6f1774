package dev.warden.core.kubernetes;

import java.util.List;
import java.util.Objects;

/** A step named a cluster that is not configured; the message lists the ones that are. */
public final class UnknownClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String cluster;
  private final List<String> known;

  public UnknownClusterException(String cluster, List<String> known, String defaultCluster) {
    super(
        "unknown cluster '"
            + cluster
            + "'; the configured clusters are "
            + String.join(", ", known)
            + " (default "
            + defaultCluster
            + ")");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.known = List.copyOf(known);
  }

  /** The name that was asked for. */
  public String cluster() {
    return cluster;
  }

  /** The configured cluster names, sorted. */
  public List<String> known() {
    return known;
  }
}
