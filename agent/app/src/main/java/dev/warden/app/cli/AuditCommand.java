package dev.warden.app.cli;

import dev.warden.app.audit.JdbcAuditLog;
import dev.warden.core.audit.AuditChain;
import dev.warden.core.audit.Verification;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden audit}: the hash-chained audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Work with the audit log.",
    subcommands = {AuditCommand.Verify.class})
class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code warden audit verify}: reads the chain straight from the database (not through the
   * server, which could be the thing that was tampered with) and checks every link. Exit 0 when
   * intact, 1 naming the first bad entry, 2 when the database cannot be read.
   */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check every entry of the audit log's hash chain, reading the database directly.",
        "Exit 0 when intact; 1 naming the first edited, deleted or reordered entry; 2 when the"
            + " database cannot be read."
      })
  static class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--jdbc-url",
        defaultValue = "${env:WARDEN_JDBC_URL:-" + EmbeddedDatabase.URL + "}",
        description =
            "The database (default: $WARDEN_JDBC_URL, else the embedded default under ./data).")
    String url;

    @Option(
        names = "--user",
        defaultValue = "${env:WARDEN_DB_USER:-sa}",
        description = "Database user (default: $WARDEN_DB_USER or ${DEFAULT-VALUE}).")
    String user;

    @Option(
        names = "--password-env",
        defaultValue = "WARDEN_DB_PASSWORD",
        paramLabel = "VAR",
        description =
            "The environment variable holding the password (default ${DEFAULT-VALUE}); never on"
                + " the command line.")
    String passwordVariable;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
      dataSource.setUsername(user);
      dataSource.setPassword(System.getenv().getOrDefault(passwordVariable, ""));
      Verification verification;
      try {
        verification = AuditChain.verify(new JdbcAuditLog(dataSource));
      } catch (DataAccessException e) {
        err.println(
            "audit verify: cannot read the audit log: " + e.getMostSpecificCause().getMessage());
        err.flush();
        return 2;
      }
      if (verification.intact()) {
        out.println(
            "intact: " + verification.entries() + " entries; last hash " + verification.lastHash());
        out.flush();
        return 0;
      }
      out.println(
          "BROKEN at entry "
              + verification.firstBad().orElseThrow()
              + ": "
              + verification.problem().orElseThrow()
              + " ("
              + verification.entries()
              + " entries before it are intact)");
      out.flush();
      return 1;
    }
  }
}
