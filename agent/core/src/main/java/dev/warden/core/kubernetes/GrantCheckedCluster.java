package dev.warden.core.kubernetes;

import dev.warden.core.kubernetes.KubernetesAccess.Grant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster that lets through only the calls a step declared in {@link KubernetesAccess}, so that
 * the table the RBAC is derived from cannot drift from what the code does: a call outside it is a
 * bug, and fails here in every test rather than as a 403 in someone's cluster.
 */
final class GrantCheckedCluster implements Cluster {
  private final Cluster cluster;
  private final String step;
  private final Set<Grant> granted;

  GrantCheckedCluster(Cluster cluster, String step, Set<Grant> granted) {
    this.cluster = cluster;
    this.step = step;
    this.granted = Set.copyOf(granted);
  }

  @Override
  public String name() {
    return cluster.name();
  }

  @Override
  public Optional<KubeObject> get(ObjectRef ref) {
    check(grant(ref.apiVersion(), ref.kind(), "get"));
    return cluster.get(ref);
  }

  @Override
  public List<KubeObject> list(
      String apiVersion, String kind, Optional<String> namespace, String selector) {
    check(grant(apiVersion, kind, "list"));
    return cluster.list(apiVersion, kind, namespace, selector);
  }

  @Override
  public List<KubeObject> events(ObjectRef ref) {
    check(KubernetesAccess.events());
    return cluster.events(ref);
  }

  @Override
  public String logs(
      String namespace, String pod, Optional<String> container, boolean previous, int tailLines) {
    check(KubernetesAccess.logs());
    return cluster.logs(namespace, pod, container, previous, tailLines);
  }

  @Override
  public KubeObject patch(ObjectRef ref, String mergePatch, boolean dryRun) {
    check(grant(ref.apiVersion(), ref.kind(), "patch"));
    return cluster.patch(ref, mergePatch, dryRun);
  }

  @Override
  public boolean delete(ObjectRef ref, boolean dryRun) {
    check(grant(ref.apiVersion(), ref.kind(), "delete"));
    return cluster.delete(ref, dryRun);
  }

  private static Grant grant(String apiVersion, String kind, String verb) {
    return ResourceKinds.of(apiVersion, kind)
        .map(entry -> KubernetesAccess.on(entry, verb))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "a step called "
                        + verb
                        + " on "
                        + apiVersion
                        + " "
                        + kind
                        + ", not a listed kind"));
  }

  private void check(Grant grant) {
    if (!granted.contains(grant)) {
      throw new IllegalStateException(
          step
              + " made a call KubernetesAccess does not declare for it ("
              + grant
              + "; declared: "
              + granted
              + "); the RBAC in deploy/ would refuse it");
    }
  }
}
