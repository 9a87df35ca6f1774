package dev.warden.app.cli;

/** Input a command cannot use (a missing file, a runbook with errors); the message says why. */
final class CliInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliInputException(String message) {
    super(message);
  }
}
