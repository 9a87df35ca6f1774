package dev.warden.core.chat.command;

import static dev.warden.core.chat.command.Fixture.CAROL;
import static dev.warden.core.chat.command.Fixture.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.action.Requester;
import dev.warden.core.chat.ButtonClick;
import dev.warden.core.chat.ChatActions;
import dev.warden.core.chat.alerts.AlertThreads;
import dev.warden.core.chat.alerts.ChannelRoutes;
import dev.warden.core.chat.command.Fixture.RecordingResponder;
import dev.warden.core.event.AlertGroupEvent;
import dev.warden.core.event.AlertGroupEvent.Alert;
import dev.warden.core.event.AlertGroupEvent.Status;
import dev.warden.core.event.Source;
import dev.warden.core.inbox.ReceivedEvent;
import dev.warden.core.llm.LlmGateway;
import dev.warden.core.runbook.run.Run;
import dev.warden.core.testing.InMemoryAlertThreadStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Plan and Run buttons of an alert thread's root message, as the person who clicks. */
class RunbookButtonsTest {
  private final Fixture fixture = new Fixture();
  private final InMemoryAlertThreadStore store = new InMemoryAlertThreadStore();
  private final AlertThreads threads =
      new AlertThreads(
          fixture.surface, store, ChannelRoutes.to(CHANNEL), () -> fixture.runbooks, fixture.clock);
  private final ChatCommands commands =
      fixture
          .builder(LlmGateway.builder().ledger(fixture.ledger).clock(fixture.clock).build())
          .alerts(threads::open)
          .threads(threads)
          .build();
  private final RecordingResponder later = new RecordingResponder();
  private String threadId;

  @BeforeEach
  void anAlertGroupHasItsThread() {
    threads.handle(
        new ReceivedEvent(
            1,
            Source.ALERTMANAGER,
            "group-1",
            new AlertGroupEvent(
                "ops",
                "{}:{alertname=\"KubePodCrashLooping\"}",
                Status.FIRING,
                List.of(
                    new Alert(
                        "fp-web-1",
                        Status.FIRING,
                        Map.of(
                            "alertname", "KubePodCrashLooping",
                            "namespace", "shop",
                            "pod", "web-1",
                            "container", "app"),
                        Map.of("summary", "web-1 is crash-looping"),
                        fixture.clock.instant(),
                        Optional.empty(),
                        "")),
                Map.of("alertname", "KubePodCrashLooping"),
                Map.of(),
                Map.of(),
                "",
                0),
            1,
            fixture.clock.instant()));
    threadId = store.all().get(0).id();
  }

  @Test
  void planShowsThePlanForTheGroupsAlertAndRunsNothing() {
    commands.runbookButton(click(ChatActions.RUNBOOK_PLAN, threadId + " crashloop-restart"), later);

    assertThat(later.sent)
        .singleElement()
        .satisfies(sent -> assertThat(sent.inChannel()).isFalse());
    assertThat(later.only())
        .contains("*Plan of runbook `crashloop-restart`*")
        .contains("pod=web-1")
        .contains("nothing runs");
    assertThat(fixture.runs.recent(10)).isEmpty();
  }

  @Test
  void runStartsTheRunAsTheClickerAndTheThreadShowsIt() {
    commands.runbookButton(click(ChatActions.RUNBOOK_RUN, threadId + " crashloop-restart"), later);

    Run run = fixture.runs.recent(10).get(0);
    assertThat(run.startedBy()).isEqualTo(Requester.person(CAROL));
    assertThat(run.labels()).containsEntry("pod", "web-1").containsEntry("namespace", "shop");
    assertThat(later.sent).singleElement().satisfies(sent -> assertThat(sent.inChannel()).isTrue());
    assertThat(store.threadOfRun(run.id())).contains(threadId);
    var root = fixture.surface.roots().get(0).ref();
    assertThat(fixture.surface.replies(root))
        .anySatisfy(reply -> assertThat(reply.message().text()).contains("crashloop-restart"));
  }

  @Test
  void aButtonOfAThreadOrRunbookWardenNoLongerKnowsStartsNothing() {
    commands.runbookButton(
        click(ChatActions.RUNBOOK_RUN, "0123456789abcdef crashloop-restart"), later);
    commands.runbookButton(click(ChatActions.RUNBOOK_RUN, threadId + " no-such-runbook"), later);
    commands.runbookButton(click(ChatActions.RUNBOOK_RUN, threadId), later);

    assertThat(later.sent)
        .hasSize(3)
        .allSatisfy(
            sent -> {
              assertThat(sent.inChannel()).isFalse();
              assertThat(sent.message().text()).contains("no longer knows");
            });
    assertThat(fixture.runs.recent(10)).isEmpty();
  }

  @Test
  void aRunbookThatMatchesNoAlertOfTheGroupIsNotStarted() {
    commands.runbookButton(click(ChatActions.RUNBOOK_RUN, threadId + " pvc-filling-up"), later);

    assertThat(later.only()).contains("No alert of this group matches runbook `pvc-filling-up`");
    assertThat(fixture.runs.recent(10)).isEmpty();
  }

  private static ButtonClick click(String action, String value) {
    return new ButtonClick(action, value, CAROL, CHANNEL, Optional.empty());
  }
}
