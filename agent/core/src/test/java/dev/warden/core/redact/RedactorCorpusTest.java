package dev.warden.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.testing.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared secrets corpus (../shared/fixtures/secrets/corpus.jsonl): every string of {@code
 * secrets} must be gone, and at least 95 % of the strings of {@code must_keep} must stay. Failures
 * name the case and which list, never the value.
 */
class RedactorCorpusTest {
  private final Redactor redactor = Redactor.standard();

  @Test
  void removesEverySecretAndKeepsWhatMatters() throws IOException {
    List<String> lines =
        Files.readAllLines(SharedFixtures.sharedPath("fixtures/secrets/corpus.jsonl"));
    JsonMapper json = JsonMapper.builder().build();
    int secrets = 0;
    int removed = 0;
    int keeps = 0;
    int kept = 0;
    List<String> leaks = new ArrayList<>();
    List<String> losses = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode entry = json.readTree(line);
      String id = entry.get("id").asString();
      Redaction redaction = redactor.redact(entry.get("text").asString());
      for (JsonNode secret : entry.get("secrets")) {
        secrets++;
        if (redaction.text().contains(secret.asString())) {
          leaks.add(id + " (" + entry.get("kind").asString() + ")");
        } else {
          removed++;
        }
      }
      for (JsonNode keep : entry.get("must_keep")) {
        keeps++;
        if (redaction.text().contains(keep.asString())) {
          kept++;
        } else {
          losses.add(id + " (" + entry.get("kind").asString() + ")");
        }
      }
      assertThat(redaction.restore(redaction.text()))
          .as("%s restores to the original", id)
          .isEqualTo(entry.get("text").asString());
    }
    System.out.printf(
        "secrets corpus: %d/%d secrets removed (%.1f %%), %d/%d must_keep kept (%.1f %%)%n",
        removed, secrets, 100.0 * removed / secrets, kept, keeps, 100.0 * kept / keeps);
    System.out.println("must_keep lost in: " + losses);
    assertThat(leaks).as("cases with a secret left").isEmpty();
    assertThat(100.0 * kept / keeps)
        .as("must_keep kept, lost in %s", losses)
        .isGreaterThanOrEqualTo(95.0);
  }
}
