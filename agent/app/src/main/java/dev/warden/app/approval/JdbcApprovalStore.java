package dev.warden.app.approval;

import dev.warden.core.action.ActionJson;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.approval.Vote;
import dev.warden.core.policy.ApprovalRequirement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Approval requests in a relational database (H2 or PostgreSQL, same SQL).
 *
 * <p>Every change to a request goes through a conditional {@code UPDATE} of its row that names the
 * state it expects: a transition is {@code UPDATE ... SET state = to WHERE id = ? AND state =
 * from}, and a vote is inserted in the same transaction as {@code UPDATE ... WHERE id = ? AND state
 * = 'PENDING'}. Both databases lock the row for the update and re-check the condition once a
 * concurrent change has committed, so votes and transitions of one request are serialised: exactly
 * one of several racing transitions wins, and no vote is added after the request has left {@code
 * PENDING}. The primary key of {@code approval_vote} (request, approver) makes a second vote by the
 * same person a duplicate, also when both arrive at once.
 *
 * <p>The action is stored as its canonical JSON and read back with {@link ActionJson#parse}, which
 * gives an action with the same hash; its dry-run preview, if any, as text next to it. Times are
 * stored at microsecond precision (what both databases keep), so they read back exactly. A request
 * its requester withdrew ({@link ApprovalState#WITHDRAWN}) is kept like any other closed request.
 */
public class JdbcApprovalStore implements ApprovalStore {
  // the stored format must not follow the application's Jackson settings
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private static final String SELECT =
      "SELECT r.id, r.action_json, r.action_hash, r.rule_name, r.approvers, r.min_approvals,"
          + " r.ttl_millis, r.requested_at, r.expires_at, r.state, r.note, r.preview,"
          + " v.approver_id, v.approve, v.voted_at, v.reason"
          + " FROM approval_request r LEFT JOIN approval_vote v ON v.request_id = r.id";
  private static final String ORDER = " ORDER BY r.requested_at, r.id, v.voted_at, v.approver_id";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public JdbcApprovalStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  @Override
  public void create(ApprovalRequest request) {
    if (request.state() != ApprovalState.PENDING || !request.votes().isEmpty()) {
      throw new IllegalArgumentException(
          "a new approval request is pending and has no votes, not "
              + request.state()
              + " with "
              + request.votes().size()
              + " votes");
    }
    ApprovalRequirement requirement = request.requirement();
    jdbc.sql(
            """
            INSERT INTO approval_request (id, action_json, action_hash, rule_name, approvers,
                min_approvals, ttl_millis, requested_at, expires_at, state, note, preview,
                updated_at)
            VALUES (:id, :action, :hash, :rule, :approvers, :min, :ttl, :requestedAt, :expiresAt,
                'PENDING', :note, :preview, :requestedAt)
            """)
        .param("id", request.id())
        .param("action", ActionJson.canonical(request.action()))
        .param("hash", request.actionHash())
        .param("rule", request.rule().orElse(null))
        .param("approvers", JSON.writeValueAsString(requirement.approvers()))
        .param("min", requirement.min())
        .param("ttl", requirement.ttl().toMillis())
        .param("requestedAt", utc(request.requestedAt()))
        .param("expiresAt", utc(request.expiresAt()))
        .param("note", request.note().orElse(null))
        .param("preview", request.preview().orElse(null))
        .update();
  }

  @Override
  public Optional<ApprovalRequest> find(String id) {
    // one statement, so that the request and its votes come from one snapshot
    List<ApprovalRequest> found =
        load(jdbc.sql(SELECT + " WHERE r.id = :id" + ORDER).param("id", id));
    return found.stream().findFirst();
  }

  @Override
  public VoteResult addVote(String requestId, Vote vote) {
    try {
      Boolean added =
          transactions.execute(
              status -> {
                // locks the row, and holds off transitions until this vote is in (or not)
                int pending =
                    jdbc.sql(
                            "UPDATE approval_request SET updated_at = :at"
                                + " WHERE id = :id AND state = 'PENDING'")
                        .param("at", utc(vote.at()))
                        .param("id", requestId)
                        .update();
                if (pending == 0) {
                  return false;
                }
                jdbc.sql(
                        """
                        INSERT INTO approval_vote (request_id, approver_id, approve, voted_at, reason)
                        VALUES (:id, :approver, :approve, :at, :reason)
                        """)
                    .param("id", requestId)
                    .param("approver", vote.approverId())
                    .param("approve", vote.approve())
                    .param("at", utc(vote.at()))
                    .param("reason", vote.reason().orElse(null))
                    .update();
                return true;
              });
      if (Boolean.TRUE.equals(added)) {
        return VoteResult.ADDED;
      }
    } catch (DuplicateKeyException duplicate) {
      return VoteResult.DUPLICATE;
    }
    return exists(requestId) ? VoteResult.NOT_PENDING : VoteResult.NOT_FOUND;
  }

  @Override
  public boolean transition(
      String requestId, ApprovalState from, ApprovalState to, Instant at, String note) {
    return jdbc.sql(
                "UPDATE approval_request SET state = :to, note = :note, updated_at = :at"
                    + " WHERE id = :id AND state = :from")
            .param("to", to.name())
            .param("note", note)
            .param("at", utc(at))
            .param("id", requestId)
            .param("from", from.name())
            .update()
        == 1;
  }

  @Override
  public List<ApprovalRequest> pending() {
    return load(jdbc.sql(SELECT + " WHERE r.state = 'PENDING'" + ORDER));
  }

  private boolean exists(String requestId) {
    return jdbc.sql("SELECT COUNT(*) FROM approval_request WHERE id = :id")
            .param("id", requestId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Folds the joined rows (one per vote, or one without a vote) into requests, in row order. */
  private static List<ApprovalRequest> load(JdbcClient.StatementSpec statement) {
    Map<String, Row> rows = new LinkedHashMap<>();
    statement.query(
        (ResultSet rs) -> {
          Row row = rows.get(rs.getString("id"));
          if (row == null) {
            row = Row.of(rs);
            rows.put(row.id, row);
          }
          String approver = rs.getString("approver_id");
          if (approver != null) {
            row.votes.add(
                new Vote(
                    approver,
                    rs.getBoolean("approve"),
                    instant(rs, "voted_at"),
                    Optional.ofNullable(rs.getString("reason"))));
          }
        });
    return rows.values().stream().map(Row::toRequest).toList();
  }

  /** A request's columns while its votes are collected. */
  private static final class Row {
    private final String id;
    private final String actionJson;
    private final String actionHash;
    private final String rule;
    private final String approvers;
    private final int min;
    private final long ttlMillis;
    private final Instant requestedAt;
    private final Instant expiresAt;
    private final String state;
    private final String note;
    private final String preview;
    private final List<Vote> votes = new ArrayList<>();

    private Row(ResultSet rs) throws SQLException {
      id = rs.getString("id");
      actionJson = rs.getString("action_json");
      actionHash = rs.getString("action_hash");
      rule = rs.getString("rule_name");
      approvers = rs.getString("approvers");
      min = rs.getInt("min_approvals");
      ttlMillis = rs.getLong("ttl_millis");
      requestedAt = instant(rs, "requested_at");
      expiresAt = instant(rs, "expires_at");
      state = rs.getString("state");
      note = rs.getString("note");
      preview = rs.getString("preview");
    }

    static Row of(ResultSet rs) throws SQLException {
      return new Row(rs);
    }

    ApprovalRequest toRequest() {
      return new ApprovalRequest(
          id,
          ActionJson.parse(actionJson),
          actionHash,
          Optional.ofNullable(rule),
          new ApprovalRequirement(
              JSON.readValue(approvers, STRINGS), min, Duration.ofMillis(ttlMillis)),
          requestedAt,
          expiresAt,
          ApprovalState.valueOf(state),
          votes,
          Optional.ofNullable(note),
          Optional.ofNullable(preview));
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** The time at the precision both databases keep, so that it reads back exactly. */
  private static OffsetDateTime utc(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }
}
