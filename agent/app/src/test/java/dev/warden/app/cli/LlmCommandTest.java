package dev.warden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.app.llm.JdbcUsageLedger;
import dev.warden.core.llm.UsageRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code warden llm usage} against an H2 file migrated like the server's, read directly. */
class LlmCommandTest {
  @TempDir Path dir;
  private String url;
  private SingleConnectionDataSource dataSource;
  private JdbcUsageLedger ledger;

  @BeforeEach
  void twoDaysOfTwoFeatures() {
    url = "jdbc:h2:file:" + dir.resolve("warden") + ";AUTO_SERVER=TRUE";
    // one connection for the whole setup: opening the file costs more than the statements
    dataSource = new SingleConnectionDataSource(url, "sa", "", true);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    ledger = new JdbcUsageLedger(dataSource);
    // 2026-11-27, from its first microsecond to its last
    ledger.record(summarise("2026-11-27T00:00:00Z", 2_000, 500, "0.004500"));
    ledger.record(review("2026-11-27T09:00:00Z", "acme/api", "model", 1_200, 300, "0.000360"));
    ledger.record(review("2026-11-27T09:05:00Z", "acme/api", "cache", 0, 0, "0.000000"));
    ledger.record(review("2026-11-27T10:00:00Z", "acme/web", "model", 800, 200, "0.000240"));
    ledger.record(
        new UsageRecord(
            Instant.parse("2026-11-27T11:00:00Z"),
            "review",
            "acme/api",
            "none",
            "",
            "review@1",
            "deterministic",
            0,
            0,
            BigDecimal.ZERO));
    ledger.record(summarise("2026-11-27T23:59:59.999999Z", 1_000, 250, "0.002250"));
    // 2026-11-28, from its first microsecond on
    ledger.record(review("2026-11-28T00:00:00Z", "acme/api", "model", 5_000, 1_000, "0.001350"));
    ledger.record(summarise("2026-11-28T12:00:00Z", 100, 25, "0.000150"));
    ledger.record(summarise("2026-11-28T12:30:00Z", 400, 100, "0.000600"));
  }

  @AfterEach
  void close() {
    dataSource.destroy();
  }

  private static UsageRecord review(
      String at, String scope, String producer, long in, long out, String cost) {
    return new UsageRecord(
        Instant.parse(at),
        "review",
        scope,
        "openai",
        "gpt-4o-mini",
        "review@1",
        producer,
        in,
        out,
        new BigDecimal(cost));
  }

  private static UsageRecord summarise(String at, long in, long out, String cost) {
    return new UsageRecord(
        Instant.parse(at),
        "summarise",
        "",
        "anthropic",
        "claude-haiku-4-5",
        "summarise@2",
        "model",
        in,
        out,
        new BigDecimal(cost));
  }

  private Cli usage(String... options) {
    String[] args = new String[options.length + 4];
    args[0] = "llm";
    args[1] = "usage";
    args[2] = "--jdbc-url";
    args[3] = url;
    System.arraycopy(options, 0, args, 4, options.length);
    return Cli.run(args);
  }

  @Test
  void printsTheDaysUsageByFeatureProviderModelAndScopeWithATotal() {
    Cli cli = usage("--day", "2026-11-27");

    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.out())
        .isEqualTo(
            """
            LLM usage on 2026-11-27 (UTC)
            FEATURE    PROVIDER/MODEL              SCOPE     CALLS  CACHED  DETERMINISTIC  TOKENS IN  TOKENS OUT  COST USD
            review     none                        acme/api      1       0              1          0           0  0.000000
            review     openai/gpt-4o-mini          acme/api      2       1              0       1200         300  0.000360
            review     openai/gpt-4o-mini          acme/web      1       0              0        800         200  0.000240
            summarise  anthropic/claude-haiku-4-5  -             2       0              0       3000         750  0.006750
            TOTAL                                                6       1              1       5000        1250  0.007350
            """);
  }

  @Test
  void theNextDayStartsAtMidnightUtc() {
    Cli cli = usage("--day", "2026-11-28");

    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.out())
        .isEqualTo(
            """
            LLM usage on 2026-11-28 (UTC)
            FEATURE    PROVIDER/MODEL              SCOPE     CALLS  CACHED  DETERMINISTIC  TOKENS IN  TOKENS OUT  COST USD
            review     openai/gpt-4o-mini          acme/api      1       0              0       5000        1000  0.001350
            summarise  anthropic/claude-haiku-4-5  -             2       0              0        500         125  0.000750
            TOTAL                                                3       0              0       5500        1125  0.002100
            """);
  }

  @Test
  void printsTheSameAsJson() {
    Cli cli = usage("--day", "2026-11-27", "--json");

    assertThat(cli.exit()).as(cli.err()).isZero();
    JsonNode report = JsonMapper.builder().build().readTree(cli.out());
    assertThat(report.get("day").asString()).isEqualTo("2026-11-27");
    assertThat(report.get("total_usd").asString()).isEqualTo("0.007350");
    JsonNode rows = report.get("rows");
    assertThat(rows.size()).isEqualTo(4);
    assertThat(rows.valueStream().map(JsonNode::toString))
        .containsExactly(
            "{\"feature\":\"review\",\"provider\":\"none\",\"model\":\"\",\"scope\":\"acme/api\","
                + "\"calls\":1,\"cached\":0,\"deterministic\":1,\"tokens_in\":0,\"tokens_out\":0,"
                + "\"cost_usd\":\"0.000000\"}",
            "{\"feature\":\"review\",\"provider\":\"openai\",\"model\":\"gpt-4o-mini\","
                + "\"scope\":\"acme/api\",\"calls\":2,\"cached\":1,\"deterministic\":0,"
                + "\"tokens_in\":1200,\"tokens_out\":300,\"cost_usd\":\"0.000360\"}",
            "{\"feature\":\"review\",\"provider\":\"openai\",\"model\":\"gpt-4o-mini\","
                + "\"scope\":\"acme/web\",\"calls\":1,\"cached\":0,\"deterministic\":0,"
                + "\"tokens_in\":800,\"tokens_out\":200,\"cost_usd\":\"0.000240\"}",
            "{\"feature\":\"summarise\",\"provider\":\"anthropic\",\"model\":\"claude-haiku-4-5\","
                + "\"scope\":\"\",\"calls\":2,\"cached\":0,\"deterministic\":0,"
                + "\"tokens_in\":3000,\"tokens_out\":750,\"cost_usd\":\"0.006750\"}");
  }

  @Test
  void aDayWithoutRecordsSaysSoAndExitsZero() {
    Cli cli = usage("--day", "2026-11-26");

    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("no LLM usage recorded on 2026-11-26 (UTC)\n");
  }

  @Test
  void aDayWithoutRecordsIsAnEmptyJsonReport() {
    Cli cli = usage("--day", "2026-11-26", "--json");

    assertThat(cli.exit()).as(cli.err()).isZero();
    JsonNode report = JsonMapper.builder().build().readTree(cli.out());
    assertThat(report.get("day").asString()).isEqualTo("2026-11-26");
    assertThat(report.get("total_usd").asString()).isEqualTo("0.000000");
    assertThat(report.get("rows").isArray()).isTrue();
    assertThat(report.get("rows").isEmpty()).isTrue();
  }

  @Test
  void theDefaultDayIsTodayInUtc() {
    LocalDate before = LocalDate.now(ZoneOffset.UTC);
    ledger.record(review(Instant.now().toString(), "acme/now", "model", 7, 3, "0.000010"));

    Cli cli = usage();

    Assumptions.assumeTrue(before.equals(LocalDate.now(ZoneOffset.UTC)), "ran across midnight");
    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("LLM usage on " + before + " (UTC)\n").contains("acme/now");
  }

  @Test
  void aMissingDatabaseExitsTwoWithOneLine() {
    Cli cli =
        Cli.run(
            "llm",
            "usage",
            "--jdbc-url",
            "jdbc:h2:file:" + dir.resolve("absent") + ";IFEXISTS=TRUE");

    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err())
        .startsWith("llm usage: cannot read the usage ledger: ")
        .contains("absent");
    assertThat(cli.err().lines()).hasSize(1);
  }

  @Test
  void aDatabaseWithoutTheLedgerExitsTwoWithOneLine() {
    Cli cli = Cli.run("llm", "usage", "--jdbc-url", "jdbc:h2:mem:empty");

    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).startsWith("llm usage: cannot read the usage ledger: ");
    assertThat(cli.err().lines()).hasSize(1);
  }

  @Test
  void aBadDayIsAUsageError() {
    Cli cli = usage("--day", "27.11.2026");

    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).contains("--day");
  }
}
