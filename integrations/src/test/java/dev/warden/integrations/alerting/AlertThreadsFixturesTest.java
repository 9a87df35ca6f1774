package dev.warden.integrations.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.chat.Block;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.MessageRef;
import dev.warden.core.chat.alerts.AlertThread;
import dev.warden.core.chat.alerts.AlertThreads;
import dev.warden.core.chat.alerts.ChannelRoutes;
import dev.warden.core.chat.alerts.ChannelRoutes.Route;
import dev.warden.core.event.AlertGroupEvent;
import dev.warden.core.event.AlertGroupEvent.Alert;
import dev.warden.core.event.AlertGroupEvent.Status;
import dev.warden.core.event.Source;
import dev.warden.core.inbox.ReceivedEvent;
import dev.warden.core.intake.Decoded;
import dev.warden.core.intake.Delivery;
import dev.warden.core.intake.Headers;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.RunbookLoader;
import dev.warden.core.testing.FlakyChatSurface;
import dev.warden.core.testing.InMemoryAlertThreadStore;
import dev.warden.core.testing.MutableClock;
import dev.warden.core.testing.RecordingChatSurface;
import dev.warden.core.testing.RecordingChatSurface.Call;
import dev.warden.core.testing.RecordingChatSurface.Method;
import dev.warden.core.testing.SharedFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Alert threads fed with the real Alertmanager notifications of {@code fixtures/alertmanager},
 * decoded by the real decoder: one root per group, updated in place; and a storm of many groups
 * built from them, each notification handed over several times, from several threads at once.
 */
class AlertThreadsFixturesTest {
  private static final Instant T0 = Instant.parse("2026-11-27T04:43:00Z");
  private static final int STORM_COPIES = 8;
  private static final int DELIVERIES = 5;
  private static final int WORKERS = 8;

  private final AlertmanagerWebhookSource source =
      new AlertmanagerWebhookSource(new AlertingProperties("token", null, null, null));
  private final MutableClock clock = new MutableClock(T0);
  private final RecordingChatSurface recorded = new RecordingChatSurface();
  private final FlakyChatSurface chat = new FlakyChatSurface(recorded);
  private final InMemoryAlertThreadStore store = new InMemoryAlertThreadStore();
  private final ChannelRoutes routes =
      new ChannelRoutes(
          "#alerts",
          List.of(
              new Route("#payments", Map.of("team", "payments", "severity", "~critical|page"))));
  private final List<Runbook> runbooks = shippedRunbooks();
  private final AlertThreads threads = new AlertThreads(chat, store, routes, () -> runbooks, clock);
  private final ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
  private long nextId;

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  @Test
  void eachGroupOfTheCapturesGetsExactlyOneRootUpdatedAsItsAlertsResolve() {
    List<ReceivedEvent> events = capturesInOrder();

    events.forEach(threads::handle);

    assertThat(recorded.roots()).hasSize(7);
    assertThat(store.all()).hasSize(7).allSatisfy(thread -> assertThat(thread.root()).isPresent());
    MessageRef disks = rootOf("NodeFilesystemSpaceFillingUp");
    assertThat(recorded.current(disks).orElseThrow().text())
        .isEqualTo("RESOLVED: NodeFilesystemSpaceFillingUp (0 firing, 4 resolved)");
    assertThat(recorded.replies(disks))
        .extracting(call -> call.message().text())
        .containsExactly(
            "The alerts of this group, with their labels and annotations",
            "2 alerts resolved.",
            "2 alerts resolved. The group is resolved.");
    MessageRef crashLoop = rootOf("KubePodCrashLooping");
    assertThat(recorded.current(crashLoop).orElseThrow().text())
        .isEqualTo("RESOLVED: KubePodCrashLooping (0 firing, 1 resolved)");
    assertThat(recorded.calls(Method.UPDATE)).hasSize(3);
    assertThat(threads.open()).hasSize(5);
  }

  @Test
  void handingEveryNotificationOverAgainPostsAndUpdatesNothing() {
    List<ReceivedEvent> events = capturesInOrder();
    events.forEach(threads::handle);
    int calls = recorded.calls().size();

    events.forEach(threads::handle);

    assertThat(recorded.calls()).hasSize(calls);
  }

  @Test
  void alertsJoiningAGroupUpdateItsRootAndGetOneReply() {
    AlertGroupEvent grouped = decode("03-grouped-firing.json");
    threads.handle(received(withAlerts(grouped, grouped.alerts().subList(0, 2)), T0));

    threads.handle(received(grouped, T0.plusSeconds(30)));

    assertThat(recorded.roots()).hasSize(1);
    MessageRef root = recorded.roots().get(0).ref();
    assertThat(recorded.current(root).orElseThrow().text())
        .isEqualTo("FIRING: NodeFilesystemSpaceFillingUp (4 firing, 0 resolved)");
    assertThat(recorded.replies(root)).hasSize(2);
    assertThat(text(recorded.replies(root).get(1).message())).startsWith("*2 alerts joined*");
  }

  @Test
  void theRoutesPickTheChannelByLabelsAndSecretsInAnnotationsStayOut() {
    capturesInOrder().forEach(threads::handle);

    Map<String, String> channels =
        recorded.roots().stream()
            .collect(
                Collectors.toMap(
                    call -> call.message().text().replaceAll("^\\w+: (\\S+) .*$", "$1"),
                    call -> call.ref().channel()));
    assertThat(channels)
        .containsEntry("PaymentsAPIHighLatency", "#payments")
        .containsEntry("HighErrorRate", "#alerts")
        .containsEntry("KubePodCrashLooping", "#alerts");
    String everything =
        recorded.calls().stream()
            .map(call -> call.message().text() + "\n" + text(call.message()))
            .collect(Collectors.joining("\n"));
    // the password of the DSN in 07's description
    assertThat(everything)
        .doesNotContain("Qm9ua2V5LUZBS0UtcGFzcw")
        .contains("postgres://payments_app:[REDACTED:")
        .contains("東京")
        .contains("José Müller-Øster");
  }

  @Test
  void aStormOfGroupsEachHandedOverSeveralTimesConcurrentlyGivesOneRootPerGroup() throws Exception {
    List<List<ReceivedEvent>> groups = storm();
    List<ReceivedEvent> deliveries = deliveries(groups);
    chat.failRootPosts(7).failUpdates(5).failReplies(3);

    AtomicInteger retries = handleConcurrently(deliveries, List.of(threads));

    assertOneRootPerGroupShowingItsLastState(groups);
    assertThat(retries.get()).as("failed chat calls retried").isGreaterThanOrEqualTo(12);
  }

  @Test
  void aStormHandledByTwoReplicasOnOneStoreGivesOneRootPerGroup() throws Exception {
    List<List<ReceivedEvent>> groups = storm();
    AlertThreads other = new AlertThreads(chat, store, routes, () -> runbooks, clock);

    handleConcurrently(deliveries(groups), List.of(threads, other));

    assertOneRootPerGroupShowingItsLastState(groups);
  }

  // --- the storm

  /**
   * Copies of every captured group, each under its own group key and with a {@code shard} label:
   * the notifications of each group in the order Alertmanager sent them (the grouped one preceded
   * by a notification of half its alerts, so that alerts join), each arriving a minute after the
   * one before.
   */
  private List<List<ReceivedEvent>> storm() {
    Map<String, List<AlertGroupEvent>> captured = new LinkedHashMap<>();
    for (String file : captureFiles()) {
      AlertGroupEvent event = decode(file);
      captured.computeIfAbsent(event.groupKey(), key -> new ArrayList<>()).add(event);
    }
    List<AlertGroupEvent> grouped = captured.get(decode("03-grouped-firing.json").groupKey());
    grouped.add(0, withAlerts(grouped.get(0), grouped.get(0).alerts().subList(0, 2)));
    List<List<ReceivedEvent>> groups = new ArrayList<>();
    for (int copy = 0; copy < STORM_COPIES; copy++) {
      for (List<AlertGroupEvent> notifications : captured.values()) {
        List<ReceivedEvent> group = new ArrayList<>();
        Instant at = T0.plusSeconds(groups.size());
        for (AlertGroupEvent notification : notifications) {
          group.add(received(sharded(notification, copy), at));
          at = at.plus(Duration.ofMinutes(1));
        }
        groups.add(group);
      }
    }
    assertThat(groups).hasSizeGreaterThanOrEqualTo(50);
    return groups;
  }

  /**
   * Every notification of every group {@link #DELIVERIES} times in a row (so that the workers take
   * the copies of one notification at the same moment), the notifications shuffled across groups
   * and within each group (so that newer ones often come first).
   */
  private static List<ReceivedEvent> deliveries(List<List<ReceivedEvent>> groups) {
    List<ReceivedEvent> notifications = new ArrayList<>();
    groups.forEach(notifications::addAll);
    Collections.shuffle(notifications, new Random(7));
    List<ReceivedEvent> all = new ArrayList<>();
    for (ReceivedEvent event : notifications) {
      for (int i = 0; i < DELIVERIES; i++) {
        all.add(event);
      }
    }
    return all;
  }

  /**
   * Hands the deliveries to the handlers from {@link #WORKERS} threads released together; one that
   * throws goes to the back of the queue, to be handed over again later, as the inbox does.
   *
   * @return how many attempts threw
   */
  private AtomicInteger handleConcurrently(
      List<ReceivedEvent> deliveries, List<AlertThreads> replicas) throws Exception {
    var queue = new ConcurrentLinkedQueue<>(deliveries);
    var retries = new AtomicInteger();
    var start = new CountDownLatch(1);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      AlertThreads handler = replicas.get(w % replicas.size());
      workers.add(
          pool.submit(
              () -> {
                start.await();
                for (ReceivedEvent event = queue.poll(); event != null; event = queue.poll()) {
                  try {
                    handler.handle(event);
                  } catch (RuntimeException e) {
                    // like the inbox: handed over again later
                    retries.incrementAndGet();
                    queue.add(event);
                  }
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> worker : workers) {
      worker.get(2, TimeUnit.MINUTES);
    }
    return retries;
  }

  private void assertOneRootPerGroupShowingItsLastState(List<List<ReceivedEvent>> groups) {
    assertThat(store.all()).hasSize(groups.size());
    assertThat(recorded.roots()).hasSize(groups.size());
    assertThat(recorded.roots().stream().map(Call::ref).distinct()).hasSize(groups.size());
    for (List<ReceivedEvent> group : groups) {
      AlertGroupEvent last = (AlertGroupEvent) group.get(group.size() - 1).event();
      AlertThread thread =
          store.all().stream()
              .filter(t -> t.group().groupKey().equals(last.groupKey()))
              .collect(
                  Collectors.collectingAndThen(
                      Collectors.toList(),
                      list -> {
                        assertThat(list).as("threads of %s", last.groupKey()).hasSize(1);
                        return list.get(0);
                      }));
      long firing = last.firingCount();
      String expected =
          (firing > 0 ? "FIRING: " : "RESOLVED: ")
              + last.alerts().get(0).name()
              + " ("
              + firing
              + " firing, "
              + (last.alerts().size() - firing)
              + " resolved)";
      MessageRef root = thread.root().orElseThrow();
      assertThat(recorded.current(root).orElseThrow().text())
          .as(last.groupKey())
          .isEqualTo(expected);
      assertThat(thread.state().status()).isEqualTo(last.status());
      assertThat(
              recorded.replies(root).stream()
                  .filter(call -> call.message().text().startsWith("The alerts of this group")))
          .as("details replies of %s", last.groupKey())
          .hasSizeLessThanOrEqualTo(1);
    }
  }

  // --- fixtures

  private List<ReceivedEvent> capturesInOrder() {
    List<ReceivedEvent> events = new ArrayList<>();
    Instant at = T0;
    for (String file : captureFiles()) {
      events.add(received(decode(file), at));
      at = at.plusSeconds(5);
    }
    return events;
  }

  private static List<String> captureFiles() {
    JsonNode index = SharedFixtures.json("alertmanager/index.json");
    return index.path("captures").valueStream().map(c -> c.path("file").asString()).toList();
  }

  private AlertGroupEvent decode(String file) {
    byte[] body = SharedFixtures.bytes("alertmanager/" + file);
    var delivered =
        (Decoded.Delivered)
            source.decode(new Delivery(Source.ALERTMANAGER, Headers.of(Map.of()), body));
    return (AlertGroupEvent) delivered.event();
  }

  private ReceivedEvent received(AlertGroupEvent event, Instant at) {
    return new ReceivedEvent(++nextId, Source.ALERTMANAGER, "dedup-" + nextId, event, 1, at);
  }

  private static AlertGroupEvent withAlerts(AlertGroupEvent event, List<Alert> alerts) {
    return new AlertGroupEvent(
        event.receiver(),
        event.groupKey(),
        alerts.stream().anyMatch(a -> a.status() == Status.FIRING)
            ? Status.FIRING
            : Status.RESOLVED,
        alerts,
        event.groupLabels(),
        event.commonLabels(),
        event.commonAnnotations(),
        event.externalUrl(),
        event.truncatedAlerts());
  }

  /** The notification of copy {@code n} of its group: its own key and a {@code shard} label. */
  private static AlertGroupEvent sharded(AlertGroupEvent event, int n) {
    List<Alert> alerts =
        event.alerts().stream()
            .map(
                alert -> {
                  Map<String, String> labels = new LinkedHashMap<>(alert.labels());
                  labels.put("shard", String.valueOf(n));
                  return new Alert(
                      alert.fingerprint() + "-" + n,
                      alert.status(),
                      labels,
                      alert.annotations(),
                      alert.startsAt(),
                      alert.endsAt(),
                      alert.generatorUrl());
                })
            .toList();
    return new AlertGroupEvent(
        event.receiver(),
        event.groupKey() + "/shard-" + n,
        event.status(),
        alerts,
        event.groupLabels(),
        event.commonLabels(),
        event.commonAnnotations(),
        event.externalUrl(),
        event.truncatedAlerts());
  }

  private MessageRef rootOf(String alertName) {
    return recorded.roots().stream()
        .filter(call -> call.message().text().contains(": " + alertName + " ("))
        .map(Call::ref)
        .findFirst()
        .orElseThrow();
  }

  private static List<Runbook> shippedRunbooks() {
    Path dir = Path.of(System.getProperty("warden.repository.root", "..")).resolve("runbooks");
    RunbookLoader.Loaded loaded = RunbookLoader.load(List.of(dir));
    assertThat(loaded.problems()).isEmpty();
    return loaded.runbooks().orElseThrow();
  }

  private static String text(ChatMessage message) {
    return message.blocks().stream()
        .flatMap(
            block ->
                block instanceof Block.Section section
                    ? Stream.of(section.text())
                    : block instanceof Block.Context context
                        ? Stream.of(context.text())
                        : Stream.empty())
        .collect(Collectors.joining("\n"));
  }
}
