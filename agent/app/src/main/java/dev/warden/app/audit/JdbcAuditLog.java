package dev.warden.app.audit;

import dev.warden.core.audit.AuditChain;
import dev.warden.core.audit.AuditEntry;
import dev.warden.core.audit.AuditHead;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.audit.AuditRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit chain in a relational database (H2 or PostgreSQL, same SQL). Appends are serialised by
 * the one row of {@code audit_head}: each append locks it ({@code SELECT ... FOR UPDATE}), links
 * the record to the head it read, inserts the entry and moves the head, all in one transaction, so
 * that concurrent appenders, in this process or another replica, queue up behind each other. The
 * head row exists from the migration on (seq 0, the genesis hash), which serialises the very first
 * append too.
 *
 * <p>Times are stored as {@code TIMESTAMP WITH TIME ZONE}, which both databases keep at microsecond
 * precision: exactly the precision the hash covers, so an entry reads back as it was hashed.
 */
public class JdbcAuditLog implements AuditLog {
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public JdbcAuditLog(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  @Override
  public AuditEntry append(AuditRecord record) {
    return transactions.execute(status -> appendLocked(record));
  }

  private AuditEntry appendLocked(AuditRecord record) {
    AuditHead head =
        jdbc.sql("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
            .query((rs, row) -> new AuditHead(rs.getLong("seq"), rs.getString("hash")))
            .optional()
            .orElseThrow(
                () -> new IllegalStateException("audit_head has no row: the migration is missing"));
    AuditEntry entry =
        AuditChain.link(head.seq() == 0 ? Optional.empty() : Optional.of(head), record);
    jdbc.sql(
            """
            INSERT INTO audit_entry (seq, occurred_at, entry_type, body, previous_hash, hash)
            VALUES (:seq, :at, :type, :body, :previous, :hash)
            """)
        .param("seq", entry.seq())
        .param("at", entry.at().atOffset(ZoneOffset.UTC))
        .param("type", entry.type())
        .param("body", entry.body())
        .param("previous", entry.previousHash())
        .param("hash", entry.hash())
        .update();
    jdbc.sql("UPDATE audit_head SET seq = :seq, hash = :hash WHERE id = 1")
        .param("seq", entry.seq())
        .param("hash", entry.hash())
        .update();
    return entry;
  }

  @Override
  public List<AuditEntry> read(long fromSeq, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, not " + limit);
    }
    return jdbc.sql(
            "SELECT seq, occurred_at, entry_type, body, previous_hash, hash FROM audit_entry"
                + " WHERE seq >= :from ORDER BY seq FETCH FIRST :n ROWS ONLY")
        .param("from", fromSeq)
        .param("n", limit)
        .query(
            (rs, row) ->
                new AuditEntry(
                    rs.getLong("seq"),
                    instant(rs, "occurred_at"),
                    rs.getString("entry_type"),
                    rs.getString("body"),
                    rs.getString("previous_hash"),
                    rs.getString("hash")))
        .list();
  }

  @Override
  public Optional<AuditHead> head() {
    return jdbc.sql("SELECT seq, hash FROM audit_head WHERE id = 1")
        .query((rs, row) -> new AuditHead(rs.getLong("seq"), rs.getString("hash")))
        .optional()
        .filter(head -> head.seq() > 0);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
