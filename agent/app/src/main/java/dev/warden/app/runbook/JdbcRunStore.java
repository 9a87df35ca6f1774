package dev.warden.app.runbook;

import dev.warden.core.action.ActionJson;
import dev.warden.core.action.Requester;
import dev.warden.core.runbook.run.Run;
import dev.warden.core.runbook.run.RunState;
import dev.warden.core.runbook.run.RunStore;
import dev.warden.core.runbook.run.StepRun;
import dev.warden.core.runbook.run.StepState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Runbook runs in a relational database (H2 or PostgreSQL, same SQL): a {@code runbook_run} row per
 * run and a {@code runbook_step} row per step.
 *
 * <p>Every change is one conditional {@code UPDATE} that names the state it expects ({@code ...
 * WHERE id = ? AND state = ?}). Both databases lock the row for the update and check the condition
 * again once a concurrent change has committed, so of several callers racing for the same change
 * exactly one wins, also across replicas: the scheduler's advance, a person cancelling, and the
 * approver's thread recording a step's result cannot overwrite each other.
 *
 * <p>A run and its steps are read with one statement, so that they come from one snapshot. The
 * alert's labels and annotations, the parameters and a step's outputs are JSON objects of strings;
 * a step's action is its canonical JSON, read back with {@link ActionJson#parse} to an action with
 * the same hash. Times are stored at microsecond precision (what both databases keep), so they read
 * back exactly.
 */
public class JdbcRunStore implements RunStore {
  // the stored format must not follow the application's Jackson settings
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, String>> STRINGS =
      new TypeReference<>() {};

  private static final String COLUMNS =
      "r.id, r.runbook, r.cluster, r.labels, r.annotations, r.params, r.started_by_type,"
          + " r.started_by_id, r.source_event, r.state, r.created_at, r.updated_at, r.not_before, r.note,"
          + " s.idx, s.is_rollback, s.step_id, s.kind, s.state AS step_state, s.request_id,"
          + " s.action_json, s.decision_level, s.rule_name, s.started_at, s.ended_at, s.deadline,"
          + " s.outputs, s.summary, s.error, s.preview, s.command";
  private static final String SELECT =
      "SELECT " + COLUMNS + " FROM runbook_run r LEFT JOIN runbook_step s ON s.run_id = r.id";
  private static final List<String> ACTIVE =
      Arrays.stream(RunState.values())
          .filter(state -> !state.terminal())
          .map(RunState::name)
          .toList();

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public JdbcRunStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when a run with that id, or a step with one of its request ids,
   *     exists; nothing is stored then
   */
  @Override
  public void create(Run run) {
    try {
      transactions.executeWithoutResult(
          status -> {
            jdbc.sql(
                    """
                    INSERT INTO runbook_run (id, runbook, cluster, labels, annotations, params,
                        started_by_type, started_by_id, source_event, state, created_at,
                        updated_at, not_before, note)
                    VALUES (:id, :runbook, :cluster, :labels, :annotations, :params, :byType,
                        :byId, :sourceEvent, :state, :createdAt, :updatedAt, :notBefore, :note)
                    """)
                .param("id", run.id())
                .param("runbook", run.runbook())
                .param("cluster", run.cluster().orElse(null))
                .param("labels", JSON.writeValueAsString(run.labels()))
                .param("annotations", JSON.writeValueAsString(run.annotations()))
                .param("params", JSON.writeValueAsString(run.params()))
                .param("byType", run.startedBy().type().wireName())
                .param("byId", run.startedBy().id())
                .param("sourceEvent", run.sourceEvent().orElse(null))
                .param("state", run.state().name())
                .param("createdAt", utc(run.createdAt()))
                .param("updatedAt", utc(run.updatedAt()))
                .param("notBefore", run.notBefore().map(JdbcRunStore::utc).orElse(null))
                .param("note", run.note().orElse(null))
                .update();
            for (StepRun step : run.steps()) {
              stepColumns(
                      jdbc.sql(
                          """
                          INSERT INTO runbook_step (run_id, idx, is_rollback, step_id, kind, state,
                              request_id, action_json, decision_level, rule_name, started_at,
                              ended_at, deadline, outputs, summary, error, preview, command)
                          VALUES (:runId, :idx, :rollback, :stepId, :kind, :state, :requestId,
                              :action, :level, :rule, :startedAt, :endedAt, :deadline, :outputs,
                              :summary, :error, :preview, :command)
                          """),
                      run.id(),
                      step)
                  .update();
            }
          });
    } catch (DuplicateKeyException e) {
      throw new IllegalStateException(
          "run " + run.id() + " exists, or a request id of its steps is taken", e);
    }
  }

  @Override
  public Optional<Run> find(String id) {
    return load(jdbc.sql(SELECT + " WHERE r.id = :id ORDER BY s.idx").param("id", id)).stream()
        .findFirst();
  }

  @Override
  public List<Run> active() {
    return load(
        jdbc.sql(SELECT + " WHERE r.state IN (:states) ORDER BY r.created_at, r.id, s.idx")
            .param("states", ACTIVE));
  }

  @Override
  public List<Run> recent(int limit) {
    if (limit < 1) {
      return List.of();
    }
    return load(
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM (SELECT id FROM runbook_run"
                    + " ORDER BY created_at DESC, id DESC LIMIT :limit) latest"
                    + " JOIN runbook_run r ON r.id = latest.id"
                    + " LEFT JOIN runbook_step s ON s.run_id = r.id"
                    + " ORDER BY r.created_at DESC, r.id DESC, s.idx")
            .param("limit", limit));
  }

  /** {@inheritDoc} An empty note keeps the run's note as it was. */
  @Override
  public boolean transition(
      String id, RunState from, RunState to, Instant at, Optional<String> note) {
    String set = note.isPresent() ? ", note = :note" : "";
    JdbcClient.StatementSpec update =
        jdbc.sql(
                "UPDATE runbook_run SET state = :to, updated_at = :at"
                    + set
                    + " WHERE id = :id AND state = :from")
            .param("to", to.name())
            .param("at", utc(at))
            .param("id", id)
            .param("from", from.name());
    if (note.isPresent()) {
      update = update.param("note", note.get());
    }
    return update.update() == 1;
  }

  @Override
  public boolean updateStep(String runId, StepRun step, StepState expected) {
    return stepColumns(
                jdbc.sql(
                    """
                    UPDATE runbook_step SET is_rollback = :rollback, step_id = :stepId,
                        kind = :kind, state = :state, request_id = :requestId,
                        action_json = :action, decision_level = :level, rule_name = :rule,
                        started_at = :startedAt, ended_at = :endedAt, deadline = :deadline,
                        outputs = :outputs, summary = :summary, error = :error,
                        preview = :preview, command = :command
                    WHERE run_id = :runId AND idx = :idx AND state = :expected
                    """),
                runId,
                step)
            .param("expected", expected.name())
            .update()
        == 1;
  }

  @Override
  public Optional<StepRef> findByRequest(String requestId) {
    return jdbc.sql("SELECT run_id, idx FROM runbook_step WHERE request_id = :requestId")
        .param("requestId", requestId)
        .query((rs, row) -> new StepRef(rs.getString("run_id"), rs.getInt("idx")))
        .optional();
  }

  /** Binds every column of a step row. */
  private static JdbcClient.StatementSpec stepColumns(
      JdbcClient.StatementSpec statement, String runId, StepRun step) {
    return statement
        .param("runId", runId)
        .param("idx", step.index())
        .param("rollback", step.rollback())
        .param("stepId", step.stepId())
        .param("kind", step.kind())
        .param("state", step.state().name())
        .param("requestId", step.requestId())
        .param("action", step.action().map(ActionJson::canonical).orElse(null))
        .param("level", step.level().orElse(null))
        .param("rule", step.rule().orElse(null))
        .param("startedAt", step.startedAt().map(JdbcRunStore::utc).orElse(null))
        .param("endedAt", step.endedAt().map(JdbcRunStore::utc).orElse(null))
        .param("deadline", step.deadline().map(JdbcRunStore::utc).orElse(null))
        .param("outputs", JSON.writeValueAsString(step.outputs()))
        .param("summary", step.summary().orElse(null))
        .param("error", step.error().orElse(null))
        .param("preview", step.preview().orElse(null))
        .param("command", step.command().orElse(null));
  }

  /** Folds the joined rows (one per step) into runs, in row order. */
  private static List<Run> load(JdbcClient.StatementSpec statement) {
    Map<String, RunRow> runs = new LinkedHashMap<>();
    statement.query(
        (ResultSet rs) -> {
          String id = rs.getString("id");
          RunRow run = runs.get(id);
          if (run == null) {
            run = new RunRow(rs);
            runs.put(id, run);
          }
          if (rs.getString("step_id") != null) {
            run.steps.add(step(rs));
          }
        });
    return runs.values().stream().map(RunRow::toRun).toList();
  }

  private static StepRun step(ResultSet rs) throws SQLException {
    String action = rs.getString("action_json");
    return new StepRun(
        rs.getInt("idx"),
        rs.getBoolean("is_rollback"),
        rs.getString("step_id"),
        rs.getString("kind"),
        StepState.valueOf(rs.getString("step_state")),
        rs.getString("request_id"),
        Optional.ofNullable(action).map(ActionJson::parse),
        Optional.ofNullable(rs.getString("decision_level")),
        Optional.ofNullable(rs.getString("rule_name")),
        Optional.ofNullable(instant(rs, "started_at")),
        Optional.ofNullable(instant(rs, "ended_at")),
        Optional.ofNullable(instant(rs, "deadline")),
        strings(rs.getString("outputs")),
        Optional.ofNullable(rs.getString("summary")),
        Optional.ofNullable(rs.getString("error")),
        Optional.ofNullable(rs.getString("preview")),
        Optional.ofNullable(rs.getString("command")));
  }

  /** A run's columns while its steps are collected. */
  private static final class RunRow {
    private final String id;
    private final String runbook;
    private final String cluster;
    private final String labels;
    private final String annotations;
    private final String params;
    private final Requester startedBy;
    private final String sourceEvent;
    private final RunState state;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Instant notBefore;
    private final String note;
    private final List<StepRun> steps = new ArrayList<>();

    private RunRow(ResultSet rs) throws SQLException {
      id = rs.getString("id");
      runbook = rs.getString("runbook");
      cluster = rs.getString("cluster");
      labels = rs.getString("labels");
      annotations = rs.getString("annotations");
      params = rs.getString("params");
      startedBy =
          new Requester(
              Requester.Type.fromWire(rs.getString("started_by_type")),
              rs.getString("started_by_id"));
      sourceEvent = rs.getString("source_event");
      state = RunState.valueOf(rs.getString("state"));
      createdAt = instant(rs, "created_at");
      updatedAt = instant(rs, "updated_at");
      notBefore = instant(rs, "not_before");
      note = rs.getString("note");
    }

    Run toRun() {
      return new Run(
          id,
          runbook,
          Optional.ofNullable(cluster),
          strings(labels),
          strings(annotations),
          strings(params),
          startedBy,
          Optional.ofNullable(sourceEvent),
          state,
          createdAt,
          updatedAt,
          Optional.ofNullable(note),
          steps,
          Optional.ofNullable(notBefore));
    }
  }

  private static Map<String, String> strings(String json) {
    return JSON.readValue(json, STRINGS);
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
