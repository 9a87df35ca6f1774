package dev.warden.core.testing;

import dev.warden.core.audit.AuditChain;
import dev.warden.core.audit.AuditEntry;
import dev.warden.core.audit.AuditHead;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.audit.AuditRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fake {@link AuditLog} in memory. Synchronized; the entries list is open for tampering tests.
 */
public final class InMemoryAuditLog implements AuditLog {
  /** The stored entries, in order; tests may edit them to simulate tampering. */
  public final List<AuditEntry> entries = new ArrayList<>();

  private AuditHead head;

  @Override
  public synchronized AuditEntry append(AuditRecord record) {
    AuditEntry entry = AuditChain.link(Optional.ofNullable(head), record);
    entries.add(entry);
    head = new AuditHead(entry.seq(), entry.hash());
    return entry;
  }

  @Override
  public synchronized List<AuditEntry> read(long fromSeq, int limit) {
    return entries.stream().filter(entry -> entry.seq() >= fromSeq).limit(limit).toList();
  }

  @Override
  public synchronized Optional<AuditHead> head() {
    return Optional.ofNullable(head);
  }

  /** The entries of one type, in order. */
  public synchronized List<AuditEntry> ofType(String type) {
    return entries.stream().filter(entry -> entry.type().equals(type)).toList();
  }
}
