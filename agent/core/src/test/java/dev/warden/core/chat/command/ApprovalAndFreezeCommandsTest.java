package dev.warden.core.chat.command;

import static dev.warden.core.chat.command.Fixture.ALICE;
import static dev.warden.core.chat.command.Fixture.BOB;
import static dev.warden.core.chat.command.Fixture.CAROL;
import static dev.warden.core.chat.command.Fixture.OUTSIDER;
import static dev.warden.core.chat.command.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.approval.Vote;
import dev.warden.core.audit.AuditEntry;
import dev.warden.core.chat.command.Fixture.RecordingResponder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code freeze}, {@code approvals}, {@code approve} and {@code deny}, through the real gate. */
class ApprovalAndFreezeCommandsTest {
  private final Fixture fixture = new Fixture();
  private final ChatCommands commands = fixture.commands();

  /** Runs the command and its slow part; the one answer it sent later. */
  private RecordingResponder.Sent slow(String user, String text) {
    RecordingResponder later = new RecordingResponder();
    assertThat(commands.handle(request(user, text), later).text()).isEqualTo(ChatCommands.WORKING);
    assertThat(later.sent).as("nothing before the executor runs").isEmpty();
    fixture.executor.runAll();
    assertThat(later.sent).hasSize(1);
    return later.sent.get(0);
  }

  private String quick(String user, String text) {
    String answer = commands.handle(request(user, text), new RecordingResponder()).text();
    assertThat(fixture.executor.size()).as(text).isZero();
    return answer;
  }

  /** Carol asks for the freeze; under the policies it needs an approval from @sre. */
  private ApprovalRequest carolAsksForTheFreeze() {
    RecordingResponder.Sent sent = slow(CAROL, "freeze on \"release of 1.6\"");
    ApprovalRequest request = fixture.approvals.pending().get(0);
    assertThat(sent.inChannel()).isFalse();
    assertThat(sent.message().text())
        .isEqualTo(
            "Switching the global freeze on needs approval (rule `freeze-needs-sre`): request `"
                + request.id()
                + "`, 1 of @\u200Bsre within 30 min. They approve with `/warden approve "
                + request.id()
                + "`.");
    return request;
  }

  @Test
  void aFreezeThatNeedsApprovalOpensARequestAndSwitchesNothing() {
    ApprovalRequest request = carolAsksForTheFreeze();

    assertThat(fixture.freeze.current()).isEmpty();
    assertThat(request.action().kind()).isEqualTo("warden.freeze");
    assertThat(request.action().parameters())
        .containsEntry("on", true)
        .containsEntry("reason", "release of 1.6");
    assertThat(request.action().requester().id()).isEqualTo(CAROL);
    assertThat(fixture.audit.entries)
        .extracting(AuditEntry::type)
        .contains("decision", "approval.requested");
  }

  @Test
  void theRequesterMayNotApproveButAnotherApproverRunsIt() {
    ApprovalRequest request = carolAsksForTheFreeze();

    assertThat(slow(CAROL, "approve " + request.id()).message().text())
        .isEqualTo(
            "Refused (self approval): you asked for this action; someone else must approve it");
    assertThat(fixture.freeze.current()).isEmpty();
    assertThat(slow(OUTSIDER, "approve " + request.id()).message().text())
        .startsWith("Refused (not authorised): you are not among the approvers");

    RecordingResponder.Sent approved = slow(ALICE, "approve " + request.id());

    assertThat(approved.inChannel()).isFalse();
    assertThat(approved.message().text())
        .isEqualTo("Approved `" + request.id() + "`; it ran: global freeze on: release of 1.6");
    assertThat(fixture.freeze.current())
        .hasValueSatisfying(f -> assertThat(f.by()).isEqualTo(CAROL));
    assertThat(slow(BOB, "approve " + request.id()).message().text())
        .startsWith("Refused (not pending): the request was already approved");
  }

  @Test
  void approvalsListsOnlyWhatThePersonMayApproveNow() {
    ApprovalRequest request = carolAsksForTheFreeze();

    assertThat(quick(CAROL, "approvals")).isEqualTo("No pending approval requests for you.");
    assertThat(quick(OUTSIDER, "approvals")).isEqualTo("No pending approval requests for you.");
    String alices = quick(ALICE, "approvals");
    assertThat(alices)
        .startsWith("*Pending approval requests you may approve* (1)")
        .contains(
            "• `" + request.id() + "` `warden.freeze` – 0 of 1 approvals (rule `freeze-needs-sre`)")
        .contains("asked by <@U0CAROL01>, expires 2026-11-27T12:30:00Z, hash `")
        .contains("reason: `release of 1.6`")
        .contains("Approve with `/warden approve &lt;id&gt;` – approve a request")
        .doesNotContain("<id>");

    fixture.approvals.addVote(request.id(), new Vote(BOB, true, Instant.now(), Optional.empty()));
    assertThat(quick(BOB, "approvals")).isEqualTo("No pending approval requests for you.");
    assertThat(quick(ALICE, "approvals now")).contains("Usage: `/warden approvals`");
  }

  @Test
  void denyEndsTheRequestWithTheQuotedReason() {
    ApprovalRequest request = carolAsksForTheFreeze();

    RecordingResponder.Sent denied =
        slow(BOB, "deny " + request.id() + " \"not during <!here> the sale\"");

    assertThat(denied.message().text()).isEqualTo("Denied `" + request.id() + "`.");
    ApprovalRequest stored = fixture.approvals.find(request.id()).orElseThrow();
    assertThat(stored.state()).isEqualTo(ApprovalState.DENIED);
    assertThat(stored.note()).hasValue(BOB + ": not during <!here> the sale");
    assertThat(slow(ALICE, "approve " + request.id()).message().text())
        .isEqualTo("Refused (not pending): the request was denied");
  }

  @Test
  void aFreezeThePoliciesAllowIsSwitchedAndToldToTheChannel() {
    fixture.policies.set(Fixture.policies(Fixture.FREEZE_BY_PEOPLE));

    RecordingResponder.Sent on = slow(CAROL, "freeze on deploys <!channel> broke");

    assertThat(on.inChannel()).isTrue();
    assertThat(on.message().text())
        .isEqualTo(
            "<@U0CAROL01> switched the global change freeze *on*: deploys &lt;!channel&gt; broke."
                + " Warden runs no change until it is off.");
    assertThat(fixture.freeze.current())
        .hasValueSatisfying(f -> assertThat(f.reason()).isEqualTo("deploys <!channel> broke"));

    RecordingResponder.Sent off = slow(ALICE, "freeze OFF");

    assertThat(off.inChannel()).isTrue();
    assertThat(off.message().text())
        .isEqualTo("<@U0ALICE01> switched the global change freeze *off*.");
    assertThat(fixture.freeze.current()).isEmpty();
  }

  @Test
  void aFreezeNoRuleAllowsIsOnlySuggested() {
    fixture.policies.set(Fixture.policies("rules: []\n"));

    RecordingResponder.Sent sent = slow(CAROL, "freeze on");

    assertThat(sent.inChannel()).isFalse();
    assertThat(sent.message().text())
        .startsWith(
            "Switching the global freeze on is only suggested by the policies (passive); nothing changed.");
    assertThat(fixture.freeze.current()).isEmpty();
  }

  @Test
  void badArgumentsGetTheUsageAndReachNoGate() {
    assertThat(quick(ALICE, "freeze"))
        .contains("`freeze` needs `on` or `off`.")
        .contains("Usage: `/warden freeze on|off [reason]`");
    assertThat(quick(ALICE, "freeze maybe")).contains("not `maybe`");
    assertThat(quick(ALICE, "approve")).contains("Usage: `/warden approve &lt;id&gt;`");
    assertThat(quick(ALICE, "approve 42")).contains("`42` is not a request id.");
    assertThat(quick(ALICE, "approve " + UUID.randomUUID() + " twice"))
        .contains("Usage: `/warden approve");
    assertThat(quick(ALICE, "deny")).contains("Usage: `/warden deny &lt;id&gt; [reason]`");
    assertThat(quick(ALICE, "deny <!channel>")).contains("`&lt;!channel&gt;` is not a request id.");
    assertThat(fixture.audit.entries).isEmpty();
  }

  @Test
  void anUnknownRequestIsRefusedByTheGate() {
    String id = UUID.randomUUID().toString();

    assertThat(slow(ALICE, "approve " + id).message().text())
        .isEqualTo("Refused (not found): no approval request " + id);
  }

  @Test
  void aSlowCommandThatThrowsAnswersFailedThroughTheResponder() {
    ApprovalStore broken =
        new ApprovalStore() {
          @Override
          public void create(ApprovalRequest request) {}

          @Override
          public Optional<ApprovalRequest> find(String id) {
            throw new IllegalStateException("the database is down");
          }

          @Override
          public VoteResult addVote(String requestId, Vote vote) {
            return VoteResult.NOT_FOUND;
          }

          @Override
          public boolean transition(
              String requestId, ApprovalState from, ApprovalState to, Instant at, String note) {
            return false;
          }

          @Override
          public List<ApprovalRequest> pending() {
            return List.of();
          }
        };
    ChatCommands failing =
        fixture
            .builder(dev.warden.core.llm.LlmGateway.builder().ledger(fixture.ledger).build())
            .approvals(broken)
            .build();
    String id = UUID.randomUUID().toString();
    RecordingResponder later = new RecordingResponder();

    assertThat(failing.handle(request(ALICE, "approve " + id), later).text())
        .isEqualTo(ChatCommands.WORKING);
    fixture.executor.runAll();

    assertThat(later.only())
        .isEqualTo("failed: approve `" + id + "` (IllegalStateException: the database is down)")
        .doesNotContain("\tat ");
  }
}
