package dev.warden.core.chat.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.CommandRequest;
import dev.warden.core.chat.Responder;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.GateListener;
import dev.warden.core.integration.Availability;
import dev.warden.core.integration.Integration;
import dev.warden.core.kubernetes.Clusters;
import dev.warden.core.kubernetes.Kubectl;
import dev.warden.core.kubernetes.KubernetesExecutor;
import dev.warden.core.llm.Feature;
import dev.warden.core.llm.GatewaySettings;
import dev.warden.core.llm.GatewaySettings.FeatureSettings;
import dev.warden.core.llm.LlmGateway;
import dev.warden.core.llm.ModelRef;
import dev.warden.core.llm.ScriptedProvider;
import dev.warden.core.policy.PolicyLoader;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.redact.Redactor;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.RunbookLoader;
import dev.warden.core.runbook.run.RunbookEngine;
import dev.warden.core.testing.InMemoryApprovalStore;
import dev.warden.core.testing.InMemoryAuditLog;
import dev.warden.core.testing.InMemoryCluster;
import dev.warden.core.testing.InMemoryFreezeSwitch;
import dev.warden.core.testing.InMemoryRunStore;
import dev.warden.core.testing.InMemoryUsageLedger;
import dev.warden.core.testing.ManualRunScheduler;
import dev.warden.core.testing.MutableClock;
import dev.warden.core.testing.RecordingChatSurface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything the commands work on, as the application wires it but in memory: the real gate and
 * policy engine with the policies below, the run engine with the shipped runbooks, the Kubernetes
 * executor on a cluster with one pod whose log holds secrets, a recording chat surface, and an
 * executor that runs the slow commands only when the test says so.
 */
final class Fixture {
  static final String ALICE = "U0ALICE01";
  static final String BOB = "U0BOB0001";
  static final String CAROL = "U0CAROL01";
  static final String OUTSIDER = "U0DAVE001";
  static final String CHANNEL = "C0OPS0001";

  static final String POLICIES =
      """
      groups:
        sre: [U0ALICE01, U0BOB0001, U0CAROL01]
      rules:
        - name: reads
          match: { readOnly: true }
          level: autonomous
        - name: messages
          match: { actions: [notify] }
          level: autonomous
        - name: freeze-needs-sre
          match: { actions: [warden.freeze] }
          level: approve-first
          approvals: { approvers: ["@sre"], min: 1, ttl: 30m }
        - name: prod-changes
          match: { readOnly: false, namespaces: ["prod*"] }
          level: approve-first
          approvals: { approvers: ["@sre"], min: 2, ttl: 30m }
      """;

  static final String FREEZE_BY_PEOPLE =
      """
      rules:
        - name: freeze-switch-by-people
          match: { actions: [warden.freeze] }
          when: 'action.requester.type == "person"'
          level: autonomous
      """;

  static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-1
        namespace: shop
        creationTimestamp: "2026-11-27T10:00:00Z"
      spec:
        containers:
          - name: app
            image: registry.example.com/shop/web:1.5.0
      """;

  static final String AWS_KEY = "AKIAQYLPMN5HHHFPZAM2";
  static final String PASSWORD = "s3cr3t-Passw0rd";

  static final String LOG =
      """
      2026-11-27T11:58:00Z INFO started web on port 8080
      2026-11-27T11:58:01Z INFO connecting with aws_access_key_id=AKIAQYLPMN5HHHFPZAM2
      2026-11-27T11:58:02Z ERROR checkout failed: db_password=s3cr3t-Passw0rd rejected <!channel>
      2026-11-27T11:58:03Z ERROR checkout failed: db_password=s3cr3t-Passw0rd rejected <!channel>
      2026-11-27T11:58:04Z WARN retrying checkout in 5s
      """;

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
  final InMemoryAuditLog audit = new InMemoryAuditLog();
  final InMemoryFreezeSwitch freeze = new InMemoryFreezeSwitch();
  final InMemoryRunStore runs = new InMemoryRunStore();
  final ManualRunScheduler scheduler = new ManualRunScheduler(clock);
  final InMemoryUsageLedger ledger = new InMemoryUsageLedger();
  final InMemoryCluster cluster = new InMemoryCluster("prod");
  final RecordingChatSurface surface = new RecordingChatSurface();
  final AtomicReference<PolicySet> policies = new AtomicReference<>(policies(POLICIES));
  final List<Runbook> runbooks = shipped();
  final QueuedExecutor executor = new QueuedExecutor();
  final List<Integration> integrations =
      List.of(
          integration("kubernetes", Availability.enabled("cluster prod")),
          integration("github", Availability.disabled("no warden.github.token")));
  final KubernetesExecutor kubernetes =
      new KubernetesExecutor(Clusters.of(cluster), clock, Redactor.standard());
  final ActionGate gate;
  final RunbookEngine engine;
  OpenAlertGroups alerts = OpenAlertGroups.NONE;

  Fixture() {
    cluster.put(POD).log("shop", "web-1", "app", false, LOG);
    AtomicReference<RunbookEngine> engineRef = new AtomicReference<>();
    gate =
        ActionGate.builder()
            .policies(policies::get)
            .freezeSwitch(freeze)
            .approvals(approvals)
            .audit(audit)
            .executors(List.of(kubernetes))
            .clock(clock)
            .listener(GateListener.later(engineRef::get))
            .build();
    engine =
        RunbookEngine.builder()
            .gate(gate)
            .approvals(approvals)
            .runs(runs)
            .scheduler(scheduler)
            .audit(audit)
            .runbooks(name -> runbooks.stream().filter(r -> r.name().equals(name)).findFirst())
            .policies(policies::get, freeze)
            .executors(List.of(kubernetes))
            .commands(Kubectl::command)
            .clock(clock)
            .build();
    engineRef.set(engine);
  }

  /** The commands without a model. */
  ChatCommands commands() {
    return commands(LlmGateway.builder().ledger(ledger).clock(clock).build());
  }

  ChatCommands commands(LlmGateway llm) {
    return builder(llm).build();
  }

  ChatCommands.Builder builder(LlmGateway llm) {
    return ChatCommands.builder()
        .gate(gate)
        .approvals(approvals)
        .policies(policies::get)
        .freezeSwitch(freeze)
        .integrations(integrations)
        .llm(llm)
        .ledger(ledger)
        .runbooks(() -> runbooks)
        .engine(engine)
        .alerts(() -> alerts.open())
        .surface(surface)
        .executor(executor)
        .clock(clock);
  }

  /** A gateway whose {@code summarise} model answers from {@code script}. */
  LlmGateway scripted(String script) {
    return LlmGateway.builder()
        .provider(ScriptedProvider.parse("script.jsonl", script))
        .settings(
            new GatewaySettings(
                Map.of(
                    Feature.SUMMARISE,
                    FeatureSettings.of(List.of(new ModelRef("scripted", "demo")))),
                Map.of(),
                Map.of(),
                GatewaySettings.RetrySettings.DEFAULT,
                GatewaySettings.BreakerSettings.DEFAULT,
                GatewaySettings.CacheSettings.DEFAULT))
        .ledger(ledger)
        .clock(clock)
        .build();
  }

  static CommandRequest request(String user, String text) {
    return new CommandRequest("/warden", text, user, CHANNEL);
  }

  static PolicySet policies(String yaml) {
    PolicyLoader.Loaded loaded = PolicyLoader.parse("policies.yaml", yaml);
    assertThat(loaded.problems()).noneMatch(problem -> problem.isError());
    return loaded.policies().orElseThrow();
  }

  /** The runbooks in {@code runbooks/} of the repository, loaded once: they are immutable. */
  static synchronized List<Runbook> shipped() {
    if (shipped == null) {
      RunbookLoader.Loaded loaded = RunbookLoader.load(List.of(runbooksDirectory()));
      assertThat(loaded.problems()).isEmpty();
      shipped = loaded.runbooks().orElseThrow();
    }
    return shipped;
  }

  private static List<Runbook> shipped;

  private static Path runbooksDirectory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("runbooks/runbook.schema.json"))) {
        return dir.resolve("runbooks");
      }
    }
    throw new IllegalStateException("runbooks/ of the repository not found");
  }

  private static Integration integration(String name, Availability availability) {
    return new Integration() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Availability availability() {
        return availability;
      }
    };
  }

  /** Runs what it is given only when the test calls {@link #runAll}, on the test's thread. */
  static final class QueuedExecutor implements Executor {
    private final Deque<Runnable> queued = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable command) {
      queued.add(command);
    }

    synchronized int size() {
      return queued.size();
    }

    /** Runs everything queued, and what that queues, until nothing is left. */
    void runAll() {
      for (; ; ) {
        Runnable next;
        synchronized (this) {
          next = queued.poll();
        }
        if (next == null) {
          return;
        }
        next.run();
      }
    }
  }

  /** A {@link Responder} that keeps what it was asked to send. */
  static final class RecordingResponder implements Responder {
    /** One answer. */
    record Sent(boolean inChannel, ChatMessage message) {}

    final List<Sent> sent = new ArrayList<>();

    @Override
    public synchronized void ephemeral(ChatMessage message) {
      sent.add(new Sent(false, message));
    }

    @Override
    public synchronized void inChannel(ChatMessage message) {
      sent.add(new Sent(true, message));
    }

    /** The only answer's text. */
    synchronized String only() {
      assertThat(sent).hasSize(1);
      return sent.get(0).message().text();
    }
  }
}
