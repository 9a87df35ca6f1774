package dev.warden.integrations.kubernetes;

import dev.warden.core.integration.Availability;
import dev.warden.core.kubernetes.Cluster;
import dev.warden.core.kubernetes.ClusterException;
import dev.warden.core.kubernetes.KubeObject;
import dev.warden.core.kubernetes.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The {@link Cluster} port over a fabric8 {@link KubernetesClient}.
 *
 * <p>Every kind goes through fabric8's generic resources ({@code apiVersion} and {@code kind}), so
 * a Deployment, a Node and a custom resource are read and changed by the same code and leave as the
 * same JSON-like maps. A reference without a namespace names a cluster-scoped object; for a
 * namespaced kind fabric8 then uses the client's namespace, as {@code kubectl} does.
 *
 * <p>The client belongs to the caller, who closes it; its configuration decides timeouts and
 * retries ({@link KubernetesClusters} turns fabric8's retries off).
 */
public final class Fabric8Cluster implements Cluster {
  private static final String ALL = "All";

  /** The fields of an Event that say when it happened, most telling first. */
  private static final List<List<String>> EVENT_TIME =
      List.of(
          List.of("lastTimestamp"),
          List.of("eventTime"),
          List.of("firstTimestamp"),
          List.of("metadata", "creationTimestamp"));

  private final String name;
  private final KubernetesClient client;

  /**
   * @param name the cluster's name in Warden's configuration
   * @param client the client to call the API with; not closed by this class
   */
  public Fabric8Cluster(String name, KubernetesClient client) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a cluster needs a name");
    }
    this.name = name;
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<KubeObject> get(ObjectRef ref) {
    Objects.requireNonNull(ref, "ref");
    return call("get", ref, () -> Optional.ofNullable(resource(ref).get()).map(this::toObject));
  }

  @Override
  public List<KubeObject> list(
      String apiVersion, String kind, Optional<String> namespace, String selector) {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(selector, "selector");
    String what =
        kind
            + " in "
            + namespace.map(ns -> "namespace " + ns).orElse("all namespaces")
            + (selector.isBlank() ? "" : " matching " + selector);
    return call(
        "list",
        what,
        () -> {
          FilterWatchListDeletable<
                  GenericKubernetesResource,
                  GenericKubernetesResourceList,
                  Resource<GenericKubernetesResource>>
              scope = inScope(kind(apiVersion, kind), namespace);
          if (!selector.isBlank()) {
            // The API parses the selector (equality, inequality, set-based, existence) exactly as
            // kubectl -l does; parsing it here would only narrow what a runbook can write.
            scope = scope.withLabelSelector(selector.strip());
          }
          return toObjects(scope.list());
        });
  }

  @Override
  public List<KubeObject> events(ObjectRef ref) {
    Objects.requireNonNull(ref, "ref");
    return call(
        "list events of",
        ref,
        () -> {
          // A cluster-scoped object's events (a Node's) are kept in a namespace (usually
          // "default"), so those are looked for in all namespaces.
          List<KubeObject> events =
              new ArrayList<>(
                  toObjects(
                      inScope(kind("v1", "Event"), ref.namespace())
                          .withField("involvedObject.kind", ref.kind())
                          .withField("involvedObject.name", ref.name())
                          .list()));
          events.sort(Comparator.comparing(Fabric8Cluster::happened));
          return List.copyOf(events);
        });
  }

  @Override
  public String logs(
      String namespace, String pod, Optional<String> container, boolean previous, int tailLines) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(container, "container");
    if (tailLines <= 0) {
      throw new IllegalArgumentException("tailLines must be positive, was " + tailLines);
    }
    String what = "Pod " + namespace + "/" + pod + container.map(c -> " container " + c).orElse("");
    return call(
        previous ? "read the previous log of" : "read the log of",
        what,
        () -> {
          PodResource resource = client.pods().inNamespace(namespace).withName(pod);
          ContainerResource source =
              container.isPresent() ? resource.inContainer(container.get()) : resource;
          TimeTailPrettyLoggable instance = previous ? source.terminated() : source;
          String log = instance.tailingLines(tailLines).getLog();
          return log == null ? "" : log;
        });
  }

  @Override
  public KubeObject patch(ObjectRef ref, String mergePatch, boolean dryRun) {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(mergePatch, "mergePatch");
    return call(
        dryRun ? "dry-run patch" : "patch",
        ref,
        () -> {
          Resource<GenericKubernetesResource> resource = named(ref);
          PatchContext mergePatchContext = PatchContext.of(PatchType.JSON_MERGE);
          GenericKubernetesResource patched =
              dryRun
                  ? resource.dryRun().patch(mergePatchContext, mergePatch)
                  : resource.patch(mergePatchContext, mergePatch);
          return toObject(patched);
        });
  }

  @Override
  public boolean delete(ObjectRef ref, boolean dryRun) {
    Objects.requireNonNull(ref, "ref");
    return call(
        dryRun ? "dry-run delete" : "delete",
        ref,
        () -> {
          Resource<GenericKubernetesResource> resource = resource(ref);
          // fabric8 answers a 404 with an empty list rather than an exception
          return !(dryRun ? resource.dryRun().delete() : resource.delete()).isEmpty();
        });
  }

  /**
   * Whether the API answers {@code /version} within the client's request timeout; never throws. The
   * detail names the Kubernetes version, or why the API could not be used.
   */
  public Availability availability() {
    try {
      VersionInfo version = client.getKubernetesVersion();
      return Availability.enabled("cluster " + name + ": Kubernetes " + describe(version));
    } catch (KubernetesClientException e) {
      return Availability.disabled("cluster " + name + ": " + reason(e));
    } catch (RuntimeException e) {
      return Availability.disabled(
          "cluster " + name + ": " + redact(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  private Resource<GenericKubernetesResource> resource(ObjectRef ref) {
    return scoped(ref).withName(ref.name());
  }

  /**
   * The object by a stand-in that carries only its name: given no object, fabric8 reads the object
   * before patching it, which is a second call, a race, and a {@code get} permission a patch does
   * not need.
   */
  private Resource<GenericKubernetesResource> named(ObjectRef ref) {
    return scoped(ref)
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion(ref.apiVersion())
                .withKind(ref.kind())
                .withNewMetadata()
                .withName(ref.name())
                .withNamespace(ref.namespace().orElse(null))
                .endMetadata()
                .build());
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      scoped(ObjectRef ref) {
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        kind = kind(ref.apiVersion(), ref.kind());
    return ref.namespace().isPresent() ? kind.inNamespace(ref.namespace().get()) : kind;
  }

  /**
   * The kind's operations. fabric8 knows the built-in kinds and asks the API about others; when the
   * API does not serve the kind, this is the 404 the API would give for its path.
   */
  private MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      kind(String apiVersion, String kind) {
    try {
      return client.genericKubernetesResources(apiVersion, kind);
    } catch (KubernetesClientException e) {
      if (e.getCode() > 0 || e.getCause() != null) {
        throw e;
      }
      throw new KubernetesClientException(
          new StatusBuilder()
              .withCode(404)
              .withReason("NotFound")
              .withMessage("the server has no resource type " + kind + " in " + apiVersion)
              .build());
    }
  }

  private static FilterWatchListDeletable<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      inScope(
          MixedOperation<
                  GenericKubernetesResource,
                  GenericKubernetesResourceList,
                  Resource<GenericKubernetesResource>>
              kind,
          Optional<String> namespace) {
    // for a cluster-scoped kind, fabric8 leaves the namespace out of the path either way
    return namespace.isPresent() ? kind.inNamespace(namespace.get()) : kind.inAnyNamespace();
  }

  private List<KubeObject> toObjects(GenericKubernetesResourceList list) {
    return list.getItems().stream().map(this::toObject).toList();
  }

  @SuppressWarnings("unchecked")
  private KubeObject toObject(GenericKubernetesResource resource) {
    return new KubeObject(client.getKubernetesSerialization().convertValue(resource, Map.class));
  }

  private static Instant happened(KubeObject event) {
    return EVENT_TIME.stream()
        .flatMap(path -> event.text(path.toArray()).stream())
        .flatMap(Fabric8Cluster::instant)
        .findFirst()
        .orElse(Instant.MIN);
  }

  private static Stream<Instant> instant(String text) {
    try {
      return Stream.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Stream.empty();
    }
  }

  private <T> T call(String verb, Object what, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      throw new ClusterException(
          "cannot " + verb + " " + what + " on cluster " + name + ": " + reason(e),
          Math.max(0, e.getCode()),
          e);
    }
  }

  /** What went wrong, from the API's status when it answered: never a request header. */
  private String reason(KubernetesClientException e) {
    if (e.getCode() <= 0) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      if (root == e) {
        return redact(String.valueOf(e.getMessage()));
      }
      return redact(
          "no answer from the API ("
              + root.getClass().getSimpleName()
              + (root.getMessage() == null ? "" : ": " + root.getMessage())
              + ")");
    }
    StringBuilder reason = new StringBuilder("HTTP ").append(e.getCode());
    Status status = e.getStatus();
    if (status != null && status.getReason() != null && !status.getReason().isBlank()) {
      reason.append(' ').append(status.getReason());
    }
    if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
      reason.append(": ").append(status.getMessage().strip());
    }
    return redact(reason.toString());
  }

  /**
   * Removes the client's own credentials from text that came back from the API or the network
   * stack: nothing should echo them, and nothing that does may carry them further.
   */
  private String redact(String text) {
    Config config = client.getConfiguration();
    String redacted = text;
    for (String secret :
        new String[] {config.getOauthToken(), config.getAutoOAuthToken(), config.getPassword()}) {
      if (secret != null && secret.length() >= 4) {
        redacted = redacted.replace(secret, "<redacted>");
      }
    }
    return redacted;
  }

  private static String describe(VersionInfo version) {
    if (version == null) {
      return "(version unknown)";
    }
    if (version.getGitVersion() != null && !version.getGitVersion().isBlank()) {
      return version.getGitVersion();
    }
    return version.getMajor() + "." + version.getMinor();
  }
}
