package dev.warden.app.policy;

import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.approval.Directory;
import dev.warden.core.approval.ExpiryScheduler;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.GateListener;
import dev.warden.core.gate.Permit;
import dev.warden.core.policy.FreezeSwitch;
import dev.warden.core.policy.PolicySet;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the one {@link ActionGate}: the current policies, the database freeze switch, approval
 * store and audit log, the expiry timers, every {@link ActionExecutor} bean, the {@link Directory}
 * when an adapter provides one, every {@link GateListener} bean, the clock and Warden's own
 * identities.
 *
 * <p>The gate reads the policies through a {@code Supplier<PolicySet>} bean, by default {@link
 * PolicyRepository#current()}. A test that needs particular policies declares its own
 * {@code @Primary Supplier<PolicySet>} bean.
 *
 * <p>The listeners (the runbook engine) are looked up each time the gate reports, not when it is
 * built: the runbook engine needs the gate, so the gate cannot need the engine.
 */
@Configuration(proxyBeanMethods = false)
class GateConfiguration {

  @Bean
  JdbcFreezeSwitch freezeSwitch(DataSource dataSource) {
    return new JdbcFreezeSwitch(dataSource);
  }

  @Bean
  Supplier<PolicySet> currentPolicies(PolicyRepository repository) {
    return repository::current;
  }

  @Bean
  ActionGate actionGate(
      Supplier<PolicySet> currentPolicies,
      FreezeSwitch freezeSwitch,
      ApprovalStore approvals,
      AuditLog audit,
      ExpiryScheduler expiry,
      ObjectProvider<Directory> directory,
      ObjectProvider<ActionExecutor> executors,
      ObjectProvider<GateListener> listeners,
      Clock clock,
      PolicyProperties properties) {
    return ActionGate.builder()
        .policies(currentPolicies)
        .freezeSwitch(freezeSwitch)
        .approvals(approvals)
        .audit(audit)
        .expiry(expiry)
        .directory(directory.getIfAvailable(() -> Directory.NONE))
        .executors(executors.orderedStream().toList())
        .listener(new Listeners(listeners))
        .clock(clock)
        .wardenIdentities(properties.wardenIdentities())
        .build();
  }

  /**
   * Tells every {@link GateListener} bean, looked up at each call. One listener that throws does
   * not keep the others from hearing it.
   */
  private static final class Listeners implements GateListener {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final ObjectProvider<GateListener> listeners;

    Listeners(ObjectProvider<GateListener> listeners) {
      this.listeners = listeners;
    }

    @Override
    public void executed(Permit permit, Optional<String> requestId, ExecutionResult result) {
      each(listener -> listener.executed(permit, requestId, result));
    }

    @Override
    public void closed(ApprovalRequest request) {
      each(listener -> listener.closed(request));
    }

    @Override
    public void opened(ApprovalRequest request) {
      each(listener -> listener.opened(request));
    }

    @Override
    public void voted(ApprovalRequest request) {
      each(listener -> listener.voted(request));
    }

    private void each(Consumer<GateListener> call) {
      listeners
          .orderedStream()
          .forEach(
              listener -> {
                try {
                  call.accept(listener);
                } catch (RuntimeException e) {
                  log.warn(
                      "gate listener failed listener={} error={}",
                      listener.getClass().getSimpleName(),
                      e.toString());
                }
              });
    }
  }
}
