/**
 * The runbook feature of the application: the runbooks in force ({@link
 * dev.warden.app.runbook.RunbookRepository}, {@code warden.runbooks.*}, the {@code runbooks} health
 * component), runs in the database ({@link dev.warden.app.runbook.JdbcRunStore}), their durable
 * timers as Quartz jobs ({@link dev.warden.app.runbook.QuartzRunScheduler}), and the wiring of the
 * core's {@link dev.warden.core.runbook.run.RunbookEngine} with the {@code wait.until} and {@code
 * notify} executors. Implements the core's {@code runbook.run} ports; uses the core's {@code
 * runbook}, {@code gate}, {@code approval}, {@code audit}, {@code policy}, {@code wait}, {@code
 * notify} and {@code redact}, Quartz and Spring JDBC, and nothing else of the application.
 */
package dev.warden.app.runbook;
