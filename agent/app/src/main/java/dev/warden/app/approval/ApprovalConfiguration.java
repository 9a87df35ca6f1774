package dev.warden.app.approval;

import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires the database approval store and the Quartz expiry timers. */
@Configuration(proxyBeanMethods = false)
class ApprovalConfiguration {

  @Bean
  JdbcApprovalStore approvalStore(DataSource dataSource) {
    return new JdbcApprovalStore(dataSource);
  }

  @Bean
  QuartzExpiryScheduler expiryScheduler(
      Scheduler scheduler, PlatformTransactionManager transactionManager) {
    return new QuartzExpiryScheduler(scheduler, transactionManager);
  }
}
