package dev.warden.app.slack;

import java.util.concurrent.Executor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads chat work runs on, kept out of the context as {@link Executor} beans so that they
 * cannot stand in for Spring's or Quartz's own.
 *
 * <ul>
 *   <li>{@link #updates()}: one thread for approval message posts and updates and for run progress,
 *       so that a message's post always comes before its updates, and the gate's and the engine's
 *       threads never wait on Slack;
 *   <li>{@link #commands()}: the slow commands and button clicks, a few threads and a bounded
 *       queue.
 * </ul>
 *
 * At shutdown what is queued is still sent, for at most 10 s: a command's short process that opened
 * an approval request posts its message before it exits.
 */
final class ChatExecutors implements DisposableBean {
  private final ThreadPoolTaskExecutor updates = executor("chat-updates-", 1, 1, Integer.MAX_VALUE);
  private final ThreadPoolTaskExecutor commands = executor("chat-commands-", 2, 4, 64);

  Executor updates() {
    return updates;
  }

  Executor commands() {
    return commands;
  }

  @Override
  public void destroy() {
    commands.shutdown();
    updates.shutdown();
  }

  private static ThreadPoolTaskExecutor executor(String prefix, int core, int max, int queue) {
    ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    executor.setThreadNamePrefix(prefix);
    executor.setDaemon(true);
    executor.setCorePoolSize(core);
    executor.setMaxPoolSize(max);
    executor.setQueueCapacity(queue);
    executor.setWaitForTasksToCompleteOnShutdown(true);
    executor.setAwaitTerminationSeconds(10);
    executor.initialize();
    return executor;
  }
}
