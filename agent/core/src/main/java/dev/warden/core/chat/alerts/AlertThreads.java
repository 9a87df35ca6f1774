package dev.warden.core.chat.alerts;

import dev.warden.core.chat.ChatException;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.ChatSurface;
import dev.warden.core.chat.MessageRef;
import dev.warden.core.chat.alerts.AlertGroupState.RunLine;
import dev.warden.core.event.AlertGroupEvent;
import dev.warden.core.inbox.EventHandler;
import dev.warden.core.inbox.ReceivedEvent;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.run.Run;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat thread per alert group: the first notification of a group posts its root message (the
 * alerts, their labels and annotations redacted, the matching runbooks with a Plan and a Run
 * button, the runs started for it) in the channel its labels route to, with the details as the
 * first reply; every later notification of the group updates that root in place and replies only
 * with what changed. Redeliveries and re-notifications that change nothing post nothing.
 *
 * <p>One root per group, also with several inbox workers or replicas: the root is posted only by
 * whoever {@linkplain AlertThreadStore#claim claims} the thread. Within the process the work on a
 * group is serialised by a lock, so that its messages reach the chat in order; a worker of another
 * replica that finds the thread claimed but its root not yet posted throws {@link
 * AlertThreadBusyException}, and the inbox hands it the event again shortly (waiting instead would
 * hold up that worker's other events, and the root post may take as long as the chat service's
 * retries). A failed root post or update throws too, so that the inbox tries again; a failed reply
 * is logged and skipped.
 *
 * <p>Must run before the handler that starts runbooks for alerts: {@link #runChanged} finds a run's
 * thread through the inbox event the run was started for, which this handler links to the thread.
 */
public final class AlertThreads implements EventHandler {
  private static final Logger log = LoggerFactory.getLogger(AlertThreads.class);

  /** How long a claim without a root holds before another caller may take the thread over. */
  static final Duration CLAIM_LEASE = Duration.ofMinutes(2);

  /** Optimistic updates lost to other replicas in a row before giving up for now. */
  private static final int MAX_CONFLICTS = 10;

  private static final int LOCK_STRIPES = 64;

  private final ChatSurface chat;
  private final AlertThreadStore store;
  private final ChannelRoutes routes;
  private final Supplier<List<Runbook>> runbooks;
  private final Clock clock;
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

  /**
   * @param runbooks the runbooks in force, asked for every message
   */
  public AlertThreads(
      ChatSurface chat,
      AlertThreadStore store,
      ChannelRoutes routes,
      Supplier<List<Runbook>> runbooks,
      Clock clock) {
    this.chat = Objects.requireNonNull(chat, "chat");
    this.store = Objects.requireNonNull(store, "store");
    this.routes = Objects.requireNonNull(routes, "routes");
    this.runbooks = Objects.requireNonNull(runbooks, "runbooks");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /**
   * Posts or updates the thread of an alert group notification; ignores other events.
   *
   * @throws ChatException when the root message could not be posted or updated
   * @throws AlertThreadBusyException when another replica is posting the root right now
   */
  @Override
  public void handle(ReceivedEvent received) {
    if (!(received.event() instanceof AlertGroupEvent event)) {
      return;
    }
    AlertGroupId group = new AlertGroupId(received.source(), event.receiver(), event.groupKey());
    ReentrantLock lock = lockOf(group);
    lock.lock();
    try {
      for (int attempt = 1; !apply(group, event, received); attempt++) {
        if (attempt == MAX_CONFLICTS) {
          throw new AlertThreadBusyException(
              group.hash(), "changed elsewhere " + attempt + " times while handling event");
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * A run was started for the thread's group from chat (its Run button): shows it, and links it to
   * the thread so that {@link #runChanged} finds it. Never throws; a failure is logged.
   */
  public void runStarted(String threadId, Run run) {
    try {
      track(threadId, run);
    } catch (RuntimeException e) {
      log.warn(
          "alert thread not updated for run thread={} run={} error={}",
          threadId,
          run.id(),
          e.toString());
    }
  }

  /**
   * A run changed: if it was started for an alert group with a thread (linked by {@link
   * #runStarted}, or started for the inbox event of one of the group's notifications), the root
   * shows its new state and the thread gets one reply per change of its state. Calls that bring no
   * new state change nothing. Never throws; a failure is logged.
   */
  public void runChanged(Run run) {
    try {
      Optional<String> threadId =
          store.threadOfRun(run.id()).or(() -> run.sourceEvent().flatMap(store::threadOfEvent));
      if (threadId.isEmpty()) {
        log.debug("run belongs to no alert thread run={}", run.id());
        return;
      }
      track(threadId.get(), run);
    } catch (RuntimeException e) {
      log.warn("alert thread not updated for run run={} error={}", run.id(), e.toString());
    }
  }

  /** The firing groups with a root message, oldest first: for {@code /warden alerts}. */
  public List<OpenAlertGroup> open() {
    return store.open().stream()
        .filter(thread -> thread.root().isPresent())
        .map(OpenAlertGroup::of)
        .toList();
  }

  /** The thread with that id (the first part of a Plan or Run button's value), if any. */
  public Optional<AlertThread> find(String threadId) {
    return store.find(threadId);
  }

  /** One try at an event: false when another replica changed the thread first. */
  private boolean apply(AlertGroupId group, AlertGroupEvent event, ReceivedEvent received) {
    Instant receivedAt = received.receivedAt();
    Optional<AlertThread> latest = store.latest(group);
    if (latest.isEmpty() || reopens(latest.get(), event, receivedAt)) {
      int episode = latest.map(thread -> thread.episode() + 1).orElse(1);
      AlertGroupState state = AlertGroupState.EMPTY.merge(event, receivedAt);
      Optional<String> channel = routes.channelFor(routingLabels(state, event));
      if (channel.isEmpty()) {
        log.debug("alert group has no channel group={}", group.hash());
        return true;
      }
      return open(
          new AlertThread(
              group.threadId(episode),
              group,
              episode,
              channel.get(),
              Optional.empty(),
              state,
              0,
              clock.instant()),
          received);
    }
    AlertThread thread = latest.get();
    if (thread.root().isEmpty()) {
      if (!thread.claimedAt().isBefore(clock.instant().minus(CLAIM_LEASE))) {
        throw new AlertThreadBusyException(thread.id(), "its root message is being posted");
      }
      return open(
          new AlertThread(
              thread.id(),
              group,
              thread.episode(),
              thread.channel(),
              Optional.empty(),
              thread.state().merge(event, receivedAt),
              thread.version(),
              clock.instant()),
          received);
    }
    return renotify(thread, event, received);
  }

  /** Whether the notification starts a new episode: its thread is posted and was resolved. */
  private static boolean reopens(AlertThread latest, AlertGroupEvent event, Instant receivedAt) {
    return latest.root().isPresent() && latest.state().reopenedBy(event, receivedAt);
  }

  /** Claims the thread and posts its root and details; false if another caller holds the claim. */
  private boolean open(AlertThread candidate, ReceivedEvent received) {
    ChatMessage root = AlertMessages.root(candidate.id(), candidate.state(), runbooks.get());
    Optional<AlertThread> claimed =
        store.claim(
            candidate.withState(candidate.state().withShown(AlertMessages.digest(root))),
            clock.instant().minus(CLAIM_LEASE));
    if (claimed.isEmpty()) {
      return false;
    }
    AlertThread thread = claimed.get();
    MessageRef ref;
    try {
      ref = chat.post(thread.channel(), null, root);
    } catch (RuntimeException e) {
      release(thread, e);
      throw e;
    }
    if (!store.attach(thread.id(), ref)) {
      // our claim was taken over as stale and the other root recorded: it is the thread's root,
      // brought up to date with the state we stored; ours stays orphaned
      log.warn(
          "alert thread root posted twice thread={} channel={} ts={}",
          thread.id(),
          ref.channel(),
          ref.ts());
      refreshRoot(store.find(thread.id()).orElseThrow(), true);
      store.linkEvent(thread.id(), String.valueOf(received.id()));
      return true;
    }
    log.info(
        "alert thread opened thread={} episode={} channel={} status={} firing={} resolved={} event={}",
        thread.id(),
        thread.episode(),
        thread.channel(),
        thread.state().status(),
        thread.state().firing().size(),
        thread.state().resolved().size(),
        received.id());
    reply(thread.id(), ref, AlertMessages.details(thread.state()));
    store.linkEvent(thread.id(), String.valueOf(received.id()));
    return true;
  }

  /** Merges a notification into a posted thread; false if another replica changed it first. */
  private boolean renotify(AlertThread thread, AlertGroupEvent event, ReceivedEvent received) {
    AlertGroupState before = thread.state();
    AlertGroupState after = before.merge(event, received.receivedAt());
    AlertThread current = thread;
    if (!after.equals(before)) {
      if (!store.update(thread.id(), thread.version(), after)) {
        return false;
      }
      current = thread.updated(after);
      Optional<ChatMessage> changes = AlertMessages.changes(before, after);
      if (changes.isPresent()) {
        log.info(
            "alert thread changed thread={} status={} firing={} resolved={} event={}",
            thread.id(),
            after.status(),
            after.firing().size(),
            after.resolved().size(),
            received.id());
        reply(thread.id(), thread.root().orElseThrow(), changes.get());
      }
    }
    refreshRoot(current, false);
    store.linkEvent(thread.id(), String.valueOf(received.id()));
    return true;
  }

  /** Shows a run's new state in its thread, once per state. */
  private void track(String threadId, Run run) {
    Optional<AlertThread> found = store.find(threadId);
    if (found.isEmpty()) {
      log.debug("run's alert thread is gone thread={} run={}", threadId, run.id());
      return;
    }
    ReentrantLock lock = lockOf(found.get().group());
    lock.lock();
    try {
      RunLine line = RunLine.of(run);
      for (int attempt = 1; attempt <= MAX_CONFLICTS; attempt++) {
        AlertThread thread = store.find(threadId).orElseThrow();
        AlertGroupState before = thread.state();
        AlertGroupState after = before.withRun(line);
        if (after.equals(before)) {
          return;
        }
        if (before.run(run.id()).isEmpty()) {
          store.linkRun(threadId, run.id());
        }
        if (!store.update(threadId, thread.version(), after)) {
          continue;
        }
        log.info(
            "alert thread run changed thread={} run={} state={}",
            threadId,
            run.id(),
            run.state().wireName());
        if (thread.root().isPresent()) {
          reply(threadId, thread.root().get(), AlertMessages.run(line));
          try {
            refreshRoot(thread.updated(after), false);
          } catch (ChatException e) {
            log.warn(
                "alert thread root not updated thread={} method={} error={}",
                threadId,
                e.method(),
                e.error());
          }
        }
        return;
      }
      log.warn("alert thread changed elsewhere too often thread={} run={}", threadId, run.id());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Updates the root message unless it shows the thread's state already (or {@code force}). When
   * another replica changed the thread meanwhile, updates it again with the newer state, since the
   * two updates may have reached the chat in either order.
   *
   * @throws ChatException when the update fails (the next attempt finds the root out of date)
   */
  private void refreshRoot(AlertThread thread, boolean force) {
    AlertThread current = thread;
    boolean again = force;
    for (int attempt = 1; attempt <= MAX_CONFLICTS; attempt++) {
      ChatMessage root = AlertMessages.root(current.id(), current.state(), runbooks.get());
      String digest = AlertMessages.digest(root);
      if (!again && digest.equals(current.state().shown())) {
        return;
      }
      chat.update(current.root().orElseThrow(), root);
      if (store.update(current.id(), current.version(), current.state().withShown(digest))) {
        return;
      }
      current = store.find(current.id()).orElseThrow();
      again = true;
    }
    log.warn("alert thread root may be out of date thread={}", thread.id());
  }

  private void reply(String threadId, MessageRef root, ChatMessage message) {
    try {
      chat.post(root.channel(), root, message);
    } catch (ChatException e) {
      log.warn(
          "alert thread reply failed thread={} method={} error={}",
          threadId,
          e.method(),
          e.error());
    }
  }

  /** Gives the claim up after a failed root post, so that the retry takes the thread at once. */
  private void release(AlertThread thread, RuntimeException failure) {
    try {
      store.release(thread.id(), thread.claimedAt());
    } catch (RuntimeException e) {
      // the claim runs out after the lease instead
      failure.addSuppressed(e);
    }
  }

  /** The labels a group is routed by: those all its alerts share, and the grouping labels. */
  private static Map<String, String> routingLabels(AlertGroupState state, AlertGroupEvent event) {
    Map<String, String> labels = new TreeMap<>(state.commonLabels());
    labels.putAll(event.groupLabels());
    return labels;
  }

  private ReentrantLock lockOf(AlertGroupId group) {
    return locks[Math.floorMod(group.hash().hashCode(), LOCK_STRIPES)];
  }
}
