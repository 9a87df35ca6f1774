package dev.warden.core.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The clusters Warden may act on, by their names in configuration, one of them the default. A step
 * that names no cluster acts on the default; a step that names an unknown one fails with the known
 * names, and is never sent to the default instead.
 */
public final class Clusters {
  private final Map<String, Cluster> byName;
  private final String defaultName;

  /**
   * @param clusters every configured cluster; names must be unique
   * @param defaultName the cluster of steps that name none; one of {@code clusters}
   */
  public Clusters(List<? extends Cluster> clusters, String defaultName) {
    Objects.requireNonNull(defaultName, "defaultName");
    Map<String, Cluster> named = new LinkedHashMap<>();
    for (Cluster cluster : clusters) {
      if (named.putIfAbsent(cluster.name(), cluster) != null) {
        throw new IllegalArgumentException("cluster name '" + cluster.name() + "' is used twice");
      }
    }
    if (!named.containsKey(defaultName)) {
      throw new IllegalArgumentException(
          "the default cluster '"
              + defaultName
              + "' is not among the clusters "
              + String.join(", ", named.keySet()));
    }
    this.byName = Map.copyOf(named);
    this.defaultName = defaultName;
  }

  /** One cluster, which is the default. */
  public static Clusters of(Cluster only) {
    return new Clusters(List.of(only), only.name());
  }

  /**
   * The named cluster, or the default when no name is given.
   *
   * @throws UnknownClusterException naming the configured clusters, for a name that is not one
   */
  public Cluster resolve(Optional<String> name) {
    String wanted = name.filter(n -> !n.isBlank()).orElse(defaultName);
    Cluster cluster = byName.get(wanted);
    if (cluster == null) {
      List<String> known = new ArrayList<>(byName.keySet());
      known.sort(null);
      throw new UnknownClusterException(wanted, known, defaultName);
    }
    return cluster;
  }

  /** The configured names. */
  public Set<String> names() {
    return byName.keySet();
  }

  /** The name of the default cluster. */
  public String defaultName() {
    return defaultName;
  }
}
