package dev.warden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.app.audit.JdbcAuditLog;
import dev.warden.core.audit.AuditRecord;
import java.nio.file.Path;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@code warden audit verify} against an H2 file migrated like the server's, read directly. */
class AuditCommandTest {
  @TempDir Path dir;
  private String url;
  private DriverManagerDataSource dataSource;

  @BeforeEach
  void chainOfFive() {
    url = "jdbc:h2:file:" + dir.resolve("warden") + ";AUTO_SERVER=TRUE";
    dataSource = new DriverManagerDataSource(url, "sa", "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    JdbcAuditLog log = new JdbcAuditLog(dataSource);
    for (int i = 1; i <= 5; i++) {
      log.append(
          new AuditRecord(
              "decision",
              Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i),
              "{\"n\":" + i + "}"));
    }
  }

  @Test
  void anIntactChainExitsZero() {
    Cli cli = Cli.run("audit", "verify", "--jdbc-url", url);
    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("intact: 5 entries; last hash sha256:");
  }

  @Test
  void anEditedEntryIsNamedAndExitsOne() {
    JdbcClient.create(dataSource)
        .sql("UPDATE audit_entry SET body = '{\"n\":300}' WHERE seq = 3")
        .update();
    Cli cli = Cli.run("audit", "verify", "--jdbc-url", url);
    assertThat(cli.exit()).isEqualTo(1);
    assertThat(cli.out()).startsWith("BROKEN at entry 3: its content does not match its hash");
  }

  @Test
  void aDeletedEntryIsNamedAndExitsOne() {
    JdbcClient.create(dataSource).sql("DELETE FROM audit_entry WHERE seq = 2").update();
    Cli cli = Cli.run("audit", "verify", "--jdbc-url", url);
    assertThat(cli.exit()).isEqualTo(1);
    assertThat(cli.out()).startsWith("BROKEN at entry 2: entry 2 is missing");
  }

  @Test
  void aDatabaseThatCannotBeReadExitsTwo() {
    Cli cli =
        Cli.run(
            "audit",
            "verify",
            "--jdbc-url",
            "jdbc:h2:file:" + dir.resolve("absent") + ";IFEXISTS=TRUE");
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).startsWith("audit verify: cannot read the audit log:");
  }
}
