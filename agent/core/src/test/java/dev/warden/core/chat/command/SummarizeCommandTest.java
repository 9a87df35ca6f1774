package dev.warden.core.chat.command;

import static dev.warden.core.chat.command.Fixture.AWS_KEY;
import static dev.warden.core.chat.command.Fixture.CAROL;
import static dev.warden.core.chat.command.Fixture.CHANNEL;
import static dev.warden.core.chat.command.Fixture.PASSWORD;
import static dev.warden.core.chat.command.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditEntry;
import dev.warden.core.chat.CommandRequest;
import dev.warden.core.chat.command.Fixture.RecordingResponder;
import dev.warden.core.testing.RecordingChatSurface.Call;
import dev.warden.core.testing.RecordingChatSurface.Method;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code summarize <namespace>/<pod>}: the log read through the gate, with and without a model. */
class SummarizeCommandTest {
  private static final String GITHUB_TOKEN = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";

  private final Fixture fixture = new Fixture();
  private final RecordingResponder later = new RecordingResponder();

  @Test
  void withoutAModelThePersonGetsTheDeterministicSummaryWithoutAnySecret() {
    ChatCommands commands = fixture.commands();

    assertThat(commands.handle(request(CAROL, "summarize shop/web-1"), later).text())
        .isEqualTo(ChatCommands.WORKING);
    assertThat(fixture.cluster.calls()).isEmpty();
    fixture.executor.runAll();

    String summary = later.only();
    assertThat(later.sent.get(0).inChannel()).isFalse();
    assertThat(summary)
        .startsWith("*Log summary of `shop/web-1`*, for <@U0CAROL01>\n_no model configured")
        .contains("```")
        .contains("checkout failed")
        .doesNotContain(AWS_KEY)
        .doesNotContain(PASSWORD)
        .doesNotContain("<!channel>");
    assertThat(fixture.cluster.calls("logs")).hasSize(1);
    // the read went through the gate, as the person
    assertThat(fixture.audit.entries)
        .extracting(AuditEntry::type)
        .containsExactly("decision", "execution");
    assertThat(fixture.audit.entries.get(0).body()).contains("kubernetes.pod-logs").contains(CAROL);
    assertThat(fixture.surface.calls()).isEmpty();
  }

  @Test
  void withAModelTheNarrativeIsStreamedIntoAChannelMessageAndReplacedByTheFinalText() {
    // the command and every update on the test's thread, an update as often as a word completes
    ChatCommands commands =
        fixture
            .builder(
                fixture.scripted(
                    """
                {"feature": "summarise", "contains": ["checkout failed"], "chunks": 6, "answer": "Checkout fails since 11:58:02 because the database rejects the password. <!channel> Rotate token %s and check the db secret."}
                """
                        .formatted(GITHUB_TOKEN)))
            .executor(Runnable::run)
            .streamInterval(Duration.ZERO)
            .build();

    assertThat(commands.handle(request(CAROL, "summarise shop/web-1"), later).text())
        .isEqualTo(ChatCommands.WORKING);

    assertThat(later.sent).isEmpty();
    List<Call> calls = fixture.surface.calls();
    assertThat(calls.get(0).method()).isEqualTo(Method.POST);
    assertThat(calls.get(0).message().text()).endsWith(" …");
    assertThat(calls.size()).as("partial updates, then the final text").isGreaterThan(2);
    assertThat(calls.get(0).ref().channel()).isEqualTo(CHANNEL);
    assertThat(calls).allMatch(call -> call.ref().equals(calls.get(0).ref()));
    String shown = fixture.surface.current(calls.get(0).ref()).orElseThrow().text();
    assertThat(shown)
        .startsWith(
            "*Log summary of `shop/web-1`*, for <@U0CAROL01>\n_Narrative (scripted/demo)_\n> Checkout fails")
        .contains("&lt;!channel&gt;")
        .contains("```")
        .doesNotContain(" …");
    for (Call call : calls) {
      assertThat(call.message().text())
          .doesNotContain(GITHUB_TOKEN)
          .doesNotContain(AWS_KEY)
          .doesNotContain(PASSWORD)
          .doesNotContain("<!channel>");
    }
  }

  @Test
  void withAModelButNoChannelThePersonGetsTheNarrativeAndTheSummary() {
    ChatCommands commands =
        fixture.commands(
            fixture.scripted(
                "{\"feature\": \"summarise\", \"answer\": \"The database rejects the password.\"}"));

    commands.handle(new CommandRequest("/warden", "summarize shop/web-1", CAROL, ""), later);
    fixture.executor.runAll();

    assertThat(later.only())
        .contains("_Narrative (scripted/demo)_\n> The database rejects the password.")
        .contains("checkout failed")
        .doesNotContain(PASSWORD);
    assertThat(fixture.surface.calls()).isEmpty();
  }

  @Test
  void aPodWithoutALogIsAnsweredWithWhatTheClusterSaid() {
    fixture.commands().handle(request(CAROL, "summarize shop/web-2"), later);
    fixture.executor.runAll();

    assertThat(later.only()).startsWith("Could not read the log of `shop/web-2`: ");
  }

  @Test
  void aReadThePoliciesDoNotAllowIsOnlySuggestedWithTheCommandToRunByHand() {
    fixture.policies.set(Fixture.policies("rules: []\n"));

    fixture.commands().handle(request(CAROL, "summarize shop/web-1"), later);
    fixture.executor.runAll();

    assertThat(later.only())
        .startsWith("Reading the log of `shop/web-1` is only suggested by the policies (passive)")
        .contains("By hand: `kubectl");
    assertThat(fixture.cluster.calls()).isEmpty();
  }

  @Test
  void badArgumentsGetTheUsage() {
    ChatCommands commands = fixture.commands();
    for (String[] bad :
        List.of(
            new String[] {"summarize", "takes one pod"},
            new String[] {"summarize web-1", "`web-1` is not `namespace/pod`."},
            new String[] {"summarize shop/web-1 now", "takes one pod"},
            new String[] {"summarize a/b/c", "`a/b/c` is not `namespace/pod`."},
            new String[] {"summarize Shop/web-1", "`Shop` is not a Kubernetes namespace."},
            new String[] {"summarize shop/web_1", "`web_1` is not a pod name."},
            new String[] {"summarize shop/", "is not a pod name."})) {
      String answer = commands.handle(request(CAROL, bad[0]), later).text();
      assertThat(answer)
          .as(bad[0])
          .contains(bad[1])
          .contains("Usage: `/warden summarize &lt;namespace&gt;/&lt;pod&gt;`");
    }
    assertThat(fixture.executor.size()).isZero();
  }
}
