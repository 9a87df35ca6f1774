package dev.warden.app.cli;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The application without its web server, for commands that act (run a runbook, vote on an
 * approval): the same configuration, database, policies, executors and durable timers as {@code
 * warden serve}, so that what a command starts, a server on the same database carries on. The entry
 * point gives the top-level command the way to start it ({@link WardenCommand.Starter}), which
 * keeps this package free of the application class.
 */
final class ServerContext {
  private ServerContext() {}

  /**
   * Starts the context for the command of {@code spec}.
   *
   * @param springArgs Spring Boot properties as {@code --name=value}, as {@code serve} takes them
   */
  static ConfigurableApplicationContext start(CommandSpec spec, List<String> springArgs) {
    List<String> args = new ArrayList<>();
    args.add("--spring.main.log-startup-info=false");
    args.add("--logging.level.root=WARN");
    args.addAll(springArgs);
    WardenCommand root = (WardenCommand) spec.root().userObject();
    return root.starter().start(args.toArray(String[]::new));
  }
}
