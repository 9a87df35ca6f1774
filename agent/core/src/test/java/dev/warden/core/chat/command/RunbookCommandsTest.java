package dev.warden.core.chat.command;

import static dev.warden.core.chat.command.Fixture.CAROL;
import static dev.warden.core.chat.command.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.action.Requester;
import dev.warden.core.chat.command.Fixture.RecordingResponder;
import dev.warden.core.runbook.run.Run;
import dev.warden.core.runbook.run.RunState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code runbook list|plan|run} on the shipped runbooks. */
class RunbookCommandsTest {
  private static final String CRASHLOOP =
      "crashloop-restart namespace=shop pod=web-1 container=app";

  private final Fixture fixture = new Fixture();
  private final ChatCommands commands = fixture.commands();
  private final RecordingResponder later = new RecordingResponder();

  @Test
  void listShowsEveryShippedRunbook() {
    String list = commands.handle(request(CAROL, "runbook list"), later).text();

    assertThat(list).startsWith("*Runbooks* (" + fixture.runbooks.size() + ")");
    for (String name :
        List.of(
            "crashloop-restart",
            "rollout-stuck-undo",
            "oomkilled-propose-limits",
            "error-rate-undo",
            "node-not-ready-cordon",
            "job-failed-triage",
            "pvc-filling-up",
            "certificate-expiring")) {
      assertThat(list).contains("• `" + name + "` – ");
    }
    assertThat(list).contains("changes things").contains("reads and reports");
    assertThat(fixture.executor.size()).isZero();
  }

  @Test
  void planAnswersAtOnceThenLaterWithEveryStepDecidedAndRunsNothing() {
    String ack = commands.handle(request(CAROL, "runbook plan " + CRASHLOOP), later).text();

    assertThat(ack).isEqualTo(ChatCommands.WORKING);
    assertThat(later.sent).isEmpty();
    fixture.executor.runAll();

    assertThat(later.sent)
        .singleElement()
        .satisfies(sent -> assertThat(sent.inChannel()).isFalse());
    String plan = later.only();
    assertThat(plan)
        .startsWith(
            "*Plan of runbook `crashloop-restart`* for `namespace=shop, pod=web-1, container=app`"
                + " – nothing runs")
        .contains("1. `logs` `kubernetes.pod-logs` – *autonomous* (rule `reads`)")
        .contains("by hand: `kubectl -n shop logs web-1 -c app --previous --tail=500`")
        .contains("`restart` `kubernetes.rollout-restart` – *passive*")
        .contains("pod: `web-1`");
    assertThat(fixture.runs.recent(10)).isEmpty();
    assertThat(fixture.cluster.calls()).isEmpty();
  }

  @Test
  void runStartsARunAsThePersonAndTellsTheChannel() {
    String ack = commands.handle(request(CAROL, "runbook run " + CRASHLOOP), later).text();
    assertThat(ack).isEqualTo(ChatCommands.WORKING);
    assertThat(fixture.runs.recent(10)).isEmpty();

    fixture.executor.runAll();

    Run run = fixture.runs.recent(10).get(0);
    assertThat(run.runbook()).isEqualTo("crashloop-restart");
    assertThat(run.startedBy()).isEqualTo(Requester.person(CAROL));
    assertThat(run.labels()).containsEntry("pod", "web-1").containsEntry("namespace", "shop");
    assertThat(run.state()).isEqualTo(RunState.PROPOSED);
    assertThat(fixture.scheduler.timer(run.id())).isPresent();
    assertThat(later.sent).singleElement().satisfies(sent -> assertThat(sent.inChannel()).isTrue());
    assertThat(later.only())
        .startsWith("<@U0CAROL01> started run `" + run.id() + "` of runbook `crashloop-restart`")
        .contains("someone other than <@U0CAROL01>");
  }

  @Test
  void hostileLabelValuesAreShownEscaped() {
    commands.handle(
        request(
            CAROL,
            "runbook plan crashloop-restart namespace=shop pod=web-1 \"container=<!channel> `x`\""),
        later);
    fixture.executor.runAll();

    assertThat(later.only())
        .doesNotContain("<!channel>")
        .contains("container: `&lt;!channel&gt; 'x'`");
  }

  @Test
  void badArgumentsGetTheUsageAndStartNothing() {
    assertThat(answer("runbook"))
        .contains("`runbook` needs `list`, `plan` or `run`.")
        .contains("`/warden runbook list`")
        .contains("`/warden runbook run &lt;name&gt;");
    assertThat(answer("runbook delete x")).contains("`delete` is not a runbook command.");
    assertThat(answer("runbook list all")).contains("Usage: `/warden runbook list`");
    assertThat(answer("runbook plan")).contains("Which runbook?");
    assertThat(answer("runbook run no-such-runbook"))
        .contains("There is no runbook `no-such-runbook`.")
        .contains("`crashloop-restart`")
        .contains("Usage: `/warden runbook run");
    assertThat(answer("runbook plan crashloop-restart namespace"))
        .contains("`namespace` is not `label=value`.");
    assertThat(answer("runbook plan crashloop-restart bad-label=x"))
        .contains("`bad-label` is not a label name");
    assertThat(answer("runbook plan crashloop-restart namespace="))
        .contains("The value of `namespace` must be 1 to 256 printable characters.");
    assertThat(answer("runbook plan crashloop-restart namespace=a namespace=b"))
        .contains("`namespace` is given twice.");
    assertThat(answer("runbook run crashloop-restart namespace=shop"))
        .contains("parameter pod")
        .contains("Usage: `/warden runbook run");
    assertThat(answer("runbook plan error-rate-undo namespace=shop deployment=web"))
        .contains("parameter health_url");
    assertThat(fixture.runs.recent(10)).isEmpty();
  }

  @Test
  void annotationsAreGivenWithTheirPrefix() {
    commands.handle(
        request(
            CAROL,
            "runbook plan error-rate-undo namespace=shop deployment=web"
                + " annotations.health_url=https://shop.example.com/health"),
        later);
    fixture.executor.runAll();

    assertThat(later.only())
        .contains("annotations.health_url=https://shop.example.com/health")
        .contains("url: `https://shop.example.com/health`");
  }

  private String answer(String text) {
    String answer = commands.handle(request(CAROL, text), later).text();
    assertThat(fixture.executor.size()).as(text).isZero();
    return answer;
  }
}
