package dev.warden.app.chat;

import dev.warden.core.chat.MessageRef;
import dev.warden.core.chat.approval.ApprovalMessageStore;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where each approval request's chat message is, in a relational database (H2 or PostgreSQL, same
 * SQL): one {@code chat_approval_message} row per request. Remembering is one {@code INSERT}; the
 * primary key on the request id makes it insert-if-absent, atomically, also for concurrent callers
 * on several replicas: the first one wins and the others are told so.
 */
public class JdbcApprovalMessageStore implements ApprovalMessageStore {
  private final JdbcClient jdbc;
  private final Clock clock;

  /**
   * @param clock when a message is remembered ({@code posted_at})
   */
  public JdbcApprovalMessageStore(DataSource dataSource, Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<MessageRef> find(String requestId) {
    return jdbc.sql("SELECT channel, ts FROM chat_approval_message WHERE request_id = :id")
        .param("id", requestId)
        .query((rs, row) -> new MessageRef(rs.getString("channel"), rs.getString("ts")))
        .optional();
  }

  @Override
  public boolean remember(String requestId, MessageRef message) {
    try {
      jdbc.sql(
              """
              INSERT INTO chat_approval_message (request_id, channel, ts, posted_at)
              VALUES (:id, :channel, :ts, :postedAt)
              """)
          .param("id", requestId)
          .param("channel", message.channel())
          .param("ts", message.ts())
          .param("postedAt", now())
          .update();
      return true;
    } catch (DuplicateKeyException taken) {
      // remembered before, or by a concurrent caller that won the insert
      return false;
    }
  }

  /** Now, at the precision both databases keep. */
  private OffsetDateTime now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }
}
