package dev.warden.core.chat.approval;

import static dev.warden.core.chat.approval.ApprovalMessagesTest.all;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.approval.Vote;
import dev.warden.core.chat.Block;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.policy.ApprovalRequirement;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.redact.Redactor;
import dev.warden.core.testing.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an approval message shows, and that it fits the chat and carries no secret or markup. */
class ApprovalMessageTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private final ApprovalMessage render = new ApprovalMessage(Redactor.standard());
  private final PolicySet policies =
      new PolicySet(
          List.of(),
          Map.of("sre", List.of("UBOB", "UALICE", "slack-group:SONCALL"), "empty", List.of()),
          List.of(),
          Optional.empty(),
          "test");

  @Test
  void showsTheActionTheRuleTheApproversAndTheDeadline() {
    ApprovalRequest request =
        request(
            action(Map.of("zeta", "last", "alpha", 3, "options", Map.of("grace", "30s"))),
            List.of("@sre", "UCAROL", "github-team:acme/sre", "@empty"),
            Optional.of("diff --git a/x b/x"));

    ChatMessage message = render.pending(request, Optional.of(policies));

    String text = all(message);
    assertThat(text)
        .contains("*Approval needed:* `kubernetes.scale` (change the replica count of a workload)")
        .contains("*Target:* Deployment `web`, namespace `shop`, cluster `prod-eu`")
        .contains("*Requested by:* runbook `scale-up` · *Rule:* `scale-needs-two`")
        .contains("*Blast radius:* pods 4")
        .contains(
            "@\u200Bsre (<@UALICE>, <@UBOB>, <!subteam^SONCALL>), <@UCAROL>, GitHub team `acme/sre`,"
                + " @\u200Bempty (nobody yet)")
        .contains("*Approvals:* 0 of 2")
        .contains("*Expires:* <!date^" + T0.plusSeconds(1800).getEpochSecond())
        .contains("|2026-11-27 10:30 UTC>")
        .contains("```\ndiff --git a/x b/x\n```")
        .contains("action `" + request.actionHash().substring(0, 19) + "`");
    // parameters sorted by name, maps as JSON
    assertThat(text.indexOf("`alpha: 3`"))
        .isPositive()
        .isLessThan(text.indexOf("`options: {\"grace\":\"30s\"}`"));
    assertThat(text.indexOf("`options:")).isLessThan(text.indexOf("`zeta: last`"));
    assertThat(message.text())
        .isEqualTo("Approval needed: kubernetes.scale on shop/web (0 of 2 approvals)");
  }

  @Test
  void withoutPoliciesTheGroupsAreNamedAndOddIdsAreNotMentions() {
    ApprovalRequest request =
        request(
            action(Map.of()),
            List.of("@sre", "slack-group:<!channel>", "alice@example.com"),
            Optional.empty());

    String text = all(render.pending(request, Optional.empty()));

    assertThat(text)
        .contains(
            "*Who may approve:* @\u200Bsre, `slack-group:&lt;!channel&gt;`, `alice@example.com`")
        .doesNotContain("<!channel>")
        .doesNotContain("*Dry run");
  }

  @Test
  void everySectionFitsTheChatsLimitHoweverLongTheActionIs() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (int i = 0; i < 60; i++) {
      parameters.put("p" + i, "<&>".repeat(2000));
    }
    String preview = "+ line with <markup> & more\n".repeat(2000);
    ApprovalRequest request = request(action(parameters), List.of("@sre"), Optional.of(preview));

    ChatMessage pending = render.pending(request, Optional.of(policies));
    ChatMessage details = render.details(request);

    for (ChatMessage message : List.of(pending, details)) {
      assertThat(message.blocks()).hasSizeLessThanOrEqualTo(50);
      assertThat(texts(message))
          .allSatisfy(text -> assertThat(text).hasSizeLessThanOrEqualTo(3000));
      // never a cut escape
      assertThat(all(message)).doesNotContainPattern("&(?!amp;|lt;|gt;)");
    }
    assertThat(all(pending))
        .contains("… and 40 more; Details shows them all")
        .contains("*Dry run* (shortened; Details shows it all):");
    assertThat(all(details)).contains("*Dry run:* (1/").contains("*Action:* (1/");
  }

  @Test
  void detailsShowTheWholeActionAndPreviewWhenTheyFit() {
    String preview = "+ replicas: 4\n".repeat(400);
    ApprovalRequest request =
        request(action(Map.of("replicas", 4)), List.of("@sre"), Optional.of(preview));

    String details = all(render.details(request));

    assertThat(details.replaceAll("\n```\n\\*Dry run:\\* \\(\\d/\\d\\)\n```\n", ""))
        .contains(preview.strip());
    assertThat(details).contains("\"replicas\" : 4").contains(request.actionHash());
  }

  @Test
  void theDecidedFormsSayWhoDecidedAndWhenWithoutButtons() {
    ApprovalRequest pending = request(action(Map.of()), List.of("@sre"), Optional.empty());
    Vote alice = new Vote("UALICE", true, T0.plusSeconds(60), Optional.empty());
    Vote bob = new Vote("UBOB", true, T0.plusSeconds(120), Optional.empty());
    Vote carol = new Vote("UCAROL", false, T0.plusSeconds(90), Optional.of("not now <!here>"));

    ChatMessage executed =
        render.decided(
            with(pending, ApprovalState.APPROVED, List.of(alice, bob), "2 approvals"),
            Optional.of(policies),
            Optional.of(ExecutionResult.succeeded("scaled shop/web to 4")));
    ChatMessage failed =
        render.decided(
            with(pending, ApprovalState.APPROVED, List.of(alice, bob), "2 approvals"),
            Optional.of(policies),
            Optional.of(ExecutionResult.failed("the deployment is gone")));
    ChatMessage executedLater =
        render.decided(
            with(pending, ApprovalState.EXECUTED, List.of(alice, bob), "scaled shop/web to 4"),
            Optional.of(policies),
            Optional.empty());
    ChatMessage denied =
        render.decided(
            with(pending, ApprovalState.DENIED, List.of(alice, carol), "UCAROL: not now"),
            Optional.of(policies),
            Optional.empty());
    ChatMessage expired =
        render.decided(
            with(pending, ApprovalState.EXPIRED, List.of(alice), "ttl ran out"),
            Optional.of(policies),
            Optional.empty());
    ChatMessage withdrawn =
        render.decided(
            with(pending, ApprovalState.WITHDRAWN, List.of(), "the run was cancelled"),
            Optional.of(policies),
            Optional.empty());

    String approvedAt = "at <!date^" + T0.plusSeconds(120).getEpochSecond() + "^";
    assertThat(context(executed))
        .startsWith("Approved by <@UALICE> and <@UBOB> " + approvedAt)
        .endsWith("→ executed: scaled shop/web to 4");
    assertThat(context(failed)).endsWith("→ execution failed: the deployment is gone");
    assertThat(context(executedLater)).endsWith("→ executed: scaled shop/web to 4");
    assertThat(context(denied))
        .startsWith("Denied by <@UCAROL> at <!date^" + T0.plusSeconds(90).getEpochSecond() + "^")
        .endsWith(": not now &lt;!here&gt;");
    assertThat(context(expired))
        .startsWith("Expired at <!date^" + T0.plusSeconds(1800).getEpochSecond())
        .endsWith("with 1 of 2 approvals");
    assertThat(context(withdrawn)).isEqualTo("Withdrawn: the run was cancelled");
    for (ChatMessage message : List.of(executed, failed, denied, expired, withdrawn)) {
      assertThat(message.blocks()).noneMatch(Block.Actions.class::isInstance);
      assertThat(all(message)).contains("`kubernetes.scale`").contains("*Who may approve:*");
    }
    assertThat(executed.text()).startsWith("Approved: kubernetes.scale on shop/web.");
    assertThat(denied.text()).startsWith("Denied: kubernetes.scale on shop/web.");
  }

  @Test
  void noSecretOfTheSharedCorpusReachesAnyForm() throws IOException {
    List<String> lines =
        Files.readAllLines(SharedFixtures.sharedPath("fixtures/secrets/corpus.jsonl"));
    JsonMapper json = JsonMapper.builder().build();
    List<String> leaks = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode entry = json.readTree(line);
      String text = entry.get("text").asString();
      ApprovalRequest request =
          request(action(Map.of("log", text)), List.of("@sre"), Optional.of(text));
      Vote denial = new Vote("UCAROL", false, T0, Optional.of(text));
      String shown =
          all(render.pending(request, Optional.of(policies)))
              + all(render.details(request))
              + all(
                  render.decided(
                      with(request, ApprovalState.DENIED, List.of(denial), text),
                      Optional.empty(),
                      Optional.empty()))
              + all(render.notice(text));
      for (JsonNode secret : entry.get("secrets")) {
        String value = secret.asString();
        String escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        if (shown.contains(value) || shown.contains(escaped)) {
          // the case's id only: a test's output never shows a secret, fake or not
          leaks.add(entry.get("id").asString());
        }
      }
    }
    assertThat(leaks).as("cases with a secret in a message").isEmpty();
  }

  @Test
  void aNoticeIsPlainText() {
    assertThat(render.notice("not counted: <!channel> `x` & @everyone").text())
        .isEqualTo("not counted: &lt;!channel&gt; ˋxˋ &amp; @\u200Beveryone");
  }

  private static List<String> texts(ChatMessage message) {
    List<String> texts = new ArrayList<>();
    for (Block block : message.blocks()) {
      if (block instanceof Block.Section section) {
        texts.add(section.text());
      } else if (block instanceof Block.Context context) {
        texts.add(context.text());
      }
    }
    return texts;
  }

  private static String context(ChatMessage message) {
    List<String> contexts =
        message.blocks().stream()
            .filter(Block.Context.class::isInstance)
            .map(block -> ((Block.Context) block).text())
            .toList();
    // the decision is the last line of small print
    return contexts.get(contexts.size() - 1);
  }

  private static ProposedAction action(Map<String, ?> parameters) {
    return new ProposedAction(
        "kubernetes.scale",
        Target.kubernetes("prod-eu", "shop", "Deployment", "web"),
        new LinkedHashMap<>(parameters),
        Map.of("pods", 4L),
        Requester.runbook("scale-up"),
        Optional.empty(),
        false);
  }

  private static ApprovalRequest request(
      ProposedAction action, List<String> approvers, Optional<String> preview) {
    return new ApprovalRequest(
        "req-1",
        action,
        action.hash(),
        Optional.of("scale-needs-two"),
        new ApprovalRequirement(approvers, 2, Duration.ofMinutes(30)),
        T0,
        T0.plusSeconds(1800),
        ApprovalState.PENDING,
        List.of(),
        Optional.empty(),
        preview);
  }

  private static ApprovalRequest with(
      ApprovalRequest request, ApprovalState state, List<Vote> votes, String note) {
    return new ApprovalRequest(
        request.id(),
        request.action(),
        request.actionHash(),
        request.rule(),
        request.requirement(),
        request.requestedAt(),
        request.expiresAt(),
        state,
        votes,
        Optional.of(note),
        request.preview());
  }
}
