package dev.warden.app.chat;

import dev.warden.core.chat.MessageRef;
import dev.warden.core.chat.alerts.AlertGroupId;
import dev.warden.core.chat.alerts.AlertGroupState;
import dev.warden.core.chat.alerts.AlertThread;
import dev.warden.core.chat.alerts.AlertThreadStore;
import dev.warden.core.event.Source;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alert threads in a relational database (H2 or PostgreSQL, same SQL): a {@code chat_alert_thread}
 * row per episode of an alert group and a {@code chat_alert_link} row per inbox event or run linked
 * to one.
 *
 * <p>A claim is an {@code INSERT}: of concurrent claimers the primary key lets exactly one in (the
 * others wait for its commit and then fail on the key), also across replicas. Taking a claim over,
 * recording the root, and replacing the state are each one conditional {@code UPDATE} (no root yet
 * and a claim older than the lease; no root yet; the version read), which both databases check
 * again once a concurrent change has committed, so exactly one of racing callers wins. The state is
 * JSON text; times are kept at microsecond precision (what both databases keep), so that a claim
 * time reads back exactly and can name the claim to release.
 */
public class JdbcAlertThreadStore implements AlertThreadStore {
  // the stored format must not follow the application's Jackson settings
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COLUMNS =
      "id, source, receiver, group_key, episode, channel, root_channel, root_ts, state, version,"
          + " claimed_at";
  private static final String EVENT = "event";
  private static final String RUN = "run";

  private final JdbcClient jdbc;

  public JdbcAlertThreadStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  @Override
  public Optional<AlertThread> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM chat_alert_thread WHERE id = :id")
        .param("id", id)
        .query(JdbcAlertThreadStore::thread)
        .optional();
  }

  @Override
  public Optional<AlertThread> latest(AlertGroupId group) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM chat_alert_thread WHERE group_hash = :hash"
                + " ORDER BY episode DESC LIMIT 1")
        .param("hash", group.hash())
        .query(JdbcAlertThreadStore::thread)
        .optional()
        .filter(thread -> thread.group().equals(group));
  }

  @Override
  public Optional<AlertThread> claim(AlertThread thread, Instant staleBefore) {
    OffsetDateTime claimedAt = utc(thread.claimedAt());
    try {
      jdbc.sql(
              """
              INSERT INTO chat_alert_thread (id, group_hash, episode, source, receiver, group_key,
                  channel, status, state, version, claimed_at)
              VALUES (:id, :hash, :episode, :source, :receiver, :groupKey, :channel, :status,
                  :state, 0, :claimedAt)
              """)
          .param("id", thread.id())
          .param("hash", thread.group().hash())
          .param("episode", thread.episode())
          .param("source", thread.group().source().id())
          .param("receiver", thread.group().receiver())
          .param("groupKey", thread.group().groupKey())
          .param("channel", thread.channel())
          .param("status", thread.state().status().name())
          .param("state", JSON.writeValueAsString(thread.state()))
          .param("claimedAt", claimedAt)
          .update();
      return Optional.of(
          new AlertThread(
              thread.id(),
              thread.group(),
              thread.episode(),
              thread.channel(),
              Optional.empty(),
              thread.state(),
              0,
              claimedAt.toInstant()));
    } catch (DuplicateKeyException e) {
      int taken =
          jdbc.sql(
                  """
                  UPDATE chat_alert_thread SET channel = :channel, status = :status,
                      state = :state, version = version + 1, claimed_at = :claimedAt
                  WHERE id = :id AND root_ts IS NULL AND claimed_at < :staleBefore
                  """)
              .param("channel", thread.channel())
              .param("status", thread.state().status().name())
              .param("state", JSON.writeValueAsString(thread.state()))
              .param("claimedAt", claimedAt)
              .param("id", thread.id())
              .param("staleBefore", utc(staleBefore))
              .update();
      return taken == 1 ? find(thread.id()) : Optional.empty();
    }
  }

  @Override
  public void release(String id, Instant claimedAt) {
    jdbc.sql(
            """
            UPDATE chat_alert_thread SET claimed_at = :epoch
            WHERE id = :id AND root_ts IS NULL AND claimed_at = :claimedAt
            """)
        .param("epoch", utc(Instant.EPOCH))
        .param("id", id)
        .param("claimedAt", utc(claimedAt))
        .update();
  }

  @Override
  public boolean attach(String id, MessageRef root) {
    return jdbc.sql(
                """
                UPDATE chat_alert_thread SET root_channel = :channel, root_ts = :ts
                WHERE id = :id AND root_ts IS NULL
                """)
            .param("channel", root.channel())
            .param("ts", root.ts())
            .param("id", id)
            .update()
        == 1;
  }

  @Override
  public boolean update(String id, long expectedVersion, AlertGroupState state) {
    return jdbc.sql(
                """
                UPDATE chat_alert_thread SET state = :state, status = :status,
                    version = version + 1
                WHERE id = :id AND version = :expected
                """)
            .param("state", JSON.writeValueAsString(state))
            .param("status", state.status().name())
            .param("id", id)
            .param("expected", expectedVersion)
            .update()
        == 1;
  }

  @Override
  public void linkEvent(String threadId, String eventId) {
    link(EVENT, eventId, threadId);
  }

  @Override
  public Optional<String> threadOfEvent(String eventId) {
    return linked(EVENT, eventId);
  }

  @Override
  public void linkRun(String threadId, String runId) {
    link(RUN, runId, threadId);
  }

  @Override
  public Optional<String> threadOfRun(String runId) {
    return linked(RUN, runId);
  }

  @Override
  public List<AlertThread> open() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM chat_alert_thread WHERE status = 'FIRING' AND root_ts IS NOT NULL"
                + " ORDER BY claimed_at, id")
        .query(JdbcAlertThreadStore::thread)
        .list();
  }

  private void link(String kind, String key, String threadId) {
    try {
      jdbc.sql(
              "INSERT INTO chat_alert_link (kind, link_key, thread_id)"
                  + " VALUES (:kind, :key, :threadId)")
          .param("kind", kind)
          .param("key", key)
          .param("threadId", threadId)
          .update();
    } catch (DuplicateKeyException e) {
      // linked before: the first link stays
    }
  }

  private Optional<String> linked(String kind, String key) {
    return jdbc.sql("SELECT thread_id FROM chat_alert_link WHERE kind = :kind AND link_key = :key")
        .param("kind", kind)
        .param("key", key)
        .query(String.class)
        .optional();
  }

  private static AlertThread thread(ResultSet rs, int row) throws SQLException {
    String rootChannel = rs.getString("root_channel");
    return new AlertThread(
        rs.getString("id"),
        new AlertGroupId(
            Source.fromId(rs.getString("source"))
                .orElseThrow(
                    () -> new IllegalStateException("unknown source in chat_alert_thread")),
            rs.getString("receiver"),
            rs.getString("group_key")),
        rs.getInt("episode"),
        rs.getString("channel"),
        rootChannel == null
            ? Optional.empty()
            : Optional.of(new MessageRef(rootChannel, rs.getString("root_ts"))),
        JSON.readValue(rs.getString("state"), AlertGroupState.class),
        rs.getLong("version"),
        rs.getObject("claimed_at", OffsetDateTime.class).toInstant());
  }

  /** The time at the precision both databases keep, so that it reads back exactly. */
  private static OffsetDateTime utc(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }
}
