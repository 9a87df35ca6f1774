package dev.warden.integrations.kubernetes;

import dev.warden.core.integration.Availability;
import dev.warden.core.integration.Integration;
import dev.warden.core.kubernetes.Cluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The configured clusters, each a {@link Fabric8Cluster} over its own fabric8 client, and, as an
 * {@link Integration}, whether they answer.
 *
 * <p>Building connects to nothing: the first call, or the health check, does. Every client waits at
 * most the cluster's request timeout to connect and then for each answer, and does not retry:
 * fabric8 by default retries failed calls and 5xx answers up to ten times with a growing pause,
 * which would hold a runbook step and the health endpoint for minutes past the timeout. Whether to
 * try again is the runbook engine's decision, taken after reading the cluster.
 *
 * <p>Close it to close every client.
 */
public final class KubernetesClusters implements Integration, AutoCloseable {
  private final Map<String, Fabric8Cluster> clusters;
  private final List<KubernetesClient> clients;

  private KubernetesClusters(Map<String, Fabric8Cluster> clusters, List<KubernetesClient> clients) {
    this.clusters = Collections.unmodifiableMap(clusters);
    this.clients = List.copyOf(clients);
  }

  /**
   * One client per cluster, in the order given.
   *
   * @throws IllegalArgumentException when two clusters share a name, or a kubeconfig cannot be read
   *     or has no such context
   */
  public static KubernetesClusters create(List<ClusterSettings> settings) {
    Objects.requireNonNull(settings, "settings");
    Map<String, Fabric8Cluster> clusters = new LinkedHashMap<>();
    List<KubernetesClient> clients = new ArrayList<>();
    try {
      for (ClusterSettings each : settings) {
        if (clusters.containsKey(each.name())) {
          throw new IllegalArgumentException("two clusters are named " + each.name());
        }
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config(each)).build();
        clients.add(client);
        clusters.put(each.name(), new Fabric8Cluster(each.name(), client));
      }
    } catch (RuntimeException e) {
      clients.forEach(KubernetesClient::close);
      throw e;
    }
    return new KubernetesClusters(clusters, clients);
  }

  /** The clusters, in configuration order. */
  public List<Cluster> clusters() {
    return List.copyOf(clusters.values());
  }

  /** The cluster with this name, if configured. */
  public Optional<Cluster> cluster(String name) {
    return Optional.ofNullable(clusters.get(name));
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  /**
   * Enabled when every configured cluster's API answers {@code /version} within its request
   * timeout; the detail has one entry per cluster (its version, or why it cannot be used). Calls
   * each cluster in turn; never throws.
   */
  @Override
  public Availability availability() {
    if (clusters.isEmpty()) {
      return Availability.disabled("no cluster configured");
    }
    List<Availability> each = clusters.values().stream().map(Fabric8Cluster::availability).toList();
    String detail = each.stream().map(Availability::detail).collect(Collectors.joining("; "));
    return each.stream().allMatch(Availability::enabled)
        ? Availability.enabled(detail)
        : Availability.disabled(detail);
  }

  /** Closes every client; calls made afterwards fail. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (KubernetesClient client : clients) {
      try {
        client.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The fabric8 configuration the settings describe, as {@link ClusterSettings} explains. */
  static Config config(ClusterSettings settings) {
    Config config;
    if (settings.kubeconfig().isPresent()) {
      config = fromKubeconfig(settings, settings.kubeconfig().get());
      settings.masterUrl().ifPresent(url -> config.setMasterUrl(url.toString()));
    } else if (settings.masterUrl().isPresent()) {
      config =
          new ConfigBuilder(Config.empty())
              .withMasterUrl(settings.masterUrl().get().toString())
              .build();
    } else {
      config = Config.autoConfigure(settings.context().orElse(null));
      settings.context().ifPresent(context -> requireContext(settings, config, context));
    }
    int timeoutMillis = Math.toIntExact(settings.requestTimeout().toMillis());
    config.setConnectionTimeout(timeoutMillis);
    config.setRequestTimeout(timeoutMillis);
    config.setRequestRetryBackoffLimit(0);
    return config;
  }

  private static Config fromKubeconfig(ClusterSettings settings, Path path) {
    String content;
    try {
      content = Files.readString(path);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cluster "
              + settings.name()
              + ": cannot read kubeconfig "
              + path
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
    Config config;
    try {
      config = Config.fromKubeconfig(settings.context().orElse(null), content, path.toString());
    } catch (RuntimeException e) {
      // The parser's message quotes the file, and a kubeconfig holds credentials: neither the
      // message nor the exception goes further.
      throw new IllegalArgumentException(
          "cluster " + settings.name() + ": kubeconfig " + path + " is not a valid kubeconfig");
    }
    settings.context().ifPresent(context -> requireContext(settings, config, context));
    return config;
  }

  /** fabric8 falls back to the current context when the named one is missing; Warden does not. */
  private static void requireContext(ClusterSettings settings, Config config, String context) {
    NamedContext current = config.getCurrentContext();
    if (current == null || !context.equals(current.getName())) {
      throw new IllegalArgumentException(
          "cluster "
              + settings.name()
              + ": no context "
              + context
              + " in "
              + settings.kubeconfig().map(Path::toString).orElse("the discovered kubeconfig"));
    }
  }
}
