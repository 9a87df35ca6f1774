package dev.warden.core.chat.command;

import static dev.warden.core.chat.command.Fixture.ALICE;
import static dev.warden.core.chat.command.Fixture.CHANNEL;
import static dev.warden.core.chat.command.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.chat.CommandRequest;
import dev.warden.core.chat.MessageRef;
import dev.warden.core.chat.alerts.OpenAlertGroup;
import dev.warden.core.chat.command.Fixture.RecordingResponder;
import dev.warden.core.llm.UsageRecord;
import dev.warden.core.policy.GlobalFreeze;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The quick commands, parsing, usage messages and failures. */
class ChatCommandsTest {
  private final Fixture fixture = new Fixture();
  private final ChatCommands commands = fixture.commands();
  private final RecordingResponder later = new RecordingResponder();

  private String answer(String user, String text) {
    String answer = commands.handle(request(user, text), later).text();
    assertThat(fixture.executor.size()).as("a quick command queues nothing").isZero();
    assertThat(later.sent).isEmpty();
    return answer;
  }

  @Test
  void helpListsEveryCommandUnderTheNameItWasCalledBy() {
    String help = commands.handle(new CommandRequest("/ops", "help", ALICE, CHANNEL), later).text();

    assertThat(help.lines().filter(line -> line.startsWith("• `/ops "))).hasSize(13);
    assertThat(help)
        .contains("`/ops status`")
        .contains("`/ops alerts`")
        .contains("`/ops runbook list`")
        .contains("`/ops runbook plan &lt;name&gt; [label=value ...]")
        .contains("`/ops runbook run &lt;name&gt;")
        .contains("`/ops approvals`")
        .contains("`/ops approve &lt;id&gt;`")
        .contains("`/ops deny &lt;id&gt; [reason]`")
        .contains("`/ops policy explain &lt;action kind&gt; [namespace]`")
        .contains("`/ops freeze on|off [reason]`")
        .contains("`/ops usage`")
        .contains("`/ops summarize &lt;namespace&gt;/&lt;pod&gt;`")
        .doesNotContain("/warden");
    assertThat(commands.handle(new CommandRequest("/ops", "  ", ALICE, CHANNEL), later).text())
        .isEqualTo(help);
  }

  @Test
  void anUnknownCommandGetsTheUsageWithTheWordEscaped() {
    String answer = answer(ALICE, "`frob` <!channel> now");

    assertThat(answer).startsWith("Unknown command `'frob'`.").contains("• `/warden status`");
    assertThat(answer).doesNotContain("<!channel>").doesNotContain("``");
  }

  @Test
  void hostileInputIsEscapedWhereverItIsEchoed() {
    // as the chat service sends it (its own escapes) and as typed
    for (String hostile : List.of("&lt;!channel&gt;", "<!channel>", "<@U0BOB0001>")) {
      String answer = answer(ALICE, "policy explain " + hostile);
      assertThat(answer).doesNotContain("<!").doesNotContain("<@").contains("&lt;");
      assertThat(answer).doesNotContain("&amp;lt;");
    }
    String backticks = answer(ALICE, "summarize \"`ns`/pod\"");
    assertThat(backticks).contains("`'ns'` is not a Kubernetes namespace.");
  }

  @Test
  void anUnclosedQuoteIsAUsageError() {
    assertThat(answer(ALICE, "deny 1 \"not now")).startsWith("A quote is not closed.");
  }

  @Test
  void statusShowsIntegrationsTheModelTheFreezeAndPendingApprovals() {
    String quiet = answer(ALICE, "status");

    assertThat(quiet)
        .contains("• kubernetes: enabled – cluster prod")
        .contains("• github: *disabled* – no warden.github.token")
        .contains("*LLM*: no model configured")
        .contains("*Global freeze*: off")
        .contains("*Pending approvals*: 0");

    fixture.freeze.switchOn(
        new GlobalFreeze("release <!here>", Fixture.BOB, Instant.parse("2026-11-27T11:00:00Z")));
    commands.handle(request(Fixture.CAROL, "freeze off"), new RecordingResponder());
    fixture.executor.runAll();
    String busy = answer(ALICE, "status");

    assertThat(busy)
        .contains(
            "*Global freeze*: *on* since 2026-11-27T11:00:00Z, by <@U0BOB0001>: release &lt;!here&gt;")
        .contains("*Pending approvals*: 1 (1 for you: `/warden approvals`)");
    assertThat(answer(ALICE, "status please")).contains("Usage: `/warden status`");
  }

  @Test
  void statusNamesTheModelProviders() {
    ChatCommands withModel =
        fixture.commands(fixture.scripted("{\"feature\": \"summarise\", \"answer\": \"x\"}"));

    assertThat(withModel.handle(request(ALICE, "status"), later).text())
        .contains("*LLM*: models from scripted");
  }

  @Test
  void alertsListsTheOpenGroupsWithTheirChannel() {
    assertThat(answer(ALICE, "alerts")).isEqualTo("No open alert groups.");

    fixture.alerts =
        () ->
            List.of(
                new OpenAlertGroup(
                    "thread-1",
                    new MessageRef("C0ALERTS1", "1767225661.000200"),
                    List.of("KubePodCrashLooping <!here>", "KubePodNotReady"),
                    3,
                    1,
                    Instant.parse("2026-11-27T11:30:00Z")));

    assertThat(answer(ALICE, "alerts"))
        .isEqualTo(
            "*Open alert groups* (1)\n"
                + "• *KubePodCrashLooping &lt;!here&gt;, KubePodNotReady* – 3 firing, 1 resolved,"
                + " since 2026-11-27T11:30:00Z, in <#C0ALERTS1>");
    assertThat(answer(ALICE, "alerts all")).contains("Usage: `/warden alerts`");
  }

  @Test
  void usageTotalsTodaysCallsByFeatureAndModel() {
    assertThat(answer(ALICE, "usage")).isEqualTo("No LLM calls today (2026-11-27, UTC).");

    Instant now = fixture.clock.instant();
    fixture.ledger.record(
        usage(
            now.minus(Duration.ofHours(1)),
            "summarise",
            "openai",
            "gpt-4o-mini",
            1000,
            200,
            "0.000300"));
    fixture.ledger.record(
        usage(
            now.minus(Duration.ofMinutes(5)),
            "summarise",
            "openai",
            "gpt-4o-mini",
            500,
            100,
            "0.000150"));
    fixture.ledger.record(usage(now.minus(Duration.ofMinutes(1)), "review", "none", "", 0, 0, "0"));
    fixture.ledger.record(
        usage(
            now.minus(Duration.ofDays(1)), "summarise", "openai", "gpt-4o-mini", 9999, 9999, "9"));

    assertThat(answer(ALICE, "usage"))
        .isEqualTo(
            "*LLM usage today* (2026-11-27, UTC): 3 calls, 1500 tokens in, 300 out, $0.000450\n"
                + "• review – none: 1 call, 0 tokens in, 0 out, $0.000000\n"
                + "• summarise – openai/gpt-4o-mini: 2 calls, 1500 tokens in, 300 out, $0.000450");
    assertThat(answer(ALICE, "usage yesterday")).contains("Usage: `/warden usage`");
  }

  @Test
  void policyExplainShowsTheDecisionForThatKindInThatNamespace() {
    String restart = answer(ALICE, "policy explain kubernetes.rollout-restart prod-eu");

    assertThat(restart)
        .startsWith(
            "`kubernetes.rollout-restart` in namespace `prod-eu`, asked by you: *approve-first*"
                + " (rule `prod-changes`)")
        .contains("Approvals: 2 of @\u200Bsre within 30 min")
        .contains("• `prod-changes` approve-first – ");
    assertThat(answer(ALICE, "policy explain kubernetes.get"))
        .startsWith("`kubernetes.get`, asked by you: *autonomous* (rule `reads`)");
    assertThat(answer(ALICE, "policy explain kubernetes.rollout-restart shop"))
        .contains("*passive*")
        .contains("No rule matches");
  }

  @Test
  void policyExplainRefusesWhatItCannotExplain() {
    assertThat(answer(ALICE, "policy")).contains("`policy` has one subcommand: `explain`.");
    assertThat(answer(ALICE, "policy check kubernetes.get"))
        .contains("Usage: `/warden policy explain");
    assertThat(answer(ALICE, "policy explain")).contains("takes an action kind");
    assertThat(answer(ALICE, "policy explain kubernetes.nuke"))
        .contains("`kubernetes.nuke` is not an action kind Warden knows")
        .contains("`kubernetes.rollout-restart`");
    assertThat(answer(ALICE, "policy explain kubernetes.get Prod_EU"))
        .contains("`Prod_EU` is not a Kubernetes namespace");
    assertThat(answer(ALICE, "policy explain kubernetes.get prod extra")).contains("Usage:");
  }

  @Test
  void aFailingQuickCommandAnswersFailedNotATrace() {
    fixture.alerts =
        () -> {
          throw new IllegalStateException("alert store <!channel> unavailable");
        };

    String answer = answer(ALICE, "alerts");

    assertThat(answer)
        .isEqualTo("failed: IllegalStateException: alert store &lt;!channel&gt; unavailable");
  }

  @Test
  void aFullExecutorIsAnsweredNotThrown() {
    ChatCommands busy =
        fixture
            .builder(dev.warden.core.llm.LlmGateway.builder().ledger(fixture.ledger).build())
            .executor(
                command -> {
                  throw new RejectedExecutionException("full");
                })
            .build();

    assertThat(busy.handle(request(ALICE, "freeze on"), later).text())
        .startsWith("Warden is too busy");
  }

  private static UsageRecord usage(
      Instant at, String feature, String provider, String model, long in, long out, String cost) {
    return new UsageRecord(
        at,
        feature,
        "",
        provider,
        model,
        "x@1",
        model.isEmpty() ? "deterministic" : "model",
        in,
        out,
        new BigDecimal(cost));
  }
}
