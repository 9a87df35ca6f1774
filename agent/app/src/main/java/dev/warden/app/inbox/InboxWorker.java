package dev.warden.app.inbox;

import dev.warden.core.inbox.InboxProcessor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Drains the inbox on one background thread: shortly after an event is accepted ({@link #wake()}),
 * and every poll interval for retries that came due and claims whose worker died. One thread keeps
 * events in arrival order; drains never overlap.
 */
public class InboxWorker implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);

  private final InboxProcessor processor;
  private final InboxProperties properties;
  private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
  private final AtomicBoolean wakeQueued = new AtomicBoolean();
  private volatile boolean running;

  public InboxWorker(InboxProcessor processor, InboxProperties properties) {
    this.processor = processor;
    this.properties = properties;
    scheduler.setPoolSize(1);
    scheduler.setThreadNamePrefix("inbox-worker-");
    scheduler.setWaitForTasksToCompleteOnShutdown(true);
    scheduler.setAwaitTerminationSeconds(30);
  }

  /**
   * Asks for a drain after {@code warden.inbox.wake-delay}; calls while one is queued are folded
   * into it, so that events arriving close together are claimed and marked done as one batch.
   */
  public void wake() {
    if (running && wakeQueued.compareAndSet(false, true)) {
      scheduler.schedule(
          () -> {
            wakeQueued.set(false);
            drain();
          },
          scheduler.getClock().instant().plus(properties.wakeDelay()));
    }
  }

  private void drain() {
    try {
      while (processor.processDue(properties.batchSize()) > 0) {
        // keep going while there is work
      }
    } catch (RuntimeException e) {
      // e.g. the database is unreachable: nothing is lost, the next poll tries again
      log.error("inbox drain failed error=\"{}\"", e.toString());
    }
  }

  @Override
  public void start() {
    scheduler.initialize();
    running = true;
    scheduler.scheduleWithFixedDelay(this::drain, properties.pollInterval());
  }

  @Override
  public void stop() {
    running = false;
    scheduler.shutdown();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
