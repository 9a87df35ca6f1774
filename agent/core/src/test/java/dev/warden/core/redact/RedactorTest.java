package dev.warden.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = Redactor.standard();

  @Test
  void theSameSecretGetsTheSamePlaceholderAndRestores() {
    String text =
        "GITHUB_TOKEN=ghp_26GkbC9rzYkEqSivHI8S79yX4jgFkNnjMxGv\n"
            + "retrying with ghp_26GkbC9rzYkEqSivHI8S79yX4jgFkNnjMxGv\n"
            + "db_password: 'hunter2-but-longer'\n";
    Redaction redaction = redactor.redact(text);
    assertThat(redaction.text())
        .isEqualTo(
            "GITHUB_TOKEN=[REDACTED:github-token#1]\n"
                + "retrying with [REDACTED:github-token#1]\n"
                + "db_password: '[REDACTED:secret#1]'\n");
    assertThat(redaction.count()).isEqualTo(2);
    assertThat(redaction.restore(redaction.text())).isEqualTo(text);
    assertThat(redaction.restore("the model says [REDACTED:secret#1] leaked"))
        .isEqualTo("the model says hunter2-but-longer leaked");
  }

  @Test
  void neverShowsTheSecretsInItsDescription() {
    Redaction redaction = redactor.redact("token=abcdef123456");
    assertThat(redaction.toString()).isEqualTo("Redaction[1 secrets]").doesNotContain("abcdef");
  }

  @Test
  void leavesReferencesPlaceholdersAndSettingsAlone() {
    String text =
        """
        password: ${DB_PASSWORD}
        SLACK_BOT_TOKEN=<YOUR_TOKEN>
        api_key: "{{ .Values.apiKey }}"
        password_min_length: 12
        max_tokens: 4096
        the key looks like sk-proj-...
        commit 9fceb02d0ae598e95dc970b74767f19372d61af8
        """;
    assertThat(redactor.redact(text).text()).isEqualTo(text);
  }

  @Test
  void redactingTwiceChangesNothingMore() {
    String once = redactor.redact("password=s3cr3t-value&user=bob").text();
    assertThat(once).isEqualTo("password=[REDACTED:secret#1]&user=bob");
    assertThat(redactor.redact(once).text()).isEqualTo(once);
  }
}
