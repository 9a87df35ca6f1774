package dev.warden.core.chat;

/**
 * A chat service refused a call or could not be reached. Carries the method and the service's error
 * code ({@code invalid_auth}, {@code not_in_channel}, {@code ratelimited}, or {@code io_error});
 * never a token.
 */
public final class ChatException extends RuntimeException {
  private final String method;
  private final String error;

  public ChatException(String method, String error, String detail, Throwable cause) {
    super(
        method
            + " failed: "
            + error
            + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"),
        cause);
    this.method = method;
    this.error = error;
  }

  /** The API method that failed, e.g. {@code chat.postMessage}. */
  public String method() {
    return method;
  }

  /** The service's error code, e.g. {@code invalid_auth}. */
  public String error() {
    return error;
  }
}
