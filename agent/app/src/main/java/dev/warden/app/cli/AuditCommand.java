package dev.warden.app.cli;

import dev.warden.app.audit.JdbcAuditLog;
import dev.warden.core.audit.AuditChain;
import dev.warden.core.audit.Verification;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Mixin DatabaseOptions database;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      DataSource dataSource = database.dataSource();
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
