package dev.warden.core.kubernetes;

/** The Kubernetes API refused or failed a call; the message never carries a credential. */
public final class ClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * @param status the HTTP status of the API's answer, or 0 when there was none (no connection)
   */
  public ClusterException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
