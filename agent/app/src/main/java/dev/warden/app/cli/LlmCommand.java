package dev.warden.app.cli;

import dev.warden.app.llm.JdbcUsageLedger;
import dev.warden.core.llm.UsageRecord;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code warden llm}: the LLM gateway, seen from its database. */
@Command(
    name = "llm",
    mixinStandardHelpOptions = true,
    description = "Look at what the LLM gateway did.",
    subcommands = {LlmCommand.Usage.class})
class LlmCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code warden llm usage}: one day's answers of the gateway from its cost ledger, read straight
   * from the database, grouped by feature, provider and model, and scope. Exit 0 (also when the day
   * has no records), 2 when the database cannot be read.
   */
  @Command(
      name = "usage",
      mixinStandardHelpOptions = true,
      description = {
        "Show one day's LLM calls and their cost, by feature, provider/model and scope, reading"
            + " the database directly.",
        "Exit 0; 2 when the database cannot be read."
      })
  static class Usage implements Callable<Integer> {
    private static final JsonMapper JSON =
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final String[] HEADER = {
      "FEATURE",
      "PROVIDER/MODEL",
      "SCOPE",
      "CALLS",
      "CACHED",
      "DETERMINISTIC",
      "TOKENS IN",
      "TOKENS OUT",
      "COST USD"
    };

    /** The first three columns are text, aligned left; the others are numbers, aligned right. */
    private static final int TEXT_COLUMNS = 3;

    @Spec CommandSpec spec;

    @Option(
        names = "--day",
        paramLabel = "YYYY-MM-DD",
        description = "The day to show, in UTC (default: today in UTC).")
    LocalDate day;

    @Option(names = "--json", description = "Print the same as a JSON object, for programs.")
    boolean json;

    @Mixin DatabaseOptions database;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      LocalDate shown = day != null ? day : LocalDate.now(ZoneOffset.UTC);
      Instant from = shown.atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant to = shown.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      DataSource dataSource = database.dataSource();
      List<UsageRecord> records;
      try {
        records = new JdbcUsageLedger(dataSource).between(from, to);
      } catch (DataAccessException e) {
        err.println("llm usage: cannot read the usage ledger: " + firstLine(e));
        err.flush();
        return 2;
      }
      List<Row> rows = group(records);
      Row total = total(rows);
      if (json) {
        out.println(JSON.writeValueAsString(json(shown, rows, total)));
      } else if (rows.isEmpty()) {
        out.println("no LLM usage recorded on " + shown + " (UTC)");
      } else {
        out.println("LLM usage on " + shown + " (UTC)");
        print(rows, total, out);
      }
      out.flush();
      return 0;
    }

    /** One line of the report: the records of one feature, provider, model and scope. */
    private record Row(
        String feature,
        String provider,
        String model,
        String scope,
        long calls,
        long cached,
        long deterministic,
        long tokensIn,
        long tokensOut,
        BigDecimal costUsd) {

      Row plus(UsageRecord usage) {
        return new Row(
            feature,
            provider,
            model,
            scope,
            calls + 1,
            cached + (usage.producer().equals("cache") ? 1 : 0),
            deterministic + (usage.producer().equals("deterministic") ? 1 : 0),
            tokensIn + usage.tokensIn(),
            tokensOut + usage.tokensOut(),
            costUsd.add(usage.costUsd()));
      }

      Row plus(Row other) {
        return new Row(
            feature,
            provider,
            model,
            scope,
            calls + other.calls,
            cached + other.cached,
            deterministic + other.deterministic,
            tokensIn + other.tokensIn,
            tokensOut + other.tokensOut,
            costUsd.add(other.costUsd));
      }
    }

    private record Key(String feature, String provider, String model, String scope) {
      static final Comparator<Key> ORDER =
          Comparator.comparing(Key::feature)
              .thenComparing(Key::provider)
              .thenComparing(Key::model)
              .thenComparing(Key::scope);
    }

    private static List<Row> group(List<UsageRecord> records) {
      Map<Key, Row> rows = new TreeMap<>(Key.ORDER);
      for (UsageRecord usage : records) {
        Key key = new Key(usage.feature(), usage.provider(), usage.model(), usage.scope());
        rows.merge(
            key,
            empty(key.feature(), key.provider(), key.model(), key.scope()).plus(usage),
            Row::plus);
      }
      return List.copyOf(rows.values());
    }

    private static Row total(List<Row> rows) {
      return rows.stream().reduce(empty("", "", "", ""), Row::plus);
    }

    private static Row empty(String feature, String provider, String model, String scope) {
      return new Row(feature, provider, model, scope, 0, 0, 0, 0, 0, BigDecimal.ZERO);
    }

    private static Map<String, Object> json(LocalDate day, List<Row> rows, Row total) {
      List<Map<String, Object>> listed = new ArrayList<>();
      for (Row row : rows) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("feature", row.feature());
        entry.put("provider", row.provider());
        entry.put("model", row.model());
        entry.put("scope", row.scope());
        entry.put("calls", row.calls());
        entry.put("cached", row.cached());
        entry.put("deterministic", row.deterministic());
        entry.put("tokens_in", row.tokensIn());
        entry.put("tokens_out", row.tokensOut());
        entry.put("cost_usd", usd(row.costUsd()));
        listed.add(entry);
      }
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("day", day.toString());
      report.put("total_usd", usd(total.costUsd()));
      report.put("rows", listed);
      return report;
    }

    private static void print(List<Row> rows, Row total, PrintWriter out) {
      List<String[]> lines = new ArrayList<>();
      lines.add(HEADER);
      for (Row row : rows) {
        lines.add(
            cells(
                row.feature(),
                row.model().isEmpty() ? row.provider() : row.provider() + "/" + row.model(),
                row.scope().isEmpty() ? "-" : row.scope(),
                row));
      }
      lines.add(cells("TOTAL", "", "", total));
      int[] widths = new int[HEADER.length];
      for (String[] line : lines) {
        for (int i = 0; i < line.length; i++) {
          widths[i] = Math.max(widths[i], line[i].length());
        }
      }
      for (String[] line : lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < line.length; i++) {
          String padding = " ".repeat(widths[i] - line[i].length());
          text.append(i == 0 ? "" : "  ");
          text.append(i < TEXT_COLUMNS ? line[i] + padding : padding + line[i]);
        }
        out.println(text.toString().stripTrailing());
      }
    }

    private static String[] cells(String feature, String providerModel, String scope, Row row) {
      return new String[] {
        feature,
        providerModel,
        scope,
        Long.toString(row.calls()),
        Long.toString(row.cached()),
        Long.toString(row.deterministic()),
        Long.toString(row.tokensIn()),
        Long.toString(row.tokensOut()),
        usd(row.costUsd())
      };
    }

    /**
     * Dollars to the micro-dollar, as the ledger keeps them: {@code 0.000750}, {@code 12.500000}.
     */
    private static String usd(BigDecimal amount) {
      return amount.setScale(JdbcUsageLedger.COST_SCALE, RoundingMode.HALF_UP).toPlainString();
    }

    private static String firstLine(DataAccessException e) {
      String message = String.valueOf(e.getMostSpecificCause().getMessage());
      return message.lines().findFirst().orElse(message).strip();
    }
  }
}
