package dev.warden.core.chat.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.action.Requester;
import dev.warden.core.chat.Block;
import dev.warden.core.chat.ChatActions;
import dev.warden.core.chat.ChatException;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.MessageRef;
import dev.warden.core.chat.alerts.ChannelRoutes.Route;
import dev.warden.core.event.AlertGroupEvent;
import dev.warden.core.event.AlertGroupEvent.Alert;
import dev.warden.core.event.AlertGroupEvent.Status;
import dev.warden.core.event.OtherEvent;
import dev.warden.core.event.Source;
import dev.warden.core.inbox.ReceivedEvent;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.RunbookLoader;
import dev.warden.core.runbook.run.Run;
import dev.warden.core.runbook.run.RunState;
import dev.warden.core.testing.FlakyChatSurface;
import dev.warden.core.testing.InMemoryAlertThreadStore;
import dev.warden.core.testing.MutableClock;
import dev.warden.core.testing.RecordingChatSurface;
import dev.warden.core.testing.RecordingChatSurface.Call;
import dev.warden.core.testing.RecordingChatSurface.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AlertThreadsTest {
  private static final Instant T0 = Instant.parse("2026-11-27T04:43:35Z");
  private static final String GROUP_KEY =
      "{}:{alertname=\"KubePodCrashLooping\", namespace=\"checkout\"}";
  private static final List<Runbook> RUNBOOKS =
      List.of(
          runbook(
              "crashloop-restart",
              "A pod is crash-looping; restart its deployment",
              "alertname: KubePodCrashLooping"),
          runbook("pod-logs", "Read the pod's logs", "namespace: { glob: \"check*\" }"),
          runbook("disk-cleanup", "Not for pods", "alertname: NodeFilesystemSpaceFillingUp"));

  private final MutableClock clock = new MutableClock(T0);
  private final RecordingChatSurface recorded = new RecordingChatSurface();
  private final FlakyChatSurface chat = new FlakyChatSurface(recorded);
  private final InMemoryAlertThreadStore store = new InMemoryAlertThreadStore();
  private final AtomicLong eventIds = new AtomicLong();
  private final AlertThreads threads =
      new AlertThreads(
          chat,
          store,
          new ChannelRoutes("#alerts", List.of(new Route("#payments", Map.of("team", "payments")))),
          () -> RUNBOOKS,
          clock);

  @Test
  void aNewGroupGetsOneRootWithItsRunbooksAndADetailsReply() {
    ReceivedEvent first = received(group(Status.FIRING, pod("a", Status.FIRING)));

    threads.handle(first);

    assertThat(recorded.roots()).hasSize(1);
    Call root = recorded.roots().get(0);
    assertThat(root.ref().channel()).isEqualTo("#alerts");
    String threadId = store.all().get(0).id();
    assertThat(threadId).matches("[0-9a-f]{32}");
    assertThat(root.message().text())
        .startsWith("FIRING: KubePodCrashLooping (1 firing, 0 resolved)");
    assertThat(text(root.message()))
        .contains("*FIRING* · *KubePodCrashLooping* · 1 firing, 0 resolved")
        .contains("> Pod checkout/a is crash-looping")
        .contains("`namespace=checkout`")
        .contains("Runbook `crashloop-restart` — A pod is crash-looping")
        .contains("Runbook `pod-logs`")
        .doesNotContain("disk-cleanup");
    assertThat(buttons(root.message()))
        .containsExactly(
            ChatActions.RUNBOOK_PLAN + " " + threadId + " crashloop-restart",
            ChatActions.RUNBOOK_RUN + " " + threadId + " crashloop-restart",
            ChatActions.RUNBOOK_PLAN + " " + threadId + " pod-logs",
            ChatActions.RUNBOOK_RUN + " " + threadId + " pod-logs");
    List<Call> replies = recorded.replies(root.ref());
    assertThat(replies).hasSize(1);
    assertThat(text(replies.get(0).message()))
        .contains("*KubePodCrashLooping* FIRING since 2026-11-27 04:43 UTC")
        .contains("`pod=a`")
        .contains("*summary*: Pod checkout/a is crash-looping");
  }

  @Test
  void aRedeliveryOrAnIdenticalReNotificationPostsAndUpdatesNothing() {
    AlertGroupEvent event = group(Status.FIRING, pod("a", Status.FIRING));
    ReceivedEvent first = received(event);
    threads.handle(first);
    int calls = recorded.calls().size();

    threads.handle(first);
    clock.advance(Duration.ofHours(4));
    threads.handle(received(event));

    assertThat(recorded.calls()).hasSize(calls);
  }

  @Test
  void anAlertJoiningUpdatesTheRootAndRepliesOnce() {
    threads.handle(received(group(Status.FIRING, pod("a", Status.FIRING))));
    Call root = recorded.roots().get(0);

    clock.advance(Duration.ofMinutes(5));
    threads.handle(
        received(group(Status.FIRING, pod("a", Status.FIRING), pod("b", Status.FIRING))));

    assertThat(recorded.roots()).hasSize(1);
    assertThat(recorded.calls(Method.UPDATE)).hasSize(1);
    assertThat(text(recorded.current(root.ref()).orElseThrow())).contains("2 firing, 0 resolved");
    List<Call> replies = recorded.replies(root.ref());
    assertThat(replies).hasSize(2);
    assertThat(text(replies.get(1).message()))
        .contains("*1 alert joined*")
        .contains("• KubePodCrashLooping `pod=b`");
  }

  @Test
  void aReNotificationWithPartOfTheGroupKeepsTheAlertsKnownBefore() {
    threads.handle(
        received(group(Status.FIRING, pod("a", Status.FIRING), pod("b", Status.FIRING))));
    clock.advance(Duration.ofMinutes(5));

    threads.handle(received(group(Status.FIRING, pod("b", Status.RESOLVED))));

    AlertThread thread = store.all().get(0);
    assertThat(thread.state().firing()).extracting(a -> a.labels().get("pod")).containsExactly("a");
    assertThat(thread.state().resolved())
        .extracting(a -> a.labels().get("pod"))
        .containsExactly("b");
    Call root = recorded.roots().get(0);
    assertThat(text(recorded.current(root.ref()).orElseThrow())).contains("1 firing, 1 resolved");
    assertThat(text(recorded.replies(root.ref()).get(1).message()))
        .contains("*1 alert resolved*")
        .doesNotContain("joined");
  }

  @Test
  void theGroupResolvingTurnsTheRootResolvedWithoutButtonsAndSaysSo() {
    threads.handle(
        received(group(Status.FIRING, pod("a", Status.FIRING), pod("b", Status.FIRING))));
    clock.advance(Duration.ofMinutes(5));

    threads.handle(received(group(Status.RESOLVED, pod("a", Status.RESOLVED))));

    Call root = recorded.roots().get(0);
    ChatMessage now = recorded.current(root.ref()).orElseThrow();
    assertThat(now.text()).startsWith("RESOLVED: KubePodCrashLooping (0 firing, 2 resolved)");
    assertThat(buttons(now)).isEmpty();
    assertThat(text(recorded.replies(root.ref()).get(1).message()))
        .contains("*2 alerts resolved*")
        .contains("*The group is resolved.*");
    assertThat(threads.open()).isEmpty();
  }

  @Test
  void anOlderNotificationHandledLateDoesNotUndoANewerOne() {
    ReceivedEvent firing = received(group(Status.FIRING, pod("a", Status.FIRING)));
    clock.advance(Duration.ofMinutes(5));
    ReceivedEvent resolved = received(group(Status.RESOLVED, pod("a", Status.RESOLVED)));

    threads.handle(resolved);
    threads.handle(firing);

    assertThat(recorded.roots()).hasSize(1);
    assertThat(recorded.calls(Method.UPDATE)).isEmpty();
    assertThat(store.all().get(0).state().status()).isEqualTo(Status.RESOLVED);
  }

  @Test
  void aGroupThatFiresAgainAfterItResolvedStartsANewThread() {
    threads.handle(received(group(Status.FIRING, pod("a", Status.FIRING))));
    clock.advance(Duration.ofMinutes(5));
    threads.handle(received(group(Status.RESOLVED, pod("a", Status.RESOLVED))));
    clock.advance(Duration.ofHours(1));
    Alert again =
        new Alert(
            "fp-a",
            Status.FIRING,
            labels("a"),
            Map.of("summary", "again"),
            T0.plus(Duration.ofHours(1)),
            Optional.empty(),
            "");

    threads.handle(received(group(Status.FIRING, again)));

    assertThat(recorded.roots()).hasSize(2);
    assertThat(store.all()).extracting(AlertThread::episode).containsExactly(1, 2);
    assertThat(store.all().get(0).id()).isNotEqualTo(store.all().get(1).id());
    assertThat(threads.open())
        .extracting(OpenAlertGroup::threadId)
        .containsExactly(store.all().get(1).id());
  }

  @Test
  void theChannelFollowsTheRoutesAndNoChannelMeansNoMessage() {
    var routed =
        new AlertThreads(
            chat,
            store,
            new ChannelRoutes(null, List.of(new Route("#payments", Map.of("team", "payments")))),
            () -> RUNBOOKS,
            clock);
    Map<String, String> payments = new LinkedHashMap<>(labels("p"));
    payments.put("team", "payments");
    AlertGroupEvent paymentsGroup =
        new AlertGroupEvent(
            "devops-bot",
            "{}:{team=\"payments\"}",
            Status.FIRING,
            List.of(new Alert("fp-p", Status.FIRING, payments, Map.of(), T0, Optional.empty(), "")),
            Map.of("team", "payments"),
            Map.of(),
            Map.of(),
            "",
            0);

    routed.handle(received(group(Status.FIRING, pod("a", Status.FIRING))));
    routed.handle(received(paymentsGroup));

    assertThat(recorded.roots())
        .extracting(call -> call.ref().channel())
        .containsExactly("#payments");
    assertThat(store.all()).hasSize(1);
  }

  @Test
  void ignoresEventsThatAreNotAlertGroups() {
    threads.handle(new ReceivedEvent(1, Source.GITHUB, "d", new OtherEvent("ping", "ping"), 1, T0));

    assertThat(recorded.calls()).isEmpty();
    assertThat(store.all()).isEmpty();
  }

  @Test
  void hostileAnnotationsReachTheChatNeitherRawNorUnredacted() {
    String token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    Alert hostile =
        new Alert(
            "fp-h",
            Status.FIRING,
            Map.of("alertname", "Evil<!here>", "namespace", "checkout", "pod", "`x` @channel"),
            Map.of(
                "summary",
                "<!channel> please look " + token,
                "description",
                "<@U024BE7LH> <https://evil.example|click> @here & db_password=hunter2"),
            T0,
            Optional.empty(),
            "javascript:alert(1)");

    threads.handle(received(group(Status.FIRING, hostile)));
    clock.advance(Duration.ofMinutes(1));
    threads.handle(received(group(Status.RESOLVED, hostileResolved(hostile))));

    assertThat(recorded.calls()).hasSizeGreaterThanOrEqualTo(4);
    for (Call call : recorded.calls()) {
      String all = call.message().text() + "\n" + text(call.message());
      assertThat(all)
          .doesNotContain(token)
          .doesNotContain("hunter2")
          .doesNotContain("<!channel>")
          .doesNotContain("<!here>")
          .doesNotContain("<@U024BE7LH>")
          .doesNotContain("<https://evil")
          .doesNotContain("javascript:")
          .doesNotContainPattern("(^|\\s)@(here|channel)");
    }
    String details = text(recorded.replies(recorded.roots().get(0).ref()).get(0).message());
    assertThat(details)
        .contains("&lt;!channel&gt; please look [REDACTED:")
        .contains("&lt;@\u200BU024BE7LH&gt;")
        .contains("@\u200Bhere &amp;");
  }

  @Test
  void onlyHttpLinksAreShown() {
    Alert linked =
        new Alert(
            "fp-l",
            Status.FIRING,
            labels("l"),
            Map.of(),
            T0,
            Optional.empty(),
            "http://prometheus:9090/graph?g0.expr=up&g0.tab=1");

    threads.handle(received(group(Status.FIRING, linked)));

    assertThat(text(recorded.roots().get(0).message()))
        .contains("<http://prometheus:9090/graph?g0.expr=up&amp;g0.tab=1|source>")
        .contains("<https://am.example/|alert manager>");
  }

  @Test
  void aHugeGroupStaysWithinTheChatsLimits() {
    List<Runbook> many = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      many.add(runbook("runbook-" + i, "x".repeat(400), "alertname: { glob: \"Kube*\" }"));
    }
    var huge = new AlertThreads(chat, store, ChannelRoutes.to("#alerts"), () -> many, clock);
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("alertname", "KubePodCrashLooping" + (i % 9));
      for (int l = 0; l < 30; l++) {
        labels.put("label" + l, "v".repeat(200) + i);
      }
      alerts.add(
          new Alert(
              "fp-" + i,
              Status.FIRING,
              labels,
              Map.of("summary", "s".repeat(5000) + i, "description", "<&>".repeat(3000)),
              T0,
              Optional.empty(),
              ""));
    }

    huge.handle(received(group(Status.FIRING, alerts.toArray(Alert[]::new))));

    assertThat(recorded.calls()).hasSize(2);
    for (Call call : recorded.calls()) {
      ChatMessage message = call.message();
      assertThat(message.blocks()).hasSizeLessThanOrEqualTo(50);
      assertThat(message.text()).hasSizeLessThanOrEqualTo(3000);
      for (Block block : message.blocks()) {
        String text =
            block instanceof Block.Section section
                ? section.text()
                : block instanceof Block.Context context ? context.text() : "";
        assertThat(text).hasSizeLessThanOrEqualTo(3000);
      }
    }
    assertThat(buttons(recorded.roots().get(0).message())).hasSize(16);
    assertThat(text(recorded.roots().get(0).message()))
        .contains("4 more matching runbooks are not shown")
        .contains(
            "KubePodCrashLooping0, KubePodCrashLooping1, KubePodCrashLooping2,"
                + " KubePodCrashLooping3, KubePodCrashLooping4 and 4 more");
  }

  @Test
  void aFailedRootPostThrowsAndTheRetryPostsExactlyOnce() {
    chat.failRootPosts(1);
    ReceivedEvent event = received(group(Status.FIRING, pod("a", Status.FIRING)));

    assertThatThrownBy(() -> threads.handle(event)).isInstanceOf(ChatException.class);
    assertThat(recorded.calls()).isEmpty();
    threads.handle(event);
    threads.handle(event);

    assertThat(recorded.roots()).hasSize(1);
    assertThat(recorded.replies(recorded.roots().get(0).ref())).hasSize(1);
  }

  @Test
  void aFailedRootUpdateThrowsAndTheRetryUpdatesItWithoutRepeatingTheReply() {
    threads.handle(received(group(Status.FIRING, pod("a", Status.FIRING))));
    clock.advance(Duration.ofMinutes(5));
    ReceivedEvent joined =
        received(group(Status.FIRING, pod("a", Status.FIRING), pod("b", Status.FIRING)));
    chat.failUpdates(1);

    assertThatThrownBy(() -> threads.handle(joined)).isInstanceOf(ChatException.class);
    threads.handle(joined);

    Call root = recorded.roots().get(0);
    assertThat(recorded.calls(Method.UPDATE)).hasSize(1);
    assertThat(text(recorded.current(root.ref()).orElseThrow())).contains("2 firing");
    assertThat(recorded.replies(root.ref())).hasSize(2);
  }

  @Test
  void aFailedReplyIsSkipped() {
    chat.failReplies(1);

    threads.handle(received(group(Status.FIRING, pod("a", Status.FIRING))));

    assertThat(recorded.roots()).hasSize(1);
    assertThat(recorded.replies(recorded.roots().get(0).ref())).isEmpty();
    assertThat(store.all().get(0).root()).isPresent();
  }

  @Test
  void whileAnotherReplicaPostsTheRootTheEventIsRetriedLaterAndAStaleClaimIsTakenOver() {
    AlertGroupEvent event = group(Status.FIRING, pod("a", Status.FIRING));
    AlertGroupId group = new AlertGroupId(Source.ALERTMANAGER, "devops-bot", GROUP_KEY);
    store.claim(
        new AlertThread(
            group.threadId(1),
            group,
            1,
            "#alerts",
            Optional.empty(),
            AlertGroupState.EMPTY.merge(event, T0),
            0,
            T0),
        T0);
    ReceivedEvent received = received(event);

    assertThatThrownBy(() -> threads.handle(received))
        .isInstanceOf(AlertThreadBusyException.class)
        .hasMessageContaining(group.threadId(1));
    assertThat(recorded.calls()).isEmpty();

    clock.advance(AlertThreads.CLAIM_LEASE.plusSeconds(1));
    threads.handle(received);

    assertThat(recorded.roots()).hasSize(1);
    assertThat(store.find(group.threadId(1)).orElseThrow().root()).isPresent();
  }

  @Test
  void twoReplicasThatBothFindNoThreadPostOneRoot() throws Exception {
    // both replicas find no thread, and both try to claim it, before either goes on
    Map<String, CyclicBarrier> together =
        Map.of("latest", new CyclicBarrier(2), "claim", new CyclicBarrier(2));
    Map<String, AtomicInteger> calls =
        Map.of("latest", new AtomicInteger(), "claim", new AtomicInteger());
    AlertThreadStore racing =
        (AlertThreadStore)
            Proxy.newProxyInstance(
                AlertThreadStore.class.getClassLoader(),
                new Class<?>[] {AlertThreadStore.class},
                (proxy, method, args) -> {
                  Object result = method.invoke(store, args);
                  String name = method.getName();
                  if (together.containsKey(name) && calls.get(name).incrementAndGet() <= 2) {
                    together.get(name).await(30, TimeUnit.SECONDS);
                  }
                  return result;
                });
    ReceivedEvent event = received(group(Status.FIRING, pod("a", Status.FIRING)));
    ExecutorService replicas = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        var replica =
            new AlertThreads(chat, racing, ChannelRoutes.to("#alerts"), () -> RUNBOOKS, clock);
        outcomes.add(replicas.submit(() -> handledOrBusy(replica, event)));
      }
      List<Boolean> handled = new ArrayList<>();
      for (Future<Boolean> outcome : outcomes) {
        handled.add(outcome.get(30, TimeUnit.SECONDS));
      }

      assertThat(handled).contains(true);
      assertThat(recorded.roots()).hasSize(1);
      threads.handle(event);
      assertThat(recorded.roots()).hasSize(1);
      assertThat(recorded.replies(recorded.roots().get(0).ref())).hasSize(1);
    } finally {
      replicas.shutdownNow();
    }
  }

  private static boolean handledOrBusy(AlertThreads replica, ReceivedEvent event) {
    try {
      replica.handle(event);
      return true;
    } catch (AlertThreadBusyException e) {
      return false;
    }
  }

  @Test
  void whenTheClaimerOfATakenOverThreadRecordsItsRootFirstThatRootIsBroughtUpToDate() {
    AlertGroupEvent event = group(Status.FIRING, pod("a", Status.FIRING), pod("b", Status.FIRING));
    AlertGroupId group = new AlertGroupId(Source.ALERTMANAGER, "devops-bot", GROUP_KEY);
    Instant staleClaim = T0.minus(AlertThreads.CLAIM_LEASE).minusSeconds(1);
    store.claim(
        new AlertThread(
            group.threadId(1),
            group,
            1,
            "#alerts",
            Optional.empty(),
            AlertGroupState.EMPTY.merge(group(Status.FIRING, pod("a", Status.FIRING)), staleClaim),
            0,
            staleClaim),
        staleClaim);
    MessageRef slowRoot = new MessageRef("#alerts", "999.000001");
    AlertThreadStore slowClaimer =
        (AlertThreadStore)
            Proxy.newProxyInstance(
                AlertThreadStore.class.getClassLoader(),
                new Class<?>[] {AlertThreadStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("attach")) {
                    // the slow first claimer's post finally went through, and it records it first
                    store.attach((String) args[0], slowRoot);
                  }
                  return method.invoke(store, args);
                });
    var taker =
        new AlertThreads(chat, slowClaimer, ChannelRoutes.to("#alerts"), () -> RUNBOOKS, clock);

    taker.handle(received(event));

    assertThat(store.find(group.threadId(1)).orElseThrow().root()).contains(slowRoot);
    assertThat(recorded.calls(Method.UPDATE)).extracting(Call::ref).containsExactly(slowRoot);
    assertThat(text(recorded.current(slowRoot).orElseThrow())).contains("2 firing, 0 resolved");
    assertThat(recorded.replies(recorded.roots().get(0).ref())).isEmpty();
  }

  @Test
  void runsOfTheGroupShowOnTheRootWithOneReplyPerStateChange() {
    ReceivedEvent event = received(group(Status.FIRING, pod("a", Status.FIRING)));
    threads.handle(event);
    Call root = recorded.roots().get(0);
    String eventId = String.valueOf(event.id());

    threads.runChanged(run("run-1", RunState.PROPOSED, eventId, T0));
    threads.runChanged(run("run-1", RunState.RUNNING, eventId, T0.plusSeconds(1)));
    threads.runChanged(run("run-1", RunState.RUNNING, eventId, T0.plusSeconds(2)));
    threads.runChanged(run("run-1", RunState.PROPOSED, eventId, T0));
    threads.runChanged(run("run-1", RunState.SUCCEEDED, eventId, T0.plusSeconds(3)));
    threads.runChanged(run("run-1", RunState.FAILED, eventId, T0.plusSeconds(4)));

    List<String> replies =
        recorded.replies(root.ref()).stream().skip(1).map(call -> text(call.message())).toList();
    assertThat(replies)
        .containsExactly(
            "Runbook `crashloop-restart` for KubePodCrashLooping: *proposed*",
            "Runbook `crashloop-restart` for KubePodCrashLooping: *running*",
            "Runbook `crashloop-restart` for KubePodCrashLooping: *succeeded*");
    assertThat(text(recorded.current(root.ref()).orElseThrow()))
        .contains(
            "Runbook `crashloop-restart` — A pod is crash-looping; restart its deployment\n"
                + "• run for KubePodCrashLooping: *succeeded*");
    assertThat(recorded.calls(Method.UPDATE)).hasSize(3);
  }

  @Test
  void aRunStartedFromTheThreadIsLinkedAndARunOfNoGroupIsIgnored() {
    threads.handle(received(group(Status.FIRING, pod("a", Status.FIRING))));
    String threadId = store.all().get(0).id();
    Call root = recorded.roots().get(0);
    int calls = recorded.calls().size();

    threads.runChanged(run("elsewhere", RunState.RUNNING, "999", T0));
    threads.runStarted(threadId, run("run-2", RunState.PROPOSED, null, T0));
    threads.runChanged(run("run-2", RunState.AWAITING_APPROVAL, null, T0.plusSeconds(1)));

    assertThat(recorded.calls()).hasSize(calls + 4);
    assertThat(text(recorded.current(root.ref()).orElseThrow()))
        .contains("• run for KubePodCrashLooping: *awaiting-approval*");
    assertThat(store.threadOfRun("run-2")).contains(threadId);
    assertThat(store.threadOfRun("elsewhere")).isEmpty();
  }

  @Test
  void openListsTheFiringGroupsWithTheirRootMessages() {
    threads.handle(
        received(group(Status.FIRING, pod("a", Status.FIRING), pod("b", Status.RESOLVED))));

    List<OpenAlertGroup> open = threads.open();

    assertThat(open).hasSize(1);
    OpenAlertGroup group = open.get(0);
    assertThat(group.root()).isEqualTo(recorded.roots().get(0).ref());
    assertThat(group.alertNames()).containsExactly("KubePodCrashLooping");
    assertThat(group.firing()).isEqualTo(1);
    assertThat(group.resolved()).isEqualTo(1);
    assertThat(group.since()).isEqualTo(T0);
    assertThat(threads.find(group.threadId())).isPresent();
  }

  // --- helpers

  static Runbook runbook(String name, String description, String match) {
    String yaml =
        "name: "
            + name
            + "\ndescription: \""
            + description
            + "\"\nmatch:\n  "
            + match
            + "\nsteps:\n  - id: report\n    action: notify\n    with: { text: done }\n";
    RunbookLoader.Loaded loaded = RunbookLoader.parse(name + ".yaml", yaml);
    assertThat(loaded.problems()).isEmpty();
    return loaded.runbooks().orElseThrow().get(0);
  }

  private ReceivedEvent received(AlertGroupEvent event) {
    return new ReceivedEvent(
        eventIds.incrementAndGet(), Source.ALERTMANAGER, "dedup", event, 1, clock.instant());
  }

  private static AlertGroupEvent group(Status status, Alert... alerts) {
    return new AlertGroupEvent(
        "devops-bot",
        GROUP_KEY,
        status,
        List.of(alerts),
        Map.of("alertname", "KubePodCrashLooping", "namespace", "checkout"),
        Map.of(),
        Map.of(),
        "https://am.example/",
        0);
  }

  private static Map<String, String> labels(String pod) {
    return Map.of("alertname", "KubePodCrashLooping", "namespace", "checkout", "pod", pod);
  }

  private Alert pod(String pod, Status status) {
    return new Alert(
        "fp-" + pod,
        status,
        labels(pod),
        Map.of("summary", "Pod checkout/" + pod + " is crash-looping"),
        T0,
        status == Status.RESOLVED ? Optional.of(clock.instant()) : Optional.empty(),
        "");
  }

  private Alert hostileResolved(Alert alert) {
    return new Alert(
        alert.fingerprint(),
        Status.RESOLVED,
        alert.labels(),
        alert.annotations(),
        alert.startsAt(),
        Optional.of(clock.instant()),
        alert.generatorUrl());
  }

  private static Run run(String id, RunState state, String sourceEvent, Instant updatedAt) {
    return new Run(
        id,
        "crashloop-restart",
        Optional.empty(),
        labels("a"),
        Map.of(),
        Map.of(),
        Requester.runbook("crashloop-restart"),
        Optional.ofNullable(sourceEvent),
        state,
        T0,
        updatedAt,
        Optional.empty(),
        List.of());
  }

  /** The text of every section and context block, one per line. */
  static String text(ChatMessage message) {
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

  /** Every button as {@code actionId value}. */
  static List<String> buttons(ChatMessage message) {
    List<String> buttons = new ArrayList<>();
    for (Block block : message.blocks()) {
      if (block instanceof Block.Actions actions) {
        actions.buttons().forEach(button -> buttons.add(button.actionId() + " " + button.value()));
      }
    }
    return buttons;
  }
}
