package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.testing.InMemoryAuditLog;
import java.time.Instant;
import java.util.Collections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditChainTest {
  private final InMemoryAuditLog log = new InMemoryAuditLog();

  @BeforeEach
  void tenEntries() {
    for (int i = 1; i <= 10; i++) {
      log.append(
          new AuditRecord(
              "decision",
              Instant.parse("2026-11-27T10:00:00.123456789Z").plusSeconds(i),
              "{\"n\":" + i + "}"));
    }
  }

  @Test
  void anUntouchedChainIsIntact() {
    Verification verification = AuditChain.verify(log, 3);
    assertThat(verification.intact()).isTrue();
    assertThat(verification.entries()).isEqualTo(10);
    assertThat(verification.lastHash()).isEqualTo(log.entries.get(9).hash());
    assertThat(log.entries.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
    assertThat(log.entries.get(0).at().getNano() % 1000).as("microseconds").isZero();
  }

  @Test
  void namesAnEditedEntry() {
    AuditEntry original = log.entries.get(4);
    log.entries.set(
        4,
        new AuditEntry(
            original.seq(),
            original.at(),
            original.type(),
            "{\"n\":500}",
            original.previousHash(),
            original.hash()));
    assertBroken(5, "edited");
  }

  @Test
  void namesAnEntryWhoseHashWasRecomputedAfterAnEdit() {
    AuditEntry original = log.entries.get(4);
    String body = "{\"n\":500}";
    log.entries.set(
        4,
        new AuditEntry(
            original.seq(),
            original.at(),
            original.type(),
            body,
            original.previousHash(),
            AuditChain.hash(
                original.seq(), original.at(), original.type(), body, original.previousHash())));
    assertBroken(6, "does not link");
  }

  @Test
  void namesADeletedEntry() {
    log.entries.remove(6);
    assertBroken(7, "missing");
  }

  @Test
  void namesReorderedEntries() {
    AuditEntry third = log.entries.get(2);
    AuditEntry fourth = log.entries.get(3);
    // swap what they say, keeping their positions
    log.entries.set(
        2,
        new AuditEntry(
            3, fourth.at(), fourth.type(), fourth.body(), fourth.previousHash(), fourth.hash()));
    log.entries.set(
        3,
        new AuditEntry(
            4, third.at(), third.type(), third.body(), third.previousHash(), third.hash()));
    assertBroken(3, "");
  }

  @Test
  void noticesEntriesCutFromTheEnd() {
    log.entries.remove(9);
    log.entries.remove(8);
    Verification verification = AuditChain.verify(log);
    assertThat(verification.intact()).isFalse();
    assertThat(verification.firstBad()).contains(9L);
    assertThat(verification.problem())
        .hasValueSatisfying(p -> assertThat(p).contains("at the end"));
  }

  @Test
  void anEmptyChainIsIntact() {
    InMemoryAuditLog empty = new InMemoryAuditLog();
    assertThat(AuditChain.verify(empty).intact()).isTrue();
    Collections.reverse(log.entries);
    assertThat(AuditChain.verify(log).intact()).isFalse();
  }

  private void assertBroken(long seq, String problem) {
    Verification verification = AuditChain.verify(log, 4);
    assertThat(verification.intact()).isFalse();
    assertThat(verification.firstBad()).contains(seq);
    assertThat(verification.entries()).isEqualTo(seq - 1);
    assertThat(verification.problem()).hasValueSatisfying(p -> assertThat(p).contains(problem));
  }
}
