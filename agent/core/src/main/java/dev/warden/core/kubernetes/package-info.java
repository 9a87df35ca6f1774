/**
 * Kubernetes as runbook steps use it: the {@link dev.warden.core.kubernetes.Cluster} port (the
 * fabric8 adapter in {@code integrations} implements it) and, on top of it, the domain: what each
 * {@code kubernetes.*} step reads or changes and its outputs ({@link
 * dev.warden.core.kubernetes.KubernetesExecutor}), its server-side dry-run preview, how an
 * interrupted change is reconciled, the equivalent {@code kubectl} command ({@link
 * dev.warden.core.kubernetes.Kubectl}), the RBAC each step needs ({@link
 * dev.warden.core.kubernetes.KubernetesAccess}, from which {@code deploy/} is derived), the
 * conditions a wait checks ({@link dev.warden.core.kubernetes.KubernetesProbe}) and the clusters by
 * name ({@link dev.warden.core.kubernetes.Clusters}). May use {@code action}, {@code gate}, {@code
 * wait}, {@code logs} (the deterministic log summary) and {@code redact}.
 */
package dev.warden.core.kubernetes;
