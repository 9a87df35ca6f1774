package dev.warden.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.event.AlertGroupEvent.Alert;
import dev.warden.core.event.AlertGroupEvent.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventTest {
  private static final Alert FIRING =
      new Alert(
          "fae1e349ae24e9b8",
          Status.FIRING,
          Map.of("alertname", "KubePodCrashLooping"),
          Map.of(),
          Instant.parse("2026-11-27T04:43:40Z"),
          Optional.empty(),
          null);

  @Test
  void typesNameWhatHappened() {
    var pr =
        new PullRequestEvent(
            "acme/api",
            7,
            PullRequestEvent.Action.UPDATED,
            "t",
            "a",
            "sha",
            "main",
            "u",
            false,
            false);
    var comment =
        new PullRequestCommentEvent(
            "acme/api",
            7,
            1,
            PullRequestCommentEvent.Placement.DIFF_LINE,
            PullRequestCommentEvent.Action.CREATED,
            "a",
            "b",
            "x.go",
            "u");
    var group =
        new AlertGroupEvent(
            "r", "{}:{}", Status.FIRING, List.of(FIRING), null, null, null, null, 0);

    assertThat(pr.type()).isEqualTo("pull_request.updated");
    assertThat(comment.type()).isEqualTo("pull_request_review_comment.created");
    assertThat(group.type()).isEqualTo("alert_group.firing");
    assertThat(group.summary()).startsWith("KubePodCrashLooping firing (1 of 1 firing)");
  }

  @Test
  void aMergedCloseSaysMerged() {
    var pr =
        new PullRequestEvent(
            "acme/api",
            7,
            PullRequestEvent.Action.CLOSED,
            "Fix",
            "a",
            "s",
            "main",
            "u",
            false,
            true);

    assertThat(pr.summary()).isEqualTo("acme/api#7 merged: Fix");
  }

  @Test
  void recordsRejectInvalidInputNamingTheField() {
    assertThatThrownBy(
            () ->
                new AlertGroupEvent(
                    "r", "key", Status.FIRING, List.of(), null, null, null, null, 0))
        .hasMessage("alerts must not be empty");
    assertThatThrownBy(
            () ->
                new PullRequestEvent(
                    " ",
                    1,
                    PullRequestEvent.Action.OPENED,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false,
                    false))
        .hasMessage("repository must not be blank, was \" \"");
    assertThatThrownBy(
            () ->
                new PullRequestEvent(
                    "a/b",
                    0,
                    PullRequestEvent.Action.OPENED,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false,
                    false))
        .hasMessage("number must be positive, was 0");
  }

  @Test
  void sourcesRoundTripThroughTheirIds() {
    for (Source source : Source.values()) {
      assertThat(Source.fromId(source.id())).contains(source);
    }
    assertThat(Source.fromId("GitHub")).isEmpty();
  }
}
