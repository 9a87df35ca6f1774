package dev.warden.app.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.app.slack.FakeSlack.Call;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.audit.AuditEntry;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.chat.ChatActions;
import dev.warden.core.policy.FreezeSwitch;
import dev.warden.core.policy.GlobalFreeze;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The approval loop through Slack, end to end: a person's {@code /warden freeze on} needs two
 * approvals, so Warden posts an approval message (Block Kit, Approve/Deny/Details carrying the
 * request id) to a fake Slack Web API; signed button clicks to {@code /slack/events} then vote. The
 * requester, a stranger and a second click of the same approver are refused to the clicking person
 * only and audited; two authorised approvers (one by a Slack user group) execute the action once
 * and the message loses its buttons; a click after the TTL is refused; a forged click is 401 and
 * counts nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the database file and the fake Slack belong to this class: close the context after it
@DirtiesContext
class SlackApprovalLoopIT {
  private static final String SIGNING_SECRET = "approval-loop-it-signing-secret";
  private static final String BOT_TOKEN = "xoxb-FAKE-approval-loop-it-token";
  private static final String CHANNEL = "C0APPROVALS";
  private static final String OPS = "C0OPS";
  private static final String REQUESTER = "U0REQUESTER";
  private static final String APPROVER = "U0APPROVER1";
  private static final String STRANGER = "U0STRANGER";
  private static final String ONCALL_1 = "U0ONCALL01";
  private static final String ONCALL_2 = "U0ONCALL02";
  private static final String ONCALL_3 = "U0ONCALL03";
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Pattern REQUEST_ID = Pattern.compile("request `([^`]+)`");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  // both rules ask two of the same approvers; of two approve-first rules with as many approvals
  // the shorter TTL decides, so a "drill" freeze expires after 2 seconds. ('reason' in ... rather
  // than has(...): the policy compiler does not enable CEL's has() macro)
  private static final String POLICIES =
      """
      rules:
        - name: freeze-needs-two
          match: { actions: [warden.freeze] }
          level: approve-first
          approvals: { approvers: [U0APPROVER1, "slack-group:S0ONCALL"], min: 2, ttl: 30m }
        - name: freeze-drills-expire
          match: { actions: [warden.freeze] }
          when: "'reason' in action.parameters && action.parameters.reason.startsWith('drill')"
          level: approve-first
          approvals: { approvers: [U0APPROVER1, "slack-group:S0ONCALL"], min: 2, ttl: 2s }
      """;

  @TempDir static Path workDir;
  static FakeSlack slack;

  @DynamicPropertySource
  static void slackAndFiles(DynamicPropertyRegistry registry) throws IOException {
    slack = FakeSlack.start(SIGNING_SECRET);
    slack.members("S0ONCALL", ONCALL_1, ONCALL_2, ONCALL_3);
    Path policies = Files.createDirectories(workDir.resolve("policies"));
    Files.writeString(policies.resolve("policies.yaml"), POLICIES);
    Path runbooks = Files.createDirectories(workDir.resolve("runbooks"));
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:retry:" + workDir.resolve("data/warden") + ";WRITE_DELAY=0");
    registry.add("warden.policy.dir", policies::toString);
    registry.add("warden.runbooks.dir", runbooks::toString);
    registry.add("warden.slack.bot-token", () -> BOT_TOKEN);
    registry.add("warden.slack.signing-secret", () -> SIGNING_SECRET);
    registry.add("warden.slack.api-url", slack::apiUrl);
    registry.add("warden.slack.default-channel", () -> CHANNEL);
  }

  @AfterAll
  static void stopSlack() {
    if (slack != null) {
      slack.close();
    }
  }

  @LocalServerPort int port;
  @Autowired ApprovalStore approvals;
  @Autowired AuditLog audit;
  @Autowired FreezeSwitch freezeSwitch;

  @Test
  void twoAuthorisedApproversExecuteTheActionOnceAndEveryOtherClickIsRefusedAndAudited() {
    String requestId = requestFreeze("on maintenance window");

    // the approval message: Block Kit with Approve, Deny and Details, each carrying the id only
    Call posted = awaitApprovalMessage(requestId);
    assertThat(slack.calls("chat.postMessage"))
        .filteredOn(call -> call.allText().contains(requestId))
        .hasSize(1);
    assertThat(posted.param("channel")).contains(CHANNEL);
    assertThat(posted.param("thread_ts")).isEmpty();
    assertThat(posted.allText())
        .contains("Approval needed")
        .contains("warden.freeze")
        .contains("<@" + REQUESTER + ">")
        .contains("*Approvals:* 0 of 2");
    assertThat(posted.buttons())
        .extracting(button -> button.path("action_id").asString())
        .containsExactly(ChatActions.APPROVE, ChatActions.DENY, ChatActions.DETAILS);
    assertThat(posted.buttons())
        .extracting(button -> button.path("value").asString())
        .containsOnly(requestId);
    String ts = posted.ts();

    // the requester may not approve their own action
    assertThat(click(REQUESTER, ts, ChatActions.APPROVE, requestId).statusCode()).isEqualTo(200);
    assertThat(awaitEphemerals(REQUESTER, 1).get(0).allText())
        .contains("Your vote was not counted")
        .contains("someone else must approve");
    assertThat(awaitRefusals(requestId, REQUESTER, 1))
        .extracting(entry -> body(entry).path("refusal").asString())
        .containsExactly("SELF_APPROVAL");

    // nor may someone the rule does not name
    assertThat(click(STRANGER, ts, ChatActions.APPROVE, requestId).statusCode()).isEqualTo(200);
    assertThat(awaitEphemerals(STRANGER, 1).get(0).allText())
        .contains("you are not among the approvers");
    assertThat(awaitRefusals(requestId, STRANGER, 1))
        .extracting(entry -> body(entry).path("refusal").asString())
        .containsExactly("NOT_AUTHORISED");
    assertThat(approvals.find(requestId).orElseThrow().votes()).isEmpty();

    // a double click of an approver counts once
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(() -> click(APPROVER, ts, ChatActions.APPROVE, requestId));
    CompletableFuture<HttpResponse<String>> second =
        CompletableFuture.supplyAsync(() -> click(APPROVER, ts, ChatActions.APPROVE, requestId));
    assertThat(first.join().statusCode()).isEqualTo(200);
    assertThat(second.join().statusCode()).isEqualTo(200);
    List<Call> approverAnswers = awaitEphemerals(APPROVER, 2);
    assertThat(approverAnswers)
        .extracting(Call::allText)
        .anySatisfy(text -> assertThat(text).contains("Your approval is counted: 1 of 2"))
        .anySatisfy(text -> assertThat(text).contains("your vote is already counted"));
    assertThat(awaitRefusals(requestId, APPROVER, 1))
        .extracting(entry -> body(entry).path("refusal").asString())
        .containsExactly("ALREADY_VOTED");
    assertThat(approvals.find(requestId).orElseThrow().votes())
        .extracting(vote -> vote.approverId())
        .containsExactly(APPROVER);
    Call oneOfTwo =
        await()
            .atMost(PATIENCE)
            .until(
                () -> lastUpdate(ts),
                update -> update != null && update.allText().contains("*Approvals:* 1 of 2"));
    assertThat(oneOfTwo.param("channel")).contains(CHANNEL);
    assertThat(oneOfTwo.buttons()).hasSize(3);
    assertThat(freezeSwitch.current()).isEmpty();

    // two members of the on-call user group click at once: one completes the quorum, the action
    // runs once
    CompletableFuture<HttpResponse<String>> oncall1 =
        CompletableFuture.supplyAsync(() -> click(ONCALL_1, ts, ChatActions.APPROVE, requestId));
    CompletableFuture<HttpResponse<String>> oncall2 =
        CompletableFuture.supplyAsync(() -> click(ONCALL_2, ts, ChatActions.APPROVE, requestId));
    assertThat(oncall1.join().statusCode()).isEqualTo(200);
    assertThat(oncall2.join().statusCode()).isEqualTo(200);
    List<Call> completing =
        List.of(awaitEphemerals(ONCALL_1, 1).get(0), awaitEphemerals(ONCALL_2, 1).get(0));
    assertThat(completing)
        .filteredOn(call -> call.allText().contains("Your approval completed the request"))
        .hasSize(1)
        .allSatisfy(call -> assertThat(call.allText()).contains("global freeze on"));

    GlobalFreeze freeze = freezeSwitch.current().orElseThrow();
    assertThat(freeze.reason()).isEqualTo("maintenance window");
    assertThat(freeze.by()).isEqualTo(REQUESTER);
    assertThat(entries("execution"))
        .filteredOn(entry -> requestId.equals(body(entry).path("request").asString()))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(body(entry).path("succeeded").asBoolean()).isTrue();
              assertThat(body(entry).path("kind").asString()).isEqualTo("warden.freeze");
            });
    assertThat(approvals.find(requestId).orElseThrow().state()).isEqualTo(ApprovalState.EXECUTED);

    Call done =
        await()
            .atMost(PATIENCE)
            .until(
                () -> lastUpdate(ts),
                update -> update != null && update.allText().contains("executed"));
    assertThat(done.blocksOfType("actions")).isEmpty();
    assertThat(done.allText()).contains("Approved by").contains("<@" + APPROVER + ">");
    assertThat(slack.calls("chat.update"))
        .filteredOn(call -> call.param("ts").orElse("").equals(ts))
        .allSatisfy(call -> assertThat(call.param("channel")).contains(CHANNEL));
    // still exactly one execution once every answer is out
    assertThat(entries("execution"))
        .filteredOn(entry -> requestId.equals(body(entry).path("request").asString()))
        .hasSize(1);
    // the bot token goes in a header, never in a body
    assertThat(slack.calls())
        .allSatisfy(
            call ->
                assertThat(call.body()).doesNotContain(BOT_TOKEN).doesNotContain(SIGNING_SECRET));
  }

  @Test
  void aClickAfterTheRequestExpiredIsRefusedAndRunsNothing() {
    String requestId = requestFreeze("on drill of the expiry");
    ApprovalRequest request = approvals.find(requestId).orElseThrow();
    assertThat(request.rule()).contains("freeze-drills-expire");
    Call posted = awaitApprovalMessage(requestId);
    await().atMost(PATIENCE).until(() -> Instant.now().isAfter(request.expiresAt()));

    assertThat(click(ONCALL_3, posted.ts(), ChatActions.APPROVE, requestId).statusCode())
        .isEqualTo(200);

    assertThat(awaitEphemerals(ONCALL_3, 1).get(0).allText())
        .contains("Your vote was not counted")
        .contains("expired");
    assertThat(awaitRefusals(requestId, ONCALL_3, 1))
        .extracting(entry -> body(entry).path("refusal").asString())
        .singleElement()
        .isIn("EXPIRED", "NOT_PENDING");
    assertThat(approvals.find(requestId).orElseThrow().state()).isEqualTo(ApprovalState.EXPIRED);
    assertThat(approvals.find(requestId).orElseThrow().votes()).isEmpty();
    assertThat(entries("execution"))
        .noneMatch(entry -> requestId.equals(body(entry).path("request").asString()));
    Call expired =
        await()
            .atMost(PATIENCE)
            .until(
                () -> lastUpdate(posted.ts()),
                update -> update != null && update.allText().contains("Expired"));
    assertThat(expired.blocksOfType("actions")).isEmpty();
  }

  @Test
  void aForgedClickIs401AndCountsNothing() {
    String requestId = requestFreeze("off after the release");
    Call posted = awaitApprovalMessage(requestId);

    HttpResponse<String> forged =
        slack.clickSignedWith(
            "not-the-signing-secret",
            port,
            APPROVER,
            CHANNEL,
            posted.ts(),
            ChatActions.APPROVE,
            requestId,
            "forged-" + UUID.randomUUID());

    assertThat(forged.statusCode()).isEqualTo(401);
    // a 401 is answered before any handler is called; nothing may arrive later either
    await()
        .during(Duration.ofMillis(500))
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(approvals.find(requestId).orElseThrow().votes()).isEmpty();
              assertThat(approvals.find(requestId).orElseThrow().state())
                  .isEqualTo(ApprovalState.PENDING);
              assertThat(entriesAbout(requestId))
                  .extracting(AuditEntry::type)
                  .containsExactly("approval.requested");
            });
  }

  /**
   * Types {@code /warden freeze <args>} as the requester and returns the id of the approval
   * request, read from the answer Warden sends later to the command's {@code response_url}.
   */
  private String requestFreeze(String args) {
    String responseName = "command-" + UUID.randomUUID();
    HttpResponse<String> ack =
        slack.slashCommand(port, REQUESTER, OPS, "/warden", "freeze " + args, responseName);
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ack.body()).path("response_type").asString()).isEqualTo("ephemeral");

    Call answer =
        await()
            .atMost(PATIENCE)
            .until(() -> slack.responses(responseName), calls -> !calls.isEmpty())
            .get(0);
    JsonNode reply = answer.json();
    assertThat(reply.path("response_type").asString()).isEqualTo("ephemeral");
    String text = reply.path("text").asString();
    assertThat(text).contains("needs approval");
    Matcher id = REQUEST_ID.matcher(text);
    assertThat(id.find()).as(text).isTrue();
    return id.group(1);
  }

  /** The one approval message posted for the request (its context line names the id). */
  private Call awaitApprovalMessage(String requestId) {
    return await()
        .atMost(PATIENCE)
        .until(
            () ->
                slack.calls("chat.postMessage").stream()
                    .filter(call -> call.allText().contains(requestId))
                    .findFirst()
                    .orElse(null),
            call -> call != null);
  }

  /** Waits for at least {@code count} ephemeral answers to {@code user}, and returns them all. */
  private List<Call> awaitEphemerals(String user, int count) {
    List<Call> ephemerals =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    slack.calls("chat.postEphemeral").stream()
                        .filter(call -> call.param("user").orElse("").equals(user))
                        .toList(),
                calls -> calls.size() >= count);
    assertThat(ephemerals).hasSize(count);
    assertThat(ephemerals).allSatisfy(call -> assertThat(call.param("channel")).contains(CHANNEL));
    return ephemerals;
  }

  /** Waits for {@code count} {@code approval.refused} entries of {@code user} on the request. */
  private List<AuditEntry> awaitRefusals(String requestId, String user, int count) {
    return await()
        .atMost(PATIENCE)
        .until(
            () ->
                entries("approval.refused").stream()
                    .filter(entry -> requestId.equals(body(entry).path("request").asString()))
                    .filter(entry -> user.equals(body(entry).path("user").asString()))
                    .toList(),
            refusals -> refusals.size() >= count);
  }

  /** The last {@code chat.update} of the message {@code ts}, or null. */
  private Call lastUpdate(String ts) {
    List<Call> updates =
        slack.calls("chat.update").stream()
            .filter(call -> call.param("ts").orElse("").equals(ts))
            .toList();
    return updates.isEmpty() ? null : updates.get(updates.size() - 1);
  }

  private HttpResponse<String> click(String user, String ts, String actionId, String requestId) {
    return slack.click(port, user, CHANNEL, ts, actionId, requestId, "click-" + UUID.randomUUID());
  }

  private List<AuditEntry> entries(String type) {
    return audit.read(1, 100_000).stream().filter(entry -> entry.type().equals(type)).toList();
  }

  /** The entries about the request: opened, votes, refusals, decisions, execution. */
  private List<AuditEntry> entriesAbout(String requestId) {
    return audit.read(1, 100_000).stream()
        .filter(entry -> requestId.equals(body(entry).path("request").asString()))
        .toList();
  }

  private static JsonNode body(AuditEntry entry) {
    return JSON.readTree(entry.body());
  }
}
