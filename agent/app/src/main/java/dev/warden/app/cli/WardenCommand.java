package dev.warden.app.cli;

import org.springframework.context.ConfigurableApplicationContext;
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
      ApprovalsCommand.class,
      AuditCommand.class,
      RedactCommand.class,
      LlmCommand.class,
      LogsCommand.class
    })
public class WardenCommand implements Runnable {
  /** Starts the application without its web server, with these Spring Boot arguments. */
  @FunctionalInterface
  public interface Starter {
    ConfigurableApplicationContext start(String[] args);
  }

  private final Starter starter;

  /** The commands, with no way to start the application (tests of offline commands). */
  public WardenCommand() {
    this(
        args -> {
          throw new IllegalStateException("this command line cannot start the application");
        });
  }

  /** The commands; {@code starter} starts the application for the commands that act. */
  public WardenCommand(Starter starter) {
    this.starter = starter;
  }

  Starter starter() {
    return starter;
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
