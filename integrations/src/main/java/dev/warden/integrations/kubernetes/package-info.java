/**
 * The Kubernetes adapter: {@link dev.warden.integrations.kubernetes.Fabric8Cluster} implements the
 * core's {@link dev.warden.core.kubernetes.Cluster} port over a fabric8 client, with every kind
 * read and changed the same way as generic resources, and {@link
 * dev.warden.integrations.kubernetes.KubernetesClusters} builds one per configured cluster (from a
 * kubeconfig, fabric8's default discovery, or a bare API URL) and reports whether each answers.
 * fabric8 types and exceptions never leave this package: objects leave as JSON-like maps, failures
 * as {@link dev.warden.core.kubernetes.ClusterException}s whose messages carry no credential. May
 * use {@code dev.warden.core} only.
 */
package dev.warden.integrations.kubernetes;
