package dev.warden.core.kubernetes;

import java.util.List;
import java.util.Optional;

/**
 * One Kubernetes cluster, as the runbook steps need it: generic reads, logs, a JSON merge patch and
 * a delete, each mutation with a server-side dry run. The fabric8 adapter in {@code integrations}
 * implements it; the domain (which objects a step reads, what a rollout restart patches, how a
 * change is reconciled) is in this package, on top of it.
 *
 * <p>Failures of the API (not found aside) are a {@link ClusterException} carrying the HTTP status.
 */
public interface Cluster {
  /** The cluster's name in Warden's configuration. */
  String name();

  /** The object, or empty when it does not exist. */
  Optional<KubeObject> get(ObjectRef ref);

  /**
   * Objects of one kind, in one namespace (or in all, or cluster-scoped, when empty) whose labels
   * match the selector ({@code app=web,tier!=cache}; empty for all).
   */
  List<KubeObject> list(
      String apiVersion, String kind, Optional<String> namespace, String selector);

  /** The events whose involved object is {@code ref}, oldest first. */
  List<KubeObject> events(ObjectRef ref);

  /** The last {@code tailLines} lines of a container's log (the previous instance's if asked). */
  String logs(
      String namespace, String pod, Optional<String> container, boolean previous, int tailLines);

  /**
   * Applies a JSON merge patch (RFC 7386) to the object.
   *
   * @param dryRun ask the server to check and compute the result without storing it
   * @return the object as it is (or would be) after the patch
   */
  KubeObject patch(ObjectRef ref, String mergePatch, boolean dryRun);

  /**
   * Deletes the object.
   *
   * @return false when there was no such object
   */
  boolean delete(ObjectRef ref, boolean dryRun);
}
