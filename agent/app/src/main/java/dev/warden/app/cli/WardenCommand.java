package dev.warden.app.cli;

import picocli.CommandLine.Command;

/** {@code warden}: the top-level command; each feature adds a subcommand. */
@Command(
    name = "warden",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Warden, a DevOps agent that acts only as policy allows.",
    subcommands = {
      ServeCommand.class,
      EventsCommand.class,
      ValidateCommand.class,
      PolicyCommand.class,
      RunbookCommand.class,
      AuditCommand.class,
      RedactCommand.class,
      LlmCommand.class,
      LogsCommand.class
    })
public class WardenCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
