package dev.warden.integrations.kubernetes;

/** Kubeconfig files as {@code kubectl config view --raw} writes them, for tests. */
final class Kubeconfigs {
  private Kubeconfigs() {}

  /** One cluster, one user authenticating with a bearer token, one context, current. */
  static String singleContext(String context, String server, String user, String token) {
    return """
        apiVersion: v1
        kind: Config
        preferences: {}
        clusters:
          - name: %1$s
            cluster:
              server: %2$s
        users:
          - name: %3$s
            user:
              token: %4$s
        contexts:
          - name: %1$s
            context:
              cluster: %1$s
              user: %3$s
              namespace: shop
        current-context: %1$s
        """
        .formatted(context, server, user, token);
  }

  /**
   * Two contexts: {@code prod} (current) at {@code prodServer} and {@code staging} at {@code
   * stagingServer}, each with its own user and token.
   */
  static String prodAndStaging(
      String prodServer, String prodToken, String stagingServer, String stagingToken) {
    return """
        apiVersion: v1
        kind: Config
        preferences: {}
        clusters:
          - name: prod
            cluster:
              server: %1$s
          - name: staging
            cluster:
              server: %3$s
        users:
          - name: warden-prod
            user:
              token: %2$s
          - name: warden-staging
            user:
              token: %4$s
        contexts:
          - name: prod
            context:
              cluster: prod
              user: warden-prod
              namespace: shop
          - name: staging
            context:
              cluster: staging
              user: warden-staging
              namespace: shop
        current-context: prod
        """
        .formatted(prodServer, prodToken, stagingServer, stagingToken);
  }
}
