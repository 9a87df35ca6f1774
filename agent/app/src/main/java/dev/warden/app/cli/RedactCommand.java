package dev.warden.app.cli;

import dev.warden.core.redact.Redaction;
import dev.warden.core.redact.Redactor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code warden redact}: standard input with every secret replaced by a placeholder, on standard
 * output; how many were replaced on standard error. The originals are not kept.
 */
@Command(
    name = "redact",
    mixinStandardHelpOptions = true,
    description = {
      "Read text on standard input and write it with every secret replaced by a placeholder"
          + " ([REDACTED:kind#n]).",
      "Finds cloud and SaaS tokens, private keys, JWTs, passwords in URLs and assignments, and"
          + " Kubernetes Secret data."
    })
class RedactCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    Redaction redaction = Redactor.standard().redact(text);
    PrintWriter out = spec.commandLine().getOut();
    out.print(redaction.text());
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    err.println("redacted " + redaction.count() + " secret(s)");
    err.flush();
    return 0;
  }
}
