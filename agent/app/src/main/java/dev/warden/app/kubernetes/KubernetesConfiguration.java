package dev.warden.app.kubernetes;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.Permit;
import dev.warden.core.kubernetes.Clusters;
import dev.warden.core.kubernetes.Kubectl;
import dev.warden.core.kubernetes.KubernetesExecutor;
import dev.warden.core.kubernetes.KubernetesProbe;
import dev.warden.core.redact.Redactor;
import dev.warden.core.wait.Probe;
import dev.warden.core.wait.ProbeResult;
import dev.warden.integrations.kubernetes.ClusterSettings;
import dev.warden.integrations.kubernetes.KubernetesClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kubernetes adapter: one fabric8 client per configured cluster ({@link KubernetesProperties}),
 * the step executor and the {@code wait.until} probe over them, and the equivalent {@code kubectl}
 * commands that passive steps show. With no cluster, only the commands are there: the gate answers
 * "no executor" to Kubernetes steps and everything else works.
 */
@Configuration(proxyBeanMethods = false)
class KubernetesConfiguration {
  private static final Logger log = LoggerFactory.getLogger(KubernetesConfiguration.class);

  /** The name of the cluster found by discovery when none is configured. */
  static final String DISCOVERED = "default";

  private static final String NO_CLUSTER =
      "no Kubernetes cluster is configured (warden.kubernetes.clusters.<name>)";

  @Bean(destroyMethod = "close")
  KubernetesClusters kubernetesClusters(KubernetesProperties properties) {
    List<ClusterSettings> settings = new ArrayList<>();
    for (Map.Entry<String, KubernetesProperties.ClusterProperties> entry :
        properties.clusters().entrySet()) {
      KubernetesProperties.ClusterProperties cluster = entry.getValue();
      settings.add(
          new ClusterSettings(
              entry.getKey(),
              cluster.kubeconfigFile(),
              Optional.ofNullable(cluster.context()),
              Optional.ofNullable(cluster.masterUrl()),
              properties.requestTimeout()));
    }
    if (settings.isEmpty() && properties.discover() && discoverable()) {
      settings.add(ClusterSettings.discovered(DISCOVERED, properties.requestTimeout()));
    }
    KubernetesClusters clusters = KubernetesClusters.create(settings);
    log.info(
        "kubernetes clusters={}",
        clusters.clusters().isEmpty()
            ? "none"
            : String.join(", ", clusters.clusters().stream().map(c -> c.name()).toList()));
    return clusters;
  }

  /** The configured clusters with their default, or empty when there is none. */
  private static Optional<Clusters> clusters(
      KubernetesClusters clusters, KubernetesProperties properties) {
    if (clusters.clusters().isEmpty()) {
      return Optional.empty();
    }
    String defaultName =
        properties.defaultCluster() != null
            ? properties.defaultCluster()
            : clusters.clusters().get(0).name();
    return Optional.of(new Clusters(clusters.clusters(), defaultName));
  }

  /** Runs Kubernetes steps, or, with no cluster, refuses them saying what to configure. */
  @Bean
  ActionExecutor kubernetesExecutor(
      KubernetesClusters configured,
      KubernetesProperties properties,
      Clock clock,
      ObjectProvider<Redactor> redactor) {
    Optional<Clusters> clusters = clusters(configured, properties);
    if (clusters.isPresent()) {
      return new KubernetesExecutor(
          clusters.get(), clock, redactor.getIfAvailable(Redactor::standard));
    }
    return new ActionExecutor() {
      @Override
      public Set<String> kinds() {
        return KubernetesExecutor.KINDS;
      }

      @Override
      public ExecutionResult execute(Permit permit) {
        return ExecutionResult.failed(NO_CLUSTER + "; nothing ran");
      }
    };
  }

  /** Checks Kubernetes conditions of {@code wait.until}, or, with no cluster, fails them. */
  @Bean
  Probe kubernetesProbe(KubernetesClusters configured, KubernetesProperties properties) {
    Optional<Clusters> clusters = clusters(configured, properties);
    if (clusters.isPresent()) {
      return new KubernetesProbe(clusters.get());
    }
    return new Probe() {
      @Override
      public Set<String> conditions() {
        return KubernetesProbe.CONDITIONS;
      }

      @Override
      public ProbeResult check(String condition, Map<String, Object> parameters) {
        return new ProbeResult.Failed(NO_CLUSTER);
      }
    };
  }

  /** What a person would type for an action: {@code kubectl ...} for Kubernetes steps. */
  @Bean
  Function<ProposedAction, Optional<String>> equivalentCommands() {
    return Kubectl::command;
  }

  /** Whether fabric8's default discovery can find a cluster: a kubeconfig or a service account. */
  private static boolean discoverable() {
    String kubeconfig = System.getenv("KUBECONFIG");
    if (kubeconfig != null && !kubeconfig.isBlank()) {
      return true;
    }
    if (System.getenv("KUBERNETES_SERVICE_HOST") != null) {
      return true;
    }
    return Files.exists(Path.of(System.getProperty("user.home"), ".kube", "config"));
  }
}
