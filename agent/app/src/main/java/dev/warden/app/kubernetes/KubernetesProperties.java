package dev.warden.app.kubernetes;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The clusters runbooks act on ({@code warden.kubernetes.*}).
 *
 * <p>With no {@code clusters}, Warden discovers one cluster named {@code default} as fabric8 (and
 * kubectl) do: the kubeconfig named by {@code KUBECONFIG} or {@code ~/.kube/config}, else the
 * in-cluster service account; when there is neither, no cluster is configured and the Kubernetes
 * steps of runbooks fail with "no executor" while the rest of Warden works.
 *
 * @param clusters clusters by name: each with an optional kubeconfig file, context and API URL
 * @param defaultCluster the cluster of runs and steps that name none (default: the first)
 * @param requestTimeout how long to wait for a connection and for each answer of the API
 * @param discover whether to discover a cluster when none is configured
 */
@ConfigurationProperties("warden.kubernetes")
public record KubernetesProperties(
    @DefaultValue Map<String, ClusterProperties> clusters,
    String defaultCluster,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue("true") boolean discover) {

  /**
   * One cluster.
   *
   * @param kubeconfig the kubeconfig file (default: fabric8's discovery)
   * @param context the kubeconfig context (default: its current context)
   * @param masterUrl the API server's URL, replacing the kubeconfig's
   */
  public record ClusterProperties(Path kubeconfig, String context, URI masterUrl) {
    Optional<Path> kubeconfigFile() {
      return Optional.ofNullable(kubeconfig);
    }
  }
}
