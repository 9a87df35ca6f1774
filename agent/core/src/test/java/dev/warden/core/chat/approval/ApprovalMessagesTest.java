package dev.warden.core.chat.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.audit.AuditChain;
import dev.warden.core.audit.AuditEntry;
import dev.warden.core.chat.Block;
import dev.warden.core.chat.ButtonClick;
import dev.warden.core.chat.ChatActions;
import dev.warden.core.chat.ChatException;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.ChatSurface;
import dev.warden.core.chat.MessageRef;
import dev.warden.core.chat.Responder;
import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.GateOutcome;
import dev.warden.core.gate.Permit;
import dev.warden.core.policy.PolicyLoader;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.testing.FlakyChatSurface;
import dev.warden.core.testing.InMemoryApprovalMessageStore;
import dev.warden.core.testing.InMemoryApprovalStore;
import dev.warden.core.testing.InMemoryAuditLog;
import dev.warden.core.testing.InMemoryFreezeSwitch;
import dev.warden.core.testing.MutableClock;
import dev.warden.core.testing.RecordingChatSurface;
import dev.warden.core.testing.RecordingChatSurface.Call;
import dev.warden.core.testing.RecordingChatSurface.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The approval loop in chat, with a real gate on the in-memory stores: the message, the buttons,
 * the clicks and who may make them, the updates, and what never reaches the chat.
 */
class ApprovalMessagesTest {
  private static final String CHANNEL = "CAPPROVALS";
  private static final String REQUESTER = "UREQUESTER";
  private static final String ALICE = "UALICE";
  private static final String DAVE = "UDAVE";
  private static final String MALLORY = "UMALLORY";
  private static final List<String> ON_CALL =
      List.of(ALICE, "UBOB", "UCAROL", "UERIN", "UFRANK", "UGRACE", "UHEIDI", "UIVAN");
  private static final String POLICIES =
      """
      groups:
        sre-oncall: [%s, "slack-group:SONCALL"]
      rules:
        - name: prod-restarts-need-two
          description: two people look at restarts in production
          match:
            actions: ["kubernetes.rollout-restart"]
            namespaces: ["prod*"]
          level: approve-first
          approvals: { approvers: ["@sre-oncall"], min: 2, ttl: 30m }
      """
          .formatted(String.join(", ", ON_CALL));
  // the shape of an AWS access key id, random, no real key
  private static final String FAKE_AWS_KEY = "AKIA" + "QZ7XW4PLM2TBN5R8";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
  private final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final InMemoryApprovalMessageStore messages = new InMemoryApprovalMessageStore();
  private final RecordingChatSurface surface = new RecordingChatSurface();
  private final Restarts restarts = new Restarts();
  private final RecordingResponder responder = new RecordingResponder();
  private final PolicySet policies = policies(POLICIES);
  private final AtomicInteger ids = new AtomicInteger();

  private ActionGate gate;
  private ApprovalMessages chat;

  ApprovalMessagesTest() {
    wire(surface, Runnable::run, request -> Optional.of(CHANNEL), messages);
  }

  /** The gate and the approval messages, as the application wires them. */
  private void wire(
      ChatSurface chatSurface,
      Executor executor,
      Function<ApprovalRequest, Optional<String>> channelFor,
      ApprovalMessageStore store) {
    AtomicReference<ActionGate> gateRef = new AtomicReference<>();
    chat =
        ApprovalMessages.builder()
            .surface(chatSurface)
            .messages(store)
            .approvals(approvals)
            .gate(gateRef::get)
            .policies(() -> policies)
            .channelFor(channelFor)
            .executor(executor)
            .build();
    gate =
        ActionGate.builder()
            .policies(() -> policies)
            .freezeSwitch(new InMemoryFreezeSwitch())
            .approvals(approvals)
            .audit(audit)
            .executors(List.of(restarts))
            .clock(clock)
            .ids(() -> "req-" + ids.incrementAndGet())
            .directory(user -> user.equals(DAVE) ? Set.of("slack-group:SONCALL") : Set.of())
            .wardenIdentities(Set.of("UWARDEN"))
            .listener(chat)
            .build();
    gateRef.set(gate);
  }

  @Test
  void anApproveFirstActionPostsOneMessageWithThreeButtonsCarryingOnlyTheId() {
    ApprovalRequest request = submit(restart(Map.of("reason", "OOMKilled")));

    assertThat(surface.roots()).hasSize(1);
    Call posted = surface.roots().get(0);
    assertThat(posted.ref().channel()).isEqualTo(CHANNEL);
    assertThat(messages.find(request.id())).contains(posted.ref());
    assertThat(buttons(posted.message()))
        .extracting(Block.Button::actionId, Block.Button::value, Block.Button::style)
        .containsExactly(
            tuple(ChatActions.APPROVE, request.id(), Block.Style.PRIMARY),
            tuple(ChatActions.DENY, request.id(), Block.Style.DANGER),
            tuple(ChatActions.DETAILS, request.id(), Block.Style.DEFAULT));
    assertThat(all(posted.message()))
        .contains(
            "`kubernetes.rollout-restart`",
            "restart a deployment",
            "Deployment `api`",
            "namespace `prod`",
            "`reason: OOMKilled`",
            "`prod-restarts-need-two`",
            "<@UREQUESTER>",
            "<@UALICE>",
            "<!subteam^SONCALL>",
            "*Approvals:* 0 of 2",
            "<!date^" + request.expiresAt().getEpochSecond() + "^",
            "deployment.apps/api restarted (dry run)",
            request.actionHash().substring(0, 19));
    assertThat(surface.calls(Method.UPDATE)).isEmpty();
  }

  @Test
  void theRequestersOwnClickIsRefusedToThemAloneAndAudited() {
    ApprovalRequest request = submit(restart(Map.of()));

    chat.clicked(click(ChatActions.APPROVE, request.id(), REQUESTER), responder);

    assertThat(ephemeralsTo(REQUESTER))
        .singleElement()
        .satisfies(
            text ->
                assertThat(text).contains("not counted").contains("someone else must approve it"));
    assertThat(surface.roots()).hasSize(1);
    assertThat(surface.calls(Method.UPDATE)).isEmpty();
    assertThat(refusals())
        .singleElement()
        .satisfies(body -> assertThat(body).contains("SELF_APPROVAL"));
    assertThat(approvals.find(request.id()).orElseThrow().votes()).isEmpty();
  }

  @Test
  void aClickBySomeoneTheRuleDoesNotNameIsRefusedAndTheButtonsStay() {
    ApprovalRequest request = submit(restart(Map.of()));

    chat.clicked(click(ChatActions.APPROVE, request.id(), MALLORY), responder);
    chat.clicked(click(ChatActions.DENY, request.id(), MALLORY), responder);

    assertThat(ephemeralsTo(MALLORY))
        .hasSize(2)
        .allSatisfy(text -> assertThat(text).contains("not among the approvers"));
    assertThat(refusals())
        .hasSize(2)
        .allSatisfy(body -> assertThat(body).contains("NOT_AUTHORISED").contains(MALLORY));
    assertThat(buttons(shown())).hasSize(3);
    assertThat(approvals.find(request.id()).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
  }

  @Test
  void twoAuthorisedApprovalsOneThroughASlackGroupExecuteOnceAndTheMessageSaysWho() {
    ApprovalRequest request = submit(restart(Map.of()));

    chat.clicked(click(ChatActions.APPROVE, request.id(), ALICE), responder);
    assertThat(ephemeralsTo(ALICE)).containsExactly("Your approval is counted: 1 of 2.");
    assertThat(all(shown())).contains("*Approvals:* 1 of 2 (<@UALICE>)");
    assertThat(buttons(shown())).hasSize(3);
    assertThat(restarts.executed).isEmpty();

    chat.clicked(click(ChatActions.APPROVE, request.id(), DAVE), responder);

    assertThat(restarts.executed).hasSize(1);
    assertThat(ephemeralsTo(DAVE))
        .singleElement()
        .satisfies(
            text -> assertThat(text).contains("completed").contains("restarted deployment api"));
    ChatMessage decided = shown();
    assertThat(buttons(decided)).isEmpty();
    assertThat(contexts(decided))
        .anySatisfy(
            context ->
                assertThat(context)
                    .contains("Approved by <@UALICE> and <@UDAVE> at <!date^")
                    .contains("executed: restarted deployment api"));
    assertThat(surface.roots()).hasSize(1);

    // a late click on the stale message changes nothing
    chat.clicked(click(ChatActions.APPROVE, request.id(), "UBOB"), responder);
    assertThat(restarts.executed).hasSize(1);
    assertThat(ephemeralsTo("UBOB"))
        .singleElement()
        .satisfies(text -> assertThat(text).contains("already approved"));
    assertThat(approvals.find(request.id()).orElseThrow().state())
        .isEqualTo(ApprovalState.EXECUTED);
    assertThat(AuditChain.verify(audit).intact()).isTrue();
  }

  @Test
  void aDoubleClickCountsOnce() {
    ApprovalRequest request = submit(restart(Map.of()));

    chat.clicked(click(ChatActions.APPROVE, request.id(), ALICE), responder);
    chat.clicked(click(ChatActions.APPROVE, request.id(), ALICE), responder);

    assertThat(approvals.find(request.id()).orElseThrow().approvals()).isEqualTo(1);
    assertThat(restarts.executed).isEmpty();
    assertThat(ephemeralsTo(ALICE))
        .containsExactly(
            "Your approval is counted: 1 of 2.",
            "Your vote was not counted: your vote is already counted");
    assertThat(refusals())
        .singleElement()
        .satisfies(body -> assertThat(body).contains("ALREADY_VOTED"));
    assertThat(all(shown())).contains("*Approvals:* 1 of 2 (<@UALICE>)");
  }

  @Test
  void aClickAfterExpiryIsRefusedAndTheMessageShowsExpired() {
    ApprovalRequest request = submit(restart(Map.of()));
    chat.clicked(click(ChatActions.APPROVE, request.id(), ALICE), responder);

    clock.advance(Duration.ofMinutes(31));
    chat.clicked(click(ChatActions.APPROVE, request.id(), DAVE), responder);

    assertThat(restarts.executed).isEmpty();
    assertThat(ephemeralsTo(DAVE))
        .singleElement()
        .satisfies(text -> assertThat(text).contains("not counted").contains("expired"));
    assertThat(refusals()).singleElement().satisfies(body -> assertThat(body).contains("EXPIRED"));
    assertThat(buttons(shown())).isEmpty();
    assertThat(contexts(shown()))
        .anySatisfy(
            context ->
                assertThat(context)
                    .contains("Expired at <!date^" + request.expiresAt().getEpochSecond())
                    .contains("with 1 of 2 approvals"));
  }

  @Test
  void theExpiryTimerClosesTheMessage() {
    ApprovalRequest request = submit(restart(Map.of()));
    clock.advance(Duration.ofMinutes(30));

    assertThat(gate.expire(request.id())).isTrue();

    assertThat(buttons(shown())).isEmpty();
    assertThat(contexts(shown())).anySatisfy(context -> assertThat(context).contains("Expired at"));
    assertThat(surface.roots()).hasSize(1);
  }

  @Test
  void aDenialClosesTheRequestAndTheMessageSaysWhoDenied() {
    ApprovalRequest request = submit(restart(Map.of()));

    chat.clicked(click(ChatActions.DENY, request.id(), DAVE), responder);

    assertThat(approvals.find(request.id()).orElseThrow().state()).isEqualTo(ApprovalState.DENIED);
    assertThat(ephemeralsTo(DAVE)).containsExactly("You denied the request; it is closed.");
    assertThat(buttons(shown())).isEmpty();
    assertThat(contexts(shown()))
        .anySatisfy(
            context ->
                assertThat(context).contains("Denied by <@UDAVE> at").contains("denied in chat"));
    assertThat(restarts.executed).isEmpty();
  }

  @Test
  void aWithdrawnRequestSaysWhy() {
    ApprovalRequest request = submit(restart(Map.of()));

    gate.withdraw(request.id(), "run cancelled by UCAROL");

    assertThat(buttons(shown())).isEmpty();
    assertThat(contexts(shown()))
        .anySatisfy(context -> assertThat(context).contains("Withdrawn: run cancelled by UCAROL"));
  }

  @Test
  void detailsAreShownToTheClickingPersonAloneAndChangeNothing() {
    ApprovalRequest request = submit(restart(Map.of("reason", "OOMKilled")));
    int auditEntries = audit.entries.size();

    chat.clicked(click(ChatActions.DETAILS, request.id(), MALLORY), responder);
    chat.clicked(click(ChatActions.DETAILS, "req-404", MALLORY), responder);
    chat.clicked(
        new ButtonClick(ChatActions.DETAILS, request.id(), ALICE, "", Optional.empty()), responder);

    List<Call> ephemerals = surface.calls(Method.EPHEMERAL);
    assertThat(ephemerals).hasSize(2);
    assertThat(ephemerals).allSatisfy(call -> assertThat(call.user()).contains(MALLORY));
    String details = all(ephemerals.get(0).message());
    assertThat(details)
        .contains("\"kind\" : \"kubernetes.rollout-restart\"")
        .contains("\"reason\" : \"OOMKilled\"")
        .contains("deployment.apps/api restarted (dry run)")
        .contains(request.actionHash());
    assertThat(ephemerals.get(1).message().text()).isEqualTo("There is no such approval request.");
    // without a channel the answer goes back through the click's responder, to that person only
    assertThat(responder.ephemerals)
        .singleElement()
        .satisfies(m -> assertThat(all(m)).isEqualTo(details));
    assertThat(responder.inChannel).isEmpty();
    assertThat(surface.roots()).hasSize(1);
    assertThat(surface.calls(Method.UPDATE)).isEmpty();
    assertThat(audit.entries).hasSize(auditEntries);
  }

  @Test
  void anUnknownRequestIdIsRefusedAndAudited() {
    chat.clicked(click(ChatActions.APPROVE, "req-404", ALICE), responder);
    chat.clicked(click(ChatActions.DENY, "", ALICE), responder);

    assertThat(ephemeralsTo(ALICE))
        .containsExactly(
            "There is no such approval request.", "There is no such approval request.");
    assertThat(refusals()).hasSize(2).allSatisfy(body -> assertThat(body).contains("NOT_FOUND"));
    assertThat(surface.roots()).isEmpty();
  }

  @Test
  void hostileValuesAndSecretsNeverReachTheChatRaw() {
    restarts.preview =
        "--- deployment.apps/api\n+++ dry run\n"
            + "-  AWS_ACCESS_KEY_ID: "
            + FAKE_AWS_KEY
            + "\n+  note: <!everyone> ``` escaped? <https://evil.example|login>";
    ApprovalRequest request =
        submit(
            restart(
                Map.of(
                    "reason",
                    "<!channel> look at this",
                    "owner",
                    "<@U0ADMIN> & <!subteam^S0ADMINS>",
                    "note",
                    "`code` @here *bold*",
                    "key",
                    "id " + FAKE_AWS_KEY,
                    "db_password",
                    "hunter2hunter2")));
    chat.clicked(click(ChatActions.DETAILS, request.id(), ALICE), responder);
    chat.clicked(click(ChatActions.APPROVE, request.id(), MALLORY), responder);
    chat.clicked(click(ChatActions.APPROVE, request.id(), ALICE), responder);
    chat.clicked(click(ChatActions.DENY, request.id(), DAVE), responder);

    List<Call> calls = surface.calls();
    assertThat(calls)
        .extracting(Call::method)
        .contains(Method.POST, Method.UPDATE, Method.EPHEMERAL);
    for (Call call : calls) {
      assertThat(all(call.message()))
          .as("%s %s", call.method(), call.ref())
          .doesNotContain(FAKE_AWS_KEY)
          .doesNotContain("hunter2hunter2")
          .doesNotContain("<!channel>")
          .doesNotContain("<!everyone>")
          .doesNotContain("<@U0ADMIN>")
          .doesNotContain("<!subteam^S0ADMINS>")
          .doesNotContain("<https://evil.example")
          .doesNotContain("@here")
          .doesNotContain("`code`");
    }
    String posted = all(surface.roots().get(0).message());
    assertThat(posted)
        .contains("&lt;!channel&gt; look at this")
        .contains("&lt;@\u200BU0ADMIN&gt; &amp; &lt;!subteam^S0ADMINS&gt;")
        .contains("[REDACTED:aws-access-key#1]")
        .contains("db_password: [REDACTED:");
  }

  @Test
  void aFailingChatNeverBreaksTheGate() {
    ChatSurface broken =
        new ChatSurface() {
          @Override
          public MessageRef post(String channel, MessageRef thread, ChatMessage message) {
            throw new ChatException("chat.postMessage", "not_in_channel", null, null);
          }

          @Override
          public MessageRef update(MessageRef message, ChatMessage content) {
            throw new ChatException("chat.update", "message_not_found", null, null);
          }

          @Override
          public MessageRef postEphemeral(
              String channel, String user, MessageRef thread, ChatMessage message) {
            throw new ChatException("chat.postEphemeral", "ratelimited", null, null);
          }
        };
    wire(broken, Runnable::run, request -> Optional.of(CHANNEL), messages);

    ApprovalRequest request = submit(restart(Map.of()));
    chat.clicked(click(ChatActions.APPROVE, request.id(), ALICE), responder);
    chat.clicked(click(ChatActions.APPROVE, request.id(), DAVE), responder);

    assertThat(restarts.executed).hasSize(1);
    assertThat(approvals.find(request.id()).orElseThrow().state())
        .isEqualTo(ApprovalState.EXECUTED);
    assertThat(messages.find(request.id())).isEmpty();
    // the answers fall back to the click's own response channel
    assertThat(responder.ephemerals)
        .extracting(ChatMessage::text)
        .containsExactly(
            "Your approval is counted: 1 of 2.",
            "Your approval completed the request; the action ran: restarted deployment api");
  }

  @Test
  void aMessageWhosePostFailedIsPostedLaterOnceAndShowsTheVotesSince() {
    RecordingChatSurface recorded = new RecordingChatSurface();
    FlakyChatSurface flaky = new FlakyChatSurface(recorded).failRootPosts(1);
    wire(flaky, Runnable::run, request -> Optional.of(CHANNEL), messages);

    ApprovalRequest request = submit(restart(Map.of()));
    assertThat(messages.find(request.id())).isEmpty();
    gate.approve(request.id(), ALICE, request.actionHash());

    assertThat(chat.postMissing()).isEqualTo(1);
    assertThat(chat.postMissing()).isZero();

    assertThat(recorded.roots()).hasSize(1);
    assertThat(messages.find(request.id())).contains(recorded.roots().get(0).ref());
    assertThat(recorded.roots().get(0).message().text()).contains("1 of 2");
  }

  @Test
  void withoutAChannelNothingIsPostedAndVotesStillWork() {
    wire(surface, Runnable::run, request -> Optional.empty(), messages);

    ApprovalRequest request = submit(restart(Map.of()));
    gate.approve(request.id(), ALICE, request.actionHash());
    gate.approve(request.id(), DAVE, request.actionHash());

    assertThat(surface.calls()).isEmpty();
    assertThat(restarts.executed).hasSize(1);
  }

  @Test
  void anUpdateBeforeThePostIsSkippedAndThePostShowsTheLatestVotes() {
    List<Runnable> queued = new ArrayList<>();
    wire(surface, queued::add, request -> Optional.of(CHANNEL), messages);
    ApprovalRequest request = submit(restart(Map.of()));
    gate.approve(request.id(), ALICE, request.actionHash());
    assertThat(queued).hasSize(2);

    // the vote's update runs first, as when the post is still under way on another replica
    queued.get(1).run();
    assertThat(surface.calls()).isEmpty();
    queued.get(0).run();

    assertThat(surface.calls()).hasSize(1);
    assertThat(all(shown())).contains("*Approvals:* 1 of 2 (<@UALICE>)");
    assertThat(buttons(shown())).hasSize(3);
  }

  @Test
  void aMessageIsPostedOnceAndOnlyTheRememberedOneIsUpdated() {
    List<Runnable> queued = new ArrayList<>();
    wire(surface, queued::add, request -> Optional.of(CHANNEL), messages);
    ApprovalRequest request = submit(restart(Map.of()));
    MessageRef elsewhere = new MessageRef(CHANNEL, "1700000000.000100");
    messages.remember(request.id(), elsewhere);

    queued.remove(0).run();
    gate.approve(request.id(), ALICE, request.actionHash());
    queued.remove(0).run();

    assertThat(surface.calls(Method.POST)).isEmpty();
    assertThat(surface.calls(Method.UPDATE))
        .singleElement()
        .satisfies(call -> assertThat(call.ref()).isEqualTo(elsewhere));
  }

  @Test
  void aSecondPostThatLosesTheRaceToRememberIsDisarmed() {
    MessageRef first = new MessageRef(CHANNEL, "1700000000.000100");
    ApprovalMessageStore racing =
        new ApprovalMessageStore() {
          @Override
          public Optional<MessageRef> find(String requestId) {
            return Optional.empty();
          }

          @Override
          public boolean remember(String requestId, MessageRef message) {
            // another replica remembered `first` between our look-up and our post
            return message.equals(first);
          }
        };
    wire(surface, Runnable::run, request -> Optional.of(CHANNEL), racing);

    submit(restart(Map.of()));

    assertThat(surface.roots()).hasSize(1);
    MessageRef stray = surface.roots().get(0).ref();
    ChatMessage now = surface.current(stray).orElseThrow();
    assertThat(buttons(now)).isEmpty();
    assertThat(now.text()).contains("shown in another message");
  }

  @Test
  void concurrentClicksByAuthorisedPeopleExecuteOnce() throws Exception {
    for (int round = 0; round < 10; round++) {
      ExecutorService chatThread = Executors.newSingleThreadExecutor();
      wire(surface, chatThread, request -> Optional.of(CHANNEL), messages);
      int executedBefore = restarts.executed.size();
      ApprovalRequest request = submit(restart(Map.of("round", round)));
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService clickers = Executors.newFixedThreadPool(ON_CALL.size());
      try {
        List<Future<?>> clicks = new ArrayList<>();
        for (String user : ON_CALL) {
          clicks.add(
              clickers.submit(
                  () -> {
                    start.await();
                    chat.clicked(click(ChatActions.APPROVE, request.id(), user), responder);
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> click : clicks) {
          click.get(30, TimeUnit.SECONDS);
        }
      } finally {
        clickers.shutdownNow();
      }
      chatThread.shutdown();
      assertThat(chatThread.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

      assertThat(restarts.executed).as("round %d", round).hasSize(executedBefore + 1);
      MessageRef ref = messages.find(request.id()).orElseThrow();
      ChatMessage last = surface.current(ref).orElseThrow();
      assertThat(buttons(last)).as("round %d", round).isEmpty();
      assertThat(contexts(last))
          .as("round %d", round)
          .anySatisfy(
              context -> assertThat(context).contains("executed: restarted deployment api"));
      long completed =
          ON_CALL.stream()
              .flatMap(user -> ephemeralsTo(user).stream())
              .filter(text -> text.contains("completed the request"))
              .count();
      assertThat(completed).as("round %d", round).isEqualTo(round + 1);
    }
    assertThat(surface.roots()).hasSize(10);
    assertThat(AuditChain.verify(audit).intact()).isTrue();
  }

  private ApprovalRequest submit(ProposedAction action) {
    GateOutcome outcome = gate.submit(action);
    assertThat(outcome).isInstanceOf(GateOutcome.AwaitingApproval.class);
    return ((GateOutcome.AwaitingApproval) outcome).request();
  }

  private static ProposedAction restart(Map<String, ?> parameters) {
    return new ProposedAction(
        "kubernetes.rollout-restart",
        Target.kubernetes("default", "prod", "Deployment", "api"),
        new LinkedHashMap<>(parameters),
        Map.of("pods", 6L),
        Requester.person(REQUESTER),
        Optional.empty(),
        false);
  }

  private static ButtonClick click(String action, String requestId, String user) {
    return new ButtonClick(
        action, requestId, user, CHANNEL, Optional.of(new MessageRef(CHANNEL, "1.1")));
  }

  /** What the one posted root message shows now. */
  private ChatMessage shown() {
    assertThat(surface.roots()).hasSize(1);
    return surface.current(surface.roots().get(0).ref()).orElseThrow();
  }

  private List<String> ephemeralsTo(String user) {
    return surface.calls(Method.EPHEMERAL).stream()
        .filter(call -> call.user().equals(Optional.of(user)))
        .map(call -> call.message().text())
        .toList();
  }

  private List<String> refusals() {
    return audit.ofType("approval.refused").stream().map(AuditEntry::body).toList();
  }

  private static List<Block.Button> buttons(ChatMessage message) {
    return message.blocks().stream()
        .filter(Block.Actions.class::isInstance)
        .flatMap(block -> ((Block.Actions) block).buttons().stream())
        .toList();
  }

  private static List<String> contexts(ChatMessage message) {
    return message.blocks().stream()
        .filter(Block.Context.class::isInstance)
        .map(block -> ((Block.Context) block).text())
        .toList();
  }

  /** Every text of a message: its fallback, its blocks and its buttons. */
  static String all(ChatMessage message) {
    StringBuilder all = new StringBuilder(message.text());
    for (Block block : message.blocks()) {
      if (block instanceof Block.Section section) {
        all.append('\n').append(section.text());
      } else if (block instanceof Block.Context context) {
        all.append('\n').append(context.text());
      } else if (block instanceof Block.Actions actions) {
        for (Block.Button button : actions.buttons()) {
          all.append('\n').append(button.label()).append(' ').append(button.value());
        }
      }
    }
    return all.toString();
  }

  private static PolicySet policies(String text) {
    PolicyLoader.Loaded loaded = PolicyLoader.parse("policies.yaml", text);
    assertThat(loaded.problems()).noneMatch(problem -> problem.isError());
    return loaded.policies().orElseThrow();
  }

  /** Restarts deployments, counting each run, with a dry run that says what it would do. */
  private static final class Restarts implements ActionExecutor {
    final List<Permit> executed = new CopyOnWriteArrayList<>();
    volatile String preview = "deployment.apps/api restarted (dry run)";

    @Override
    public Set<String> kinds() {
      return Set.of("kubernetes.rollout-restart");
    }

    @Override
    public ExecutionResult execute(Permit permit) {
      executed.add(permit);
      return ExecutionResult.succeeded("restarted deployment api");
    }

    @Override
    public Optional<String> preview(ProposedAction action) {
      return Optional.of(preview);
    }
  }

  /** The answers sent through a click's responder. */
  private static final class RecordingResponder implements Responder {
    final List<ChatMessage> ephemerals = Collections.synchronizedList(new ArrayList<>());
    final List<ChatMessage> inChannel = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void ephemeral(ChatMessage message) {
      ephemerals.add(message);
    }

    @Override
    public void inChannel(ChatMessage message) {
      inChannel.add(message);
    }
  }
}
