package dev.warden.app.policy;

import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.approval.Directory;
import dev.warden.core.approval.ExpiryScheduler;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.policy.FreezeSwitch;
import dev.warden.core.policy.PolicySet;
import java.time.Clock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the one {@link ActionGate}: the current policies, the database freeze switch, approval
 * store and audit log, the expiry timers, every {@link ActionExecutor} bean, the {@link Directory}
 * when an adapter provides one, the clock and Warden's own identities.
 *
 * <p>The gate reads the policies through a {@code Supplier<PolicySet>} bean, by default {@link
 * PolicyRepository#current()}. A test that needs particular policies declares its own
 * {@code @Primary Supplier<PolicySet>} bean.
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
        .clock(clock)
        .wardenIdentities(properties.wardenIdentities())
        .build();
  }
}
