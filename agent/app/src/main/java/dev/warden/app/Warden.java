package dev.warden.app;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.warden.app.cli.WardenCommand;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
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
    // UTF-8 whatever the platform's locale: log lines and templates are not ASCII
    PrintWriter out =
        new PrintWriter(
            new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), UTF_8), 1 << 16));
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), UTF_8), true);
    int code =
        new CommandLine(new WardenCommand(WardenApplication::startWithoutWebServer))
            .setOut(out)
            .setErr(err)
            .execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  static boolean startsServer(String[] args) {
    if (args.length == 0 || args[0].equals("serve")) {
      return true;
    }
    String first = args[0];
    return first.startsWith("--") && !first.equals("--help") && !first.equals("--version");
  }
}
