package dev.warden.core.action;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an action acts on. Every part is optional: a pull-request comment has a repository and no
 * namespace, a node cordon a cluster and a name.
 *
 * @param cluster the Kubernetes cluster (context name)
 * @param namespace the Kubernetes namespace
 * @param kind the object kind ({@code Deployment}, {@code Pod}, {@code Node})
 * @param name the object name, or the pull request number for GitHub actions
 * @param repo the repository, {@code owner/name}
 * @param labels labels of the target (Kubernetes labels, or alert labels it came from)
 */
public record Target(
    Optional<String> cluster,
    Optional<String> namespace,
    Optional<String> kind,
    Optional<String> name,
    Optional<String> repo,
    Map<String, String> labels) {
  public Target {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(repo, "repo");
    labels = Map.copyOf(labels);
  }

  /** A Kubernetes object. */
  public static Target kubernetes(String cluster, String namespace, String kind, String name) {
    return new Target(
        Optional.of(cluster),
        Optional.of(namespace),
        Optional.of(kind),
        Optional.of(name),
        Optional.empty(),
        Map.of());
  }

  /** No target (Warden's own switches, a notification). */
  public static Target none() {
    return new Target(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of());
  }

  /** This target with its labels replaced. */
  public Target withLabels(Map<String, String> labels) {
    return new Target(cluster, namespace, kind, name, repo, labels);
  }
}
