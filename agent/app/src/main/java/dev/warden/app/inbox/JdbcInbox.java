package dev.warden.app.inbox;

import dev.warden.core.event.Event;
import dev.warden.core.event.Source;
import dev.warden.core.inbox.Appended;
import dev.warden.core.inbox.Inbox;
import dev.warden.core.inbox.InboxEntry;
import dev.warden.core.inbox.InboxItem;
import dev.warden.core.inbox.ReceivedEvent;
import dev.warden.core.inbox.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbox in a relational database (H2 or PostgreSQL, same SQL). De-duplication is the unique
 * constraint on (source, dedup_key): the insert either creates the row or fails, atomically, also
 * for concurrent inserts and across processes. The event and the raw body go to {@code
 * inbox_payload} in the same transaction; processing only updates the small {@code inbox_event}
 * row. Claims are updates guarded by the row's state, so several workers (or replicas) can share
 * the table.
 */
public class JdbcInbox implements Inbox {
  private static final int SUMMARY_LENGTH = 500;
  private static final String DUE =
      "((state IN ('PENDING', 'RETRYING') AND next_attempt_at <= :now)"
          + " OR (state = 'PROCESSING' AND claimed_until < :now))";

  /**
   * The ids of due rows, as two queries that each can use the (state, ...) indexes: with the OR of
   * {@link #DUE}, H2 scans the whole table, which grows with every event ever received.
   */
  private static final String DUE_IDS =
      "SELECT id FROM inbox_event WHERE state IN ('PENDING', 'RETRYING') AND next_attempt_at <= :now"
          + " UNION ALL"
          + " SELECT id FROM inbox_event WHERE state = 'PROCESSING' AND claimed_until < :now";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final JsonMapper json;

  public JdbcInbox(DataSource dataSource, JsonMapper json) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.json = json;
  }

  @Override
  public Appended append(InboxEntry entry) {
    // serialise before the transaction, so that it holds its locks only for the two inserts
    String eventJson = json.writeValueAsString(entry.event());
    try {
      long id = transactions.execute(status -> insert(entry, eventJson));
      return new Appended(id, true);
    } catch (DuplicateKeyException duplicate) {
      // stored before, or by a concurrent delivery of the same event that won the insert
      return find(entry.source(), entry.dedupKey())
          .map(id -> new Appended(id, false))
          .orElseThrow(() -> duplicate);
    }
  }

  private long insert(InboxEntry entry, String eventJson) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO inbox_event (source, dedup_key, event_type, summary, state, attempts,
                received_at, next_attempt_at)
            VALUES (:source, :key, :type, :summary, 'PENDING', 0, :at, :at)
            """)
        .param("source", entry.source().id())
        .param("key", entry.dedupKey())
        .param("type", entry.event().type())
        .param("summary", truncate(entry.event().summary()))
        .param("at", utc(entry.receivedAt()))
        .update(keys, "id");
    long id = keys.getKeyAs(Number.class).longValue();
    jdbc.sql("INSERT INTO inbox_payload (event_id, event_json, raw_body) VALUES (:id, :json, :raw)")
        .param("id", id)
        .param("json", eventJson)
        .param("raw", entry.rawBody())
        .update();
    return id;
  }

  private Optional<Long> find(Source source, String key) {
    return jdbc.sql("SELECT id FROM inbox_event WHERE source = :source AND dedup_key = :key")
        .param("source", source.id())
        .param("key", key)
        .query(Long.class)
        .optional();
  }

  @Override
  public List<ReceivedEvent> claimDue(Instant now, Duration lease, int limit) {
    // Candidates first (index lookups), then one UPDATE by primary key that repeats the due
    // condition: a row another worker claimed in the meantime drops out (PostgreSQL re-checks it
    // on the new row version, H2 after the other transaction commits). The token then finds what
    // this call won. As one statement, H2 would plan the UPDATE as a scan of every pending row.
    List<Long> candidates =
        jdbc.sql("SELECT id FROM (" + DUE_IDS + ") due ORDER BY id FETCH FIRST :n ROWS ONLY")
            .param("now", utc(now))
            .param("n", limit)
            .query(Long.class)
            .list();
    if (candidates.isEmpty()) {
      return List.of();
    }
    String token = UUID.randomUUID().toString();
    int claimed =
        jdbc.sql(
                "UPDATE inbox_event SET state = 'PROCESSING', attempts = attempts + 1,"
                    + " claimed_until = :until, claim_token = :token"
                    + " WHERE id IN (:ids) AND "
                    + DUE)
            .param("until", utc(now.plus(lease)))
            .param("token", token)
            .param("now", utc(now))
            .param("ids", candidates)
            .update();
    if (claimed == 0) {
      return List.of();
    }
    return jdbc.sql(
            "SELECT e.id, e.source, e.dedup_key, e.attempts, e.received_at, p.event_json"
                + " FROM inbox_event e JOIN inbox_payload p ON p.event_id = e.id"
                + " WHERE e.claim_token = :token ORDER BY e.id")
        .param("token", token)
        .query(
            (rs, row) ->
                new ReceivedEvent(
                    rs.getLong("id"),
                    source(rs),
                    rs.getString("dedup_key"),
                    json.readValue(rs.getString("event_json"), Event.class),
                    rs.getInt("attempts"),
                    instant(rs, "received_at")))
        .list();
  }

  @Override
  public void markDone(Collection<Long> ids, Instant at) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql(
            "UPDATE inbox_event SET state = 'DONE', finished_at = :at, claimed_until = NULL, claim_token = NULL"
                + " WHERE id IN (:ids) AND state = 'PROCESSING'")
        .param("at", utc(at))
        .param("ids", ids)
        .update();
  }

  @Override
  public void markRetry(long id, Instant nextAttemptAt, String error) {
    jdbc.sql(
            "UPDATE inbox_event SET state = 'RETRYING', next_attempt_at = :next,"
                + " claimed_until = NULL, claim_token = NULL, last_error = :error"
                + " WHERE id = :id AND state = 'PROCESSING'")
        .param("next", utc(nextAttemptAt))
        .param("error", error)
        .param("id", id)
        .update();
  }

  @Override
  public void markDead(long id, Instant at, String error) {
    jdbc.sql(
            "UPDATE inbox_event SET state = 'DEAD', finished_at = :at, claimed_until = NULL, claim_token = NULL,"
                + " last_error = :error WHERE id = :id AND state = 'PROCESSING'")
        .param("at", utc(at))
        .param("error", error)
        .param("id", id)
        .update();
  }

  @Override
  public boolean requeue(long id, Instant now) {
    return jdbc.sql(
                "UPDATE inbox_event SET state = 'PENDING', attempts = 0, next_attempt_at = :now,"
                    + " finished_at = NULL WHERE id = :id AND state = 'DEAD'")
            .param("now", utc(now))
            .param("id", id)
            .update()
        == 1;
  }

  @Override
  public List<InboxItem> recent(int limit, Optional<State> state) {
    String where = state.isPresent() ? " WHERE state = :state" : "";
    var statement =
        jdbc.sql(
                "SELECT id, source, dedup_key, event_type, summary, state, attempts, received_at,"
                    + " next_attempt_at, finished_at, last_error FROM inbox_event"
                    + where
                    + " ORDER BY id DESC FETCH FIRST :n ROWS ONLY")
            .param("n", limit);
    if (state.isPresent()) {
      statement = statement.param("state", state.get().name());
    }
    return statement
        .query(
            (rs, row) ->
                new InboxItem(
                    rs.getLong("id"),
                    source(rs),
                    rs.getString("dedup_key"),
                    rs.getString("event_type"),
                    rs.getString("summary"),
                    State.valueOf(rs.getString("state")),
                    rs.getInt("attempts"),
                    instant(rs, "received_at"),
                    instant(rs, "next_attempt_at"),
                    Optional.ofNullable(instant(rs, "finished_at")),
                    Optional.ofNullable(rs.getString("last_error")).orElse("")))
        .list();
  }

  @Override
  public Map<State, Long> countByState() {
    Map<State, Long> counts = new EnumMap<>(State.class);
    jdbc.sql("SELECT state, COUNT(*) AS n FROM inbox_event GROUP BY state")
        .query(
            (ResultSet rs) -> {
              counts.put(State.valueOf(rs.getString("state")), rs.getLong("n"));
            });
    return counts;
  }

  private static Source source(ResultSet rs) throws SQLException {
    String id = rs.getString("source");
    return Source.fromId(id)
        .orElseThrow(() -> new IllegalStateException("unknown source in inbox: " + id));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String summary) {
    return summary.length() <= SUMMARY_LENGTH
        ? summary
        : summary.substring(0, SUMMARY_LENGTH - 1) + "…";
  }
}
