package dev.warden.integrations.kubernetes;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one cluster's API is and how Warden finds its credentials.
 *
 * <p>With nothing but a name, fabric8 discovers the cluster as it does by default: the kubeconfig
 * named by {@code KUBECONFIG} or {@code ~/.kube/config} (its current context), else the in-cluster
 * service account. A kubeconfig path reads that file instead (its credentials and relative
 * certificate paths as {@code kubectl --kubeconfig} would). A master URL alone talks to that URL
 * with no credentials and no discovery (a test server, an authenticating proxy); next to a
 * kubeconfig it replaces the kubeconfig's server, as {@code kubectl --server} does.
 *
 * <p>Nothing here is a credential: they stay in the kubeconfig or the service account.
 *
 * @param name the cluster's name in Warden's configuration, runbooks and the audit log
 * @param kubeconfig the kubeconfig file to read; empty for fabric8's default discovery
 * @param context the kubeconfig context to use; empty for the kubeconfig's current context
 * @param masterUrl the API server's URL ({@code http} or {@code https})
 * @param requestTimeout how long to wait for a connection, and then for each answer
 */
public record ClusterSettings(
    String name,
    Optional<Path> kubeconfig,
    Optional<String> context,
    Optional<URI> masterUrl,
    Duration requestTimeout) {

  public ClusterSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kubeconfig, "kubeconfig");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(masterUrl, "masterUrl");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    name = name.strip();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs a name");
    }
    if (context.isPresent() && context.get().isBlank()) {
      throw new IllegalArgumentException("cluster " + name + ": context is blank");
    }
    if (masterUrl.isPresent()) {
      String scheme = masterUrl.get().getScheme();
      if (scheme == null
          || !(scheme.toLowerCase(Locale.ROOT).equals("http")
              || scheme.toLowerCase(Locale.ROOT).equals("https"))
          || masterUrl.get().getHost() == null) {
        throw new IllegalArgumentException(
            "cluster " + name + ": master-url must be an http(s) URL with a host");
      }
      if (masterUrl.get().getUserInfo() != null) {
        // a URL is logged and shown in errors; a credential in it would travel with it
        throw new IllegalArgumentException(
            "cluster " + name + ": master-url must not carry a user or password");
      }
      if (context.isPresent() && kubeconfig.isEmpty()) {
        throw new IllegalArgumentException(
            "cluster "
                + name
                + ": a context needs a kubeconfig when master-url is set (master-url alone uses no"
                + " kubeconfig)");
      }
    }
    if (requestTimeout.isNegative()
        || requestTimeout.isZero()
        || requestTimeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          "cluster "
              + name
              + ": request timeout must be positive and under 24 days, was "
              + requestTimeout);
    }
  }

  /** A cluster found by fabric8's default discovery. */
  public static ClusterSettings discovered(String name, Duration requestTimeout) {
    return new ClusterSettings(
        name, Optional.empty(), Optional.empty(), Optional.empty(), requestTimeout);
  }
}
