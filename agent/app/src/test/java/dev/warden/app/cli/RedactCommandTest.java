package dev.warden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactCommandTest {
  @Test
  void writesStandardInputRedactedAndCountsOnStandardError() {
    InputStream stdin = System.in;
    try {
      System.setIn(
          new ByteArrayInputStream(
              "connect redis://:gKaqpKTnIoTcIwNdMX@redis-master:6379/0 failed\n"
                  .getBytes(StandardCharsets.UTF_8)));
      Cli cli = Cli.run("redact");
      assertThat(cli.exit()).isZero();
      assertThat(cli.out())
          .isEqualTo("connect redis://:[REDACTED:url-password#1]@redis-master:6379/0 failed\n");
      assertThat(cli.err()).isEqualTo("redacted 1 secret(s)\n");
    } finally {
      System.setIn(stdin);
    }
  }
}
