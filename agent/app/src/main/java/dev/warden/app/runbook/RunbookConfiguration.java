package dev.warden.app.runbook;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.inbox.EventHandler;
import dev.warden.core.notify.Notifier;
import dev.warden.core.notify.NotifyExecutor;
import dev.warden.core.policy.FreezeSwitch;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.redact.Redactor;
import dev.warden.core.runbook.run.AlertRunbooks;
import dev.warden.core.runbook.run.ObservedRunStore;
import dev.warden.core.runbook.run.Run;
import dev.warden.core.runbook.run.RunStore;
import dev.warden.core.runbook.run.RunbookEngine;
import dev.warden.core.wait.Probe;
import dev.warden.core.wait.WaitExecutor;
import dev.warden.core.wait.Waits;
import dev.warden.integrations.kubernetes.KubernetesClusters;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the {@link RunbookEngine}: the runs in the database, their timers in Quartz, the runbooks
 * in force, the gate with its policies, freeze switch, approval store and audit log (the same beans
 * the gate uses), every {@link ActionExecutor} bean (which reconcile steps cut off by a crash), the
 * {@link Probe} beans that {@code wait.until} steps check, and the equivalent command of an action
 * for people when a bean provides one ({@code Function<ProposedAction, Optional<String>>}).
 *
 * <p>Also the executors of the two step kinds that need no outside system: {@code wait.until} and
 * {@code notify}, which goes to the {@link Notifier} bean when a chat surface provides one and to
 * the log otherwise. The engine hears the gate's outcomes as a {@code GateListener} bean, which the
 * gate looks up when it calls, not when it is built (the engine needs the gate).
 */
@Configuration(proxyBeanMethods = false)
class RunbookConfiguration {

  @Bean
  JdbcRunStore runStore(DataSource dataSource) {
    return new JdbcRunStore(dataSource);
  }

  @Bean
  QuartzRunScheduler runScheduler(
      Scheduler scheduler, PlatformTransactionManager transactionManager) {
    return new QuartzRunScheduler(scheduler, transactionManager);
  }

  @Bean
  Waits waits(ObjectProvider<Probe> probes) {
    return new Waits(probes.orderedStream().toList());
  }

  @Bean
  WaitExecutor waitExecutor(Waits waits) {
    return new WaitExecutor(waits);
  }

  @Bean
  NotifyExecutor notifyExecutor(
      ObjectProvider<Notifier> notifier, ObjectProvider<Redactor> redactor) {
    return new NotifyExecutor(
        notifier.getIfAvailable(LogNotifier::new), redactor.getIfAvailable(Redactor::standard));
  }

  @Bean
  RunbookEngine runbookEngine(
      ActionGate gate,
      ApprovalStore approvals,
      JdbcRunStore runs,
      QuartzRunScheduler scheduler,
      AuditLog audit,
      RunbookRepository runbooks,
      Supplier<PolicySet> currentPolicies,
      FreezeSwitch freezeSwitch,
      ObjectProvider<ActionExecutor> executors,
      Waits waits,
      ObjectProvider<Function<ProposedAction, Optional<String>>> commands,
      ObjectProvider<Consumer<Run>> runObservers,
      Clock clock,
      RunbookProperties properties) {
    List<Consumer<Run>> observers = runObservers.orderedStream().toList();
    RunStore observed =
        observers.isEmpty()
            ? runs
            : new ObservedRunStore(
                runs, run -> observers.forEach(observer -> observer.accept(run)));
    return RunbookEngine.builder()
        .gate(gate)
        .approvals(approvals)
        .runs(observed)
        .scheduler(scheduler)
        .audit(audit)
        .runbooks(runbooks::find)
        .policies(currentPolicies, freezeSwitch)
        .executors(executors.orderedStream().toList())
        .waits(waits)
        .commands(commands.getIfAvailable(() -> action -> Optional.empty()))
        .clock(clock)
        .waitInterval(properties.waitInterval())
        .inFlightGrace(properties.inFlightGrace())
        .build();
  }

  /**
   * Starts the matching runbooks for firing alerts from the inbox (unless {@code
   * warden.runbooks.start-on-alert} is off), on the cluster an alert's {@code cluster} label names
   * when that cluster is configured, else on the default one.
   */
  @Bean
  EventHandler alertRunbooks(
      RunbookEngine engine,
      RunbookRepository runbooks,
      JdbcRunStore runs,
      KubernetesClusters clusters,
      RunbookProperties properties) {
    if (!properties.startOnAlert()) {
      return event -> {};
    }
    return new AlertRunbooks(
        engine,
        runbooks::all,
        runs,
        labels ->
            Optional.ofNullable(labels.get("cluster"))
                .filter(name -> clusters.cluster(name).isPresent()));
  }
}
