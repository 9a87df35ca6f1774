package dev.warden.core.audit;

import dev.warden.core.action.ActionJson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** The hashing rule of the chain, and its verification. */
public final class AuditChain {
  /** The previous hash of the first entry. */
  public static final String GENESIS = "sha256:" + "0".repeat(64);

  private AuditChain() {}

  /**
   * The entry that follows {@code previous} (or starts the chain when empty): its hash is SHA-256
   * over the previous hash, the sequence number, the time, the type and the body, one per line.
   */
  public static AuditEntry link(Optional<AuditHead> previous, AuditRecord record) {
    long seq = previous.map(head -> head.seq() + 1).orElse(1L);
    String previousHash = previous.map(AuditHead::hash).orElse(GENESIS);
    Instant at = record.at().truncatedTo(ChronoUnit.MICROS);
    return new AuditEntry(
        seq,
        at,
        record.type(),
        record.body(),
        previousHash,
        hash(seq, at, record.type(), record.body(), previousHash));
  }

  static String hash(long seq, Instant at, String type, String body, String previousHash) {
    return "sha256:"
        + ActionJson.sha256(previousHash + "\n" + seq + "\n" + at + "\n" + type + "\n" + body);
  }

  /**
   * Checks the whole chain, reading it in pages, against its stored head.
   *
   * @return the first bad entry and what is wrong with it, or how many entries are intact
   */
  public static Verification verify(AuditLog log) {
    return verify(log, 1_000);
  }

  static Verification verify(AuditLog log, int pageSize) {
    long expectedSeq = 1;
    String previousHash = GENESIS;
    while (true) {
      List<AuditEntry> page = log.read(expectedSeq, pageSize);
      for (AuditEntry entry : page) {
        if (entry.seq() != expectedSeq) {
          return Verification.broken(
              expectedSeq,
              "entry "
                  + expectedSeq
                  + " is missing (the next one is "
                  + entry.seq()
                  + "): deleted");
        }
        if (!entry.previousHash().equals(previousHash)) {
          return Verification.broken(
              entry.seq(),
              "it does not link to entry "
                  + (expectedSeq - 1)
                  + ": an entry before it was edited, deleted or reordered");
        }
        String recomputed =
            hash(entry.seq(), entry.at(), entry.type(), entry.body(), entry.previousHash());
        if (!recomputed.equals(entry.hash())) {
          return Verification.broken(entry.seq(), "its content does not match its hash: edited");
        }
        previousHash = entry.hash();
        expectedSeq++;
      }
      if (page.size() < pageSize) {
        break;
      }
    }
    long last = expectedSeq - 1;
    Optional<AuditHead> head = log.head();
    if (head.isEmpty()) {
      return last == 0
          ? Verification.intact(0, GENESIS)
          : Verification.broken(1, "the head record is missing");
    }
    if (head.get().seq() != last || !head.get().hash().equals(previousHash)) {
      return Verification.broken(
          Math.min(last + 1, head.get().seq()),
          "the head says the chain ends at entry "
              + head.get().seq()
              + " but it ends at entry "
              + last
              + ": entries at the end were deleted or edited");
    }
    return Verification.intact(last, previousHash);
  }
}
