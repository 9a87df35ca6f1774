package dev.warden.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.app.approval.QuartzExpiryScheduler;
import dev.warden.app.inbox.InboxWorker;
import dev.warden.app.testing.ApprovalPoliciesConfiguration;
import dev.warden.app.testing.RecordingHandler;
import dev.warden.app.testing.RecordingHandlerConfiguration;
import dev.warden.app.testing.WebhookClient;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.audit.AuditChain;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.GateOutcome;
import dev.warden.core.gate.VoteOutcome;
import dev.warden.core.inbox.Inbox;
import dev.warden.core.inbox.InboxItem;
import dev.warden.core.inbox.ReceivedEvent;
import dev.warden.core.inbox.State;
import dev.warden.core.testing.SharedFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restart loses nothing and re-runs nothing that finished: events accepted but not yet processed,
 * and one whose processing was cut off mid-way, are processed by the next run; events already done
 * are not. Expiry timers of approval requests survive it too.
 */
abstract class RestartContract {
  private static final String SECRET = "restart-secret";
  private static final Duration APPROVAL_TTL = Duration.ofSeconds(4);

  @TempDir Path workDir;

  /** The {@code --spring.datasource.*} arguments of a database that outlives one run. */
  protected abstract List<String> databaseArguments(Path workDir);

  private ConfigurableApplicationContext start() {
    return start(APPROVAL_TTL);
  }

  private ConfigurableApplicationContext start(Duration approvalTtl) {
    // as command-line arguments: SpringApplicationBuilder.properties() would rank below
    // application.yml
    List<String> args = new ArrayList<>(databaseArguments(workDir));
    args.addAll(
        List.of(
            "--server.port=0",
            "--warden.github.webhook-secret=" + SECRET,
            "--warden.inbox.lease=2s",
            "--warden.inbox.poll-interval=200ms",
            "--test.approval-ttl=" + approvalTtl.toSeconds() + "s"));
    return new SpringApplicationBuilder(
            WardenApplication.class,
            RecordingHandlerConfiguration.class,
            ApprovalPoliciesConfiguration.class)
        .run(args.toArray(String[]::new));
  }

  @Test
  void processesWhatWasLeftAndNothingThatFinished() {
    byte[] body = SharedFixtures.bytes("github/pull_request.opened.02.json");
    List<String> done = List.of("done-1", "done-2", "done-3");
    List<String> waiting = List.of("waiting-1", "waiting-2");

    try (ConfigurableApplicationContext first = start()) {
      var client = new WebhookClient(port(first));
      done.forEach(
          id ->
              assertThat(client.github(SECRET, "pull_request", id, body).statusCode())
                  .isEqualTo(202));
      Inbox inbox = first.getBean(Inbox.class);
      await().untilAsserted(() -> assertThat(inbox.countByState()).containsEntry(State.DONE, 3L));

      first.getBean(InboxWorker.class).stop(); // from here on nothing is processed
      assertThat(client.github(SECRET, "pull_request", "cut-off", body).statusCode())
          .isEqualTo(202);
      // a worker claims "cut-off", and the process dies before it finishes
      assertThat(inbox.claimDue(Instant.now(), Duration.ofSeconds(2), 1))
          .extracting(ReceivedEvent::dedupKey)
          .containsExactly("cut-off");
      waiting.forEach(
          id ->
              assertThat(client.github(SECRET, "pull_request", id, body).statusCode())
                  .isEqualTo(202));
    }

    try (ConfigurableApplicationContext second = start()) {
      RecordingHandler handler = second.getBean(RecordingHandler.class);
      Inbox inbox = second.getBean(Inbox.class);

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(inbox.countByState()).isEqualTo(Map.of(State.DONE, 6L)));
      assertThat(handler.handled())
          .extracting(ReceivedEvent::dedupKey)
          .containsExactlyInAnyOrder("waiting-1", "waiting-2", "cut-off");
      Optional<InboxItem> cutOff =
          inbox.recent(10, Optional.empty()).stream()
              .filter(item -> item.dedupKey().equals("cut-off"))
              .findFirst();
      assertThat(cutOff).map(InboxItem::attempts).contains(2);
    }
  }

  @Test
  void expiresARequestThatWasPendingWhenItStopped() {
    String id;
    try (ConfigurableApplicationContext first = start()) {
      GateOutcome outcome =
          first.getBean(ActionGate.class).submit(ApprovalPoliciesConfiguration.restart());
      id = ((GateOutcome.AwaitingApproval) outcome).request().id();
      assertThat(first.getBean(QuartzExpiryScheduler.class).isScheduled(id)).isTrue();
    }
    Instant restarted = Instant.now();

    try (ConfigurableApplicationContext second = start()) {
      ApprovalStore approvals = second.getBean(ApprovalStore.class);
      AuditLog audit = second.getBean(AuditLog.class);

      // the second run sets the timers of pending requests again when it starts; the state
      // changes first and its audit entry is the next write, so both are awaited
      await()
          .atMost(Duration.ofSeconds(45))
          .untilAsserted(
              () -> {
                assertThat(approvals.find(id))
                    .map(ApprovalRequest::state)
                    .contains(ApprovalState.EXPIRED);
                assertThat(audit.read(1, 1_000))
                    .filteredOn(entry -> entry.type().equals("approval.expired"))
                    .isNotEmpty();
              });
      // expired by the second run's timer, not before the first one stopped
      assertThat(audit.read(1, 1_000))
          .filteredOn(entry -> entry.type().equals("approval.expired"))
          .singleElement()
          .satisfies(
              entry -> {
                assertThat(entry.body()).contains("\"request\":\"" + id + "\"");
                assertThat(entry.at()).isAfterOrEqualTo(restarted);
              });
      assertThat(AuditChain.verify(audit).intact()).isTrue();
    }
  }

  @Test
  void approvesARequestThatWasPendingWhenItStoppedOnceAndOnlyOnce() {
    ApprovalRequest request;
    try (ConfigurableApplicationContext first = start(Duration.ofMinutes(10))) {
      GateOutcome outcome =
          first.getBean(ActionGate.class).submit(ApprovalPoliciesConfiguration.restart());
      request = ((GateOutcome.AwaitingApproval) outcome).request();
    }

    try (ConfigurableApplicationContext second = start(Duration.ofMinutes(10))) {
      ActionGate gate = second.getBean(ActionGate.class);
      assertThat(second.getBean(ApprovalStore.class).pending())
          .extracting(ApprovalRequest::id)
          .contains(request.id());
      VoteOutcome vote =
          gate.approve(request.id(), ApprovalPoliciesConfiguration.APPROVER, request.actionHash());
      // no Kubernetes cluster is configured: the action is "run" as a recorded failure, once
      assertThat(vote)
          .isInstanceOfSatisfying(
              VoteOutcome.Executed.class,
              executed ->
                  assertThat(executed.result().summary())
                      .contains("no Kubernetes cluster is configured"));
      assertThat(
              gate.approve(
                  request.id(), ApprovalPoliciesConfiguration.APPROVER, request.actionHash()))
          .isInstanceOfSatisfying(
              VoteOutcome.Refused.class,
              refused -> assertThat(refused.refusal()).isEqualTo(VoteOutcome.Refusal.NOT_PENDING));
      assertThat(second.getBean(ApprovalStore.class).find(request.id()))
          .map(ApprovalRequest::state)
          .contains(ApprovalState.EXECUTED);
      assertThat(AuditChain.verify(second.getBean(AuditLog.class)).intact()).isTrue();
    }
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }
}
