package dev.warden.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.app.cli.WardenCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WardenTest {

  @Test
  void startsTheServerWithoutArgumentsWithServeOrWithOnlyOptions() {
    assertThat(Warden.startsServer(new String[] {})).isTrue();
    assertThat(Warden.startsServer(new String[] {"serve", "--server.port=9090"})).isTrue();
    assertThat(Warden.startsServer(new String[] {"--spring.profiles.active=postgres"})).isTrue();
  }

  @Test
  void runsCommandsAndHelpWithoutAServer() {
    assertThat(Warden.startsServer(new String[] {"events"})).isFalse();
    assertThat(Warden.startsServer(new String[] {"--help"})).isFalse();
    assertThat(Warden.startsServer(new String[] {"--version"})).isFalse();
  }

  @Test
  void helpListsTheCommands() {
    var out = new StringWriter();
    int exit = new CommandLine(new WardenCommand()).setOut(new PrintWriter(out)).execute("--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("serve").contains("events");
  }

  @Test
  void eventsSaysClearlyWhenNoServerIsRunning() throws Exception {
    int unusedPort;
    try (var socket = new ServerSocket(0)) {
      unusedPort = socket.getLocalPort();
    }
    var err = new StringWriter();

    int exit =
        new CommandLine(new WardenCommand())
            .setErr(new PrintWriter(err))
            .execute("events", "--url", "http://127.0.0.1:" + unusedPort);

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("no Warden server at http://127.0.0.1:" + unusedPort)
        .contains("./warden serve");
  }

  @Test
  void requeueNeedsANumericId() {
    var err = new StringWriter();

    int exit =
        new CommandLine(new WardenCommand())
            .setErr(new PrintWriter(err))
            .execute("events", "requeue", "abc");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("usage: warden events requeue ID");
  }
}
