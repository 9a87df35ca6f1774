package dev.warden.core.runbook.run;

import dev.warden.core.action.Requester;
import dev.warden.core.event.AlertGroupEvent;
import dev.warden.core.inbox.EventHandler;
import dev.warden.core.inbox.ReceivedEvent;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the matching runbooks for the firing alerts of an alert group from the inbox. Each step
 * still goes through the policy: what may not run on its own waits for approval or is only shown.
 *
 * <p>One run per runbook and alert: Alertmanager sends a group again while it fires (every repeat
 * interval, and whenever an alert joins or leaves), and the inbox hands an event over at least
 * once; a runbook is not started again for an alert (the same labels) that it has already been
 * started for since the alert began firing.
 */
public final class AlertRunbooks implements EventHandler {
  private static final Logger log = LoggerFactory.getLogger(AlertRunbooks.class);
  private static final int RECENT_RUNS = 1_000;

  private final RunbookEngine engine;
  private final Supplier<List<Runbook>> runbooks;
  private final RunStore runs;
  private final Function<Map<String, String>, Optional<String>> clusterOf;

  /**
   * @param runbooks the runbooks in force, asked at every event
   * @param clusterOf the cluster an alert's runs act on, from its labels (empty: the default)
   */
  public AlertRunbooks(
      RunbookEngine engine,
      Supplier<List<Runbook>> runbooks,
      RunStore runs,
      Function<Map<String, String>, Optional<String>> clusterOf) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.runbooks = Objects.requireNonNull(runbooks, "runbooks");
    this.runs = Objects.requireNonNull(runs, "runs");
    this.clusterOf = Objects.requireNonNull(clusterOf, "clusterOf");
  }

  @Override
  public void handle(ReceivedEvent event) {
    if (!(event.event() instanceof AlertGroupEvent group)) {
      return;
    }
    List<Runbook> inForce = runbooks.get();
    List<Run> recent = null;
    for (AlertGroupEvent.Alert alert : group.alerts()) {
      if (alert.status() != AlertGroupEvent.Status.FIRING) {
        continue;
      }
      for (Runbook runbook : inForce) {
        if (!runbook.matches(alert.labels())) {
          continue;
        }
        if (recent == null) {
          // read once per event, and only when some runbook matches
          recent = new ArrayList<>(runs.recent(RECENT_RUNS));
        }
        if (!startedFor(recent, runbook, alert)) {
          start(runbook, alert, event.id()).ifPresent(recent::add);
        }
      }
    }
  }

  private Optional<Run> start(Runbook runbook, AlertGroupEvent.Alert alert, long eventId) {
    try {
      Run run =
          engine.start(
              runbook,
              new AlertInput(alert.labels(), alert.annotations()),
              clusterOf.apply(alert.labels()),
              Requester.runbook(runbook.name()),
              Optional.of(String.valueOf(eventId)));
      log.info(
          "runbook started for alert run={} runbook={} alert={} event={}",
          run.id(),
          runbook.name(),
          alert.name(),
          eventId);
      return Optional.of(run);
    } catch (Template.RenderException e) {
      // the runbook matches but needs a label or annotation this alert lacks: nothing to run
      log.warn(
          "runbook not started for alert runbook={} alert={} reason={}",
          runbook.name(),
          alert.name(),
          e.getMessage());
      return Optional.empty();
    }
  }

  /** Whether a run of the runbook for an alert with these labels began since it started firing. */
  private static boolean startedFor(
      List<Run> recent, Runbook runbook, AlertGroupEvent.Alert alert) {
    return recent.stream()
        .anyMatch(
            run ->
                run.runbook().equals(runbook.name())
                    && run.labels().equals(alert.labels())
                    && (!run.createdAt().isBefore(alert.startsAt()) || !run.state().terminal()));
  }
}
