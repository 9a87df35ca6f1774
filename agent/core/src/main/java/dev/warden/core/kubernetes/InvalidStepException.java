package dev.warden.core.kubernetes;

/**
 * A {@code kubernetes.*} action whose parameters cannot be carried out as given (a missing name, a
 * refused kind, a target that disagrees with the parameters). The executor turns it into a failed
 * result before anything is sent to a cluster.
 */
final class InvalidStepException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InvalidStepException(String message) {
    super(message);
  }
}
