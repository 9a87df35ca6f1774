package dev.warden.core.chat.alerts;

import dev.warden.core.chat.MessageRef;
import dev.warden.core.chat.alerts.AlertGroupState.TrackedAlert;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A firing alert group and where its thread is: what {@code /warden alerts} lists.
 *
 * @param threadId the thread's id
 * @param root the thread's root message
 * @param alertNames the distinct {@code alertname}s of its firing alerts, sorted; label values,
 *     untrusted: redact and escape before showing them
 * @param firing how many of its alerts fire
 * @param resolved how many resolved
 * @param since when its earliest firing alert started
 */
public record OpenAlertGroup(
    String threadId,
    MessageRef root,
    List<String> alertNames,
    int firing,
    int resolved,
    Instant since) {
  public OpenAlertGroup {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(root, "root");
    alertNames = List.copyOf(alertNames);
    Objects.requireNonNull(since, "since");
  }

  /** The open group of a thread that has a root message and fires. */
  static OpenAlertGroup of(AlertThread thread) {
    AlertGroupState state = thread.state();
    List<TrackedAlert> firing = state.firing();
    return new OpenAlertGroup(
        thread.id(),
        thread.root().orElseThrow(),
        firing.stream().map(TrackedAlert::alertName).distinct().sorted().toList(),
        firing.size(),
        state.resolved().size(),
        state.since().orElse(state.lastNotified()));
  }
}
