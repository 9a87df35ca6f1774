package dev.warden.core.action;

/** An action's JSON is not the documented shape; the message names the JSON path. */
public class ActionFormatException extends RuntimeException {
  public ActionFormatException(String message) {
    super(message);
  }
}
