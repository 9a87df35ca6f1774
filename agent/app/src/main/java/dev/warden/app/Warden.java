package dev.warden.app;

import dev.warden.app.cli.WardenCommand;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The entry point of {@code warden.jar} and the {@code ./warden} launcher. With no arguments, or
 * with {@code serve}, or with only options (such as {@code --spring.profiles.active=postgres}), it
 * starts the server; anything else is a command-line command, run without a Spring context.
 */
public final class Warden {
  private Warden() {}

  public static void main(String[] args) {
    if (startsServer(args)) {
      String[] springArgs =
          args.length > 0 && args[0].equals("serve")
              ? Arrays.copyOfRange(args, 1, args.length)
              : args;
      WardenApplication.start(springArgs);
      return;
    }
    System.exit(new CommandLine(new WardenCommand()).execute(args));
  }

  static boolean startsServer(String[] args) {
    if (args.length == 0 || args[0].equals("serve")) {
      return true;
    }
    String first = args[0];
    return first.startsWith("--") && !first.equals("--help") && !first.equals("--version");
  }
}
