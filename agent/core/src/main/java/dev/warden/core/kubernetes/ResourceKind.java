package dev.warden.core.kubernetes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One kind of Kubernetes object as steps name it ({@code deployment}) and as the API and RBAC name
 * it ({@code apps/v1}, {@code Deployment}, {@code deployments}).
 *
 * @param name the lower-case singular name runbooks use, and {@code kubectl} accepts
 * @param group the API group; empty for the core group
 * @param version the API version within the group
 * @param kind the object's {@code kind}
 * @param resource the plural resource name RBAC rules and URLs use
 * @param namespaced whether objects of the kind live in a namespace
 * @param aliases other names {@code kubectl} accepts for it (plural, short names)
 */
public record ResourceKind(
    String name,
    String group,
    String version,
    String kind,
    String resource,
    boolean namespaced,
    List<String> aliases) {
  public ResourceKind {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(resource, "resource");
    aliases = List.copyOf(aliases);
  }

  /** {@code v1} for the core group, else {@code group/version}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The reference to one object of this kind; the namespace is dropped for cluster objects. */
  public ObjectRef ref(Optional<String> namespace, String objectName) {
    return new ObjectRef(apiVersion(), kind, namespaced ? namespace : Optional.empty(), objectName);
  }
}
