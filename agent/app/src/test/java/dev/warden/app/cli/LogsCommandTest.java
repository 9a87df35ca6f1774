package dev.warden.app.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.warden.core.llm.TokenCounter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LogsCommandTest {
  private static final String FORMAT = "<Date> <Time> <Level> <Component>: <Content>";

  private static final String SMALL =
      """
      2026-11-27 10:00:01 INFO api: user alice logged in, session 1001
      2026-11-27 10:00:02 INFO api: user alice logged in, session 1002
      2026-11-27 10:00:03 WARN api: config "timeout" is deprecated
      2026-11-27 10:00:04 ERROR api: request failed
      java.lang.IllegalStateException: boom
      \tat com.example.Api.handle(Api.java:42)
      """;

  private static final String EXPECTED_CSV =
      "LineId,EventTemplate\r\n"
          + "1,\"user alice logged in, session <*>\"\r\n"
          + "2,\"user alice logged in, session <*>\"\r\n"
          + "3,\"config \"\"timeout\"\" is deprecated\"\r\n"
          + "4,request failed\r\n"
          + "5,java.lang.IllegalStateException: boom\r\n"
          + "6,java.lang.IllegalStateException: boom\r\n";

  /** A Spring Boot application's console: requests, a slow query, a failure with its trace. */
  private static final String SPRING =
      """
      2026-11-27 10:00:00.101  INFO 4242 --- [main] c.e.shop.ShopApplication : Started ShopApplication in 3.2 seconds
      2026-11-27 10:00:01.200  INFO 4242 --- [nio-8080-exec-1] c.e.shop.OrderController : GET /orders/1001 answered in 12 ms
      2026-11-27 10:00:02.200  INFO 4242 --- [nio-8080-exec-2] c.e.shop.OrderController : GET /orders/1002 answered in 15 ms
      2026-11-27 10:00:03.200  INFO 4242 --- [nio-8080-exec-3] c.e.shop.OrderController : GET /orders/1003 answered in 11 ms
      2026-11-27 10:00:04.300  WARN 4242 --- [pool-2-thread-1] c.e.shop.SlowQueries : query orders_by_user took 1250 ms
      2026-11-27 10:00:05.400 ERROR 4242 --- [nio-8080-exec-4] c.e.shop.PaymentClient : charge of order 1004 failed: db_password=s3cr3t-Passw0rd rejected
      java.net.SocketTimeoutException: Read timed out
      \tat java.base/java.net.SocketInputStream.read(SocketInputStream.java:168)
      \tat com.example.shop.PaymentClient.charge(PaymentClient.java:88)
      Caused by: java.io.IOException: connection reset
      \t... 14 more
      2026-11-27 10:00:06.200  INFO 4242 --- [nio-8080-exec-5] c.e.shop.OrderController : GET /orders/1005 answered in 13 ms
      """;

  private static final String SPRING_FORMAT =
      "<Date> <Time> <Level> <Pid> --- \\[<Thread>\\] <Component> : <Content>";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void parseWritesOneCsvRowPerLineQuotedAsRfc4180() throws IOException {
    Path log = write("small.log", SMALL);

    Cli cli = Cli.run("logs", "parse", log.toString(), "--format", FORMAT);

    assertThat(cli.err()).isEmpty();
    assertThat(cli.exit()).isZero();
    assertThat(cli.out()).isEqualTo(EXPECTED_CSV);
  }

  @Test
  void parseWritesTheCsvToAFileWithOut() throws IOException {
    Path log = write("small.log", SMALL);
    Path csv = dir.resolve("small.csv");

    Cli cli = Cli.run("logs", "parse", log.toString(), "--format", FORMAT, "--out", csv.toString());

    assertThat(cli.exit()).isZero();
    assertThat(cli.out()).isEmpty();
    assertThat(Files.readString(csv, StandardCharsets.UTF_8)).isEqualTo(EXPECTED_CSV);
    assertThat(cli.err()).isEqualTo("logs parse: 6 lines written to " + csv + "\n");
  }

  @Test
  void extraMasksTurnWhatTheyMatchIntoVariables() throws IOException {
    Path log =
        write(
            "tenants.log",
            "2026-11-27 10:00:01 WARN api: quota exceeded for tenant-acme\n"
                + "2026-11-27 10:00:02 WARN api: quota exceeded for tenant-globex\n");

    Cli plain = Cli.run("logs", "parse", log.toString(), "--format", FORMAT);
    Cli masked =
        Cli.run("logs", "parse", log.toString(), "--format", FORMAT, "--mask", "tenant-[a-z]+");
    Cli bad = Cli.run("logs", "parse", log.toString(), "--mask", "tenant-[");

    assertThat(plain.out()).contains("1,quota exceeded for tenant-acme\r\n");
    assertThat(masked.out())
        .isEqualTo(
            "LineId,EventTemplate\r\n1,quota exceeded for <*>\r\n2,quota exceeded for <*>\r\n");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith("logs parse: --mask tenant-[: ").hasLineCount(1);
  }

  @Test
  void aMissingFileIsExit2WithOneLine() {
    Path missing = dir.resolve("nope.log");

    Cli parse = Cli.run("logs", "parse", missing.toString());
    Cli summarize = Cli.run("logs", "summarize", missing.toString());

    assertThat(parse.exit()).isEqualTo(2);
    assertThat(parse.out()).isEmpty();
    assertThat(parse.err()).isEqualTo("logs parse: no such file: " + missing + "\n");
    assertThat(summarize.exit()).isEqualTo(2);
    assertThat(summarize.err()).isEqualTo("logs summarize: no such file: " + missing + "\n");
  }

  @Test
  void aBadFormatIsExit2WithOneLine() throws IOException {
    Path log = write("small.log", SMALL);

    Cli noContent = Cli.run("logs", "parse", log.toString(), "--format", "<Date> <Time> <Level>");
    Cli badPattern = Cli.run("logs", "parse", log.toString(), "--format", "<Date> [<Content>");
    Cli summarize = Cli.run("logs", "summarize", log.toString(), "--format", "<Date> (<Content>");

    assertThat(noContent.exit()).isEqualTo(2);
    assertThat(noContent.out()).isEmpty();
    assertThat(noContent.err())
        .startsWith("logs parse: log format: no <Content> field")
        .endsWith("\n")
        .hasLineCount(1);
    assertThat(badPattern.exit()).isEqualTo(2);
    assertThat(badPattern.err()).startsWith("logs parse: log format: ").hasLineCount(1);
    assertThat(summarize.exit()).isEqualTo(2);
    assertThat(summarize.err()).startsWith("logs summarize: log format: ").hasLineCount(1);
  }

  @Test
  void summarizePrintsTheRankedSummaryAsMarkdownWithoutAModel() throws IOException {
    Path log = write("shop.log", SPRING);

    Cli cli = Cli.run("logs", "summarize", log.toString(), "--format", SPRING_FORMAT);

    assertThat(cli.exit()).isZero();
    assertThat(cli.err()).isEmpty();
    String out = cli.out();
    assertThat(out)
        .startsWith(
            "> deterministic analysis; no model configured\n\n"
                + "# Log summary: shop.log\n"
                + "12 lines, 7 events, 4 templates, from 2026-11-27 10:00:00.101 to 2026-11-27"
                + " 10:00:06.200\n\n"
                + "- ERROR ×1 (+5 lines), at 2026-11-27 10:00:05.400, in c.e.shop.PaymentClient:"
                + " `charge of order <*> failed: db_password=");
    assertThat(out).doesNotContain("s3cr3t-Passw0rd");
    assertThat(out)
        .containsSubsequence(
            "- ERROR", "- WARNING ×1", "- INFO ×4, first 2026-11-27 10:00:01.200", "- INFO ×1")
        .contains("`GET <*> answered in <*> ms`")
        .contains(
            "  - examples: #1 `/orders/1001`, `/orders/1002`, `/orders/1003`; #2 `12`, `15`,"
                + " `11`")
        .doesNotContain("left out");
  }

  @Test
  void summarizePrintsJsonForPrograms() throws IOException {
    Path log = write("shop.log", SPRING);

    Cli cli = Cli.run("logs", "summarize", log.toString(), "--format", SPRING_FORMAT, "--json");

    assertThat(cli.exit()).isZero();
    assertThat(cli.out()).doesNotContain("s3cr3t-Passw0rd");
    JsonNode json = JsonMapper.builder().build().readTree(cli.out());
    assertThat(json.get("source").asString()).isEqualTo("shop.log");
    assertThat(json.get("lines").asLong()).isEqualTo(12);
    assertThat(json.get("events").asLong()).isEqualTo(7);
    assertThat(json.get("templates").asInt()).isEqualTo(4);
    assertThat(json.at("/time_range/from").asString()).isEqualTo("2026-11-27 10:00:00.101");
    assertThat(json.get("budget_tokens").asInt()).isEqualTo(2000);
    assertThat(json.get("items")).hasSize(4);
    JsonNode error = json.at("/items/0");
    assertThat(error.get("category").asString()).isEqualTo("error");
    assertThat(error.get("severity").asString()).isEqualTo("error");
    assertThat(error.get("count").asLong()).isEqualTo(1);
    assertThat(error.get("extra_lines").asLong()).isEqualTo(5);
    assertThat(error.at("/first_seen/line").asLong()).isEqualTo(6);
    assertThat(error.at("/first_seen/time").asString()).isEqualTo("2026-11-27 10:00:05.400");
    assertThat(error.at("/levels/error").asLong()).isEqualTo(1);
    assertThat(error.at("/components/0").asString()).isEqualTo("c.e.shop.PaymentClient");
    JsonNode requests = json.at("/items/2");
    assertThat(requests.get("template").asString()).isEqualTo("GET <*> answered in <*> ms");
    assertThat(requests.at("/examples/0/wildcard").asInt()).isEqualTo(1);
    assertThat(requests.at("/examples/0/values/0").asString()).isEqualTo("/orders/1001");
    assertThat(json.at("/dropped/templates").asInt()).isZero();
    assertThat(json.at("/narrative/label").asString())
        .isEqualTo("deterministic analysis; no model configured");
    assertThat(json.at("/narrative/text").asString()).isEmpty();
  }

  @Test
  void summarizeLeavesOutWhatDoesNotFitTheBudgetAndSaysSo() throws IOException {
    Path log = write("shop.log", SPRING);

    Cli cli =
        Cli.run(
            "logs",
            "summarize",
            log.toString(),
            "--format",
            SPRING_FORMAT,
            "--budget-tokens",
            "160");

    assertThat(cli.exit()).isZero();
    String summary = cli.out().substring(cli.out().indexOf("\n\n") + 2);
    assertThat(TokenCounter.standard().count(summary)).isLessThanOrEqualTo(160);
    assertThat(summary)
        .contains("- ERROR")
        .containsPattern(
            "\\d+ more templates? \\(\\d+ lines?\\) left out to fit 160 tokens: 0 errors, \\d+"
                + " warnings?, \\d+ info");
  }

  @Test
  void withAScriptTheNarrativeIsShownAboveTheSummaryWithItsLabel() throws IOException {
    Path log = write("shop.log", SPRING);
    Path script =
        write(
            "answers.jsonl",
            "{\"feature\": \"summarise\", \"contains\": [\"SocketTimeoutException\", \"shop.log\"],"
                + " \"answer\": \"Payments to the bank time out since 10:00:05.\"}\n");

    Cli markdown =
        Cli.run(
            "logs",
            "summarize",
            log.toString(),
            "--format",
            SPRING_FORMAT,
            "--script",
            script.toString());
    Cli json =
        Cli.run(
            "logs",
            "summarize",
            log.toString(),
            "--format",
            SPRING_FORMAT,
            "--script",
            script.toString(),
            "--json");

    assertThat(markdown.exit()).isZero();
    assertThat(markdown.out())
        .startsWith(
            "> Narrative (scripted/scripted): Payments to the bank time out since 10:00:05.\n\n"
                + "# Log summary: shop.log\n");
    assertThat(json.exit()).isZero();
    JsonNode node = JsonMapper.builder().build().readTree(json.out());
    assertThat(node.at("/narrative/text").asString())
        .isEqualTo("Payments to the bank time out since 10:00:05.");
    assertThat(node.at("/narrative/label").asString()).isEqualTo("scripted/scripted");
    assertThat(node.at("/narrative/producer").asString()).isEqualTo("model");
  }

  @Test
  void withAProviderTheNarrativeComesFromTheModelOverItsApi() throws IOException {
    Path log = write("shop.log", SPRING);
    WireMockServer fake = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    fake.start();
    try {
      String chunk =
          "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
              + "\"model\":\"fake-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
              + "\"%s\"},\"finish_reason\":%s}]}\n\n";
      fake.stubFor(
          post(urlEqualTo("/v1/chat/completions"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "text/event-stream")
                      .withBody(
                          chunk.formatted("The bank times out.", "null")
                              + chunk.formatted("", "\"stop\"")
                              + "data: [DONE]\n\n")));

      Cli cli =
          Cli.run(
              "logs",
              "summarize",
              log.toString(),
              "--format",
              SPRING_FORMAT,
              "--provider",
              "openai-compatible",
              "--base-url",
              "http://127.0.0.1:" + fake.port() + "/v1",
              "--model",
              "fake-model");

      assertThat(cli.exit()).as(cli.err()).isZero();
      assertThat(cli.out())
          .startsWith(
              "> Narrative (openai-compatible/fake-model): The bank times out.\n\n"
                  + "# Log summary: shop.log\n");
      String sent = fake.getAllServeEvents().get(0).getRequest().getBodyAsString();
      assertThat(sent).contains("\"model\":\"fake-model\"").contains("SocketTimeoutException");
      assertThat(sent).as("the log's password never reaches the model").doesNotContain("s3cr3t");
    } finally {
      fake.stop();
    }
  }

  @Test
  void aProviderWithoutAModelOrTogetherWithAScriptIsExit2() throws IOException {
    Path log = write("shop.log", SPRING);

    Cli noModel = Cli.run("logs", "summarize", log.toString(), "--provider", "ollama");
    Cli both =
        Cli.run("logs", "summarize", log.toString(), "--provider", "ollama", "--script", "x.jsonl");

    assertThat(noModel.exit()).isEqualTo(2);
    assertThat(noModel.err()).isEqualTo("logs summarize: --provider needs --model\n");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).isEqualTo("logs summarize: give --script or --provider, not both\n");
  }

  @Test
  void aScriptThatCannotBeReadIsExit2() throws IOException {
    Path log = write("shop.log", SPRING);

    Cli cli =
        Cli.run(
            "logs", "summarize", log.toString(), "--script", dir.resolve("none.jsonl").toString());

    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).startsWith("logs summarize: cannot read the script ").hasLineCount(1);
  }
}
