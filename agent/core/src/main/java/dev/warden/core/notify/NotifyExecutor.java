package dev.warden.core.notify;

import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.Permit;
import dev.warden.core.redact.Redactor;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs {@code notify} actions: parameter {@code text}, redacted, handed to the {@link Notifier};
 * parameter {@code run} names the run it belongs to. Output {@code text} is what was sent.
 */
public final class NotifyExecutor implements ActionExecutor {
  private final Notifier notifier;
  private final Redactor redactor;

  public NotifyExecutor(Notifier notifier, Redactor redactor) {
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
  }

  @Override
  public Set<String> kinds() {
    return Set.of("notify");
  }

  @Override
  public ExecutionResult execute(Permit permit) {
    Object text = permit.action().parameters().get("text");
    if (!(text instanceof String message) || message.isBlank()) {
      return ExecutionResult.failed("notify needs a text");
    }
    String redacted = redactor.redact(message).text();
    String runId = String.valueOf(permit.action().parameters().getOrDefault("run", ""));
    String where = notifier.notify(redacted, runId);
    return ExecutionResult.succeeded("notified " + where, Map.of("text", redacted));
  }
}
