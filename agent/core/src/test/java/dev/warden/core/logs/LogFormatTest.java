package dev.warden.core.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogFormatTest {

  @Test
  void aLoghubFormatSplitsTheHeaderFromTheContent() {
    LogFormat format =
        LogFormat.compile("<Date> <Time> <Level> \\[<Process>\\] <Component>: <Content>");

    LogLine line =
        format
            .parse(
                "2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.MRAppMaster: Created"
                    + " MRAppMaster for application appattempt_1445144423722_0020_000001")
            .orElseThrow();

    assertThat(line.level()).isEqualTo("INFO");
    assertThat(line.component()).isEqualTo("org.apache.hadoop.MRAppMaster");
    assertThat(line.content())
        .isEqualTo("Created MRAppMaster for application appattempt_1445144423722_0020_000001");
    assertThat(format.parse("not a hadoop line")).isEmpty();
  }

  @Test
  void theFormatsOwnGroupsShiftNoFieldAndAnUnmatchedFieldIsEmpty() {
    LogFormat linux =
        LogFormat.compile("<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>");

    assertThat(linux.parse("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown"))
        .contains(
            new LogLine("check pass; user unknown", "combo", "sshd(pam_unix)", "Jun 14 15:16:01"));
    assertThat(linux.parse("Jun 14 15:16:02 combo su: session opened for user news"))
        .contains(new LogLine("session opened for user news", "combo", "su", "Jun 14 15:16:02"));
  }

  @Test
  void aFormatWithoutContentOrWithABadPatternIsRefusedWithAReason() {
    assertThatThrownBy(() -> LogFormat.compile("<Date> <Time>"))
        .hasMessageStartingWith("log format: no <Content> field");
    assertThatThrownBy(() -> LogFormat.compile("<Date> [<Content>"))
        .hasMessageStartingWith("log format: ");
    assertThatThrownBy(() -> LogFormat.compile("<A> <A> <Content>"))
        .hasMessage("log format: field <A> appears twice");
  }

  @Test
  void withoutAFormatCommonPrefixesAreStripped() {
    assertThat(
            HeaderDetector.parse(
                "2026-11-27T10:15:02.123Z ERROR [http-nio-8080-exec-4] c.a.o.PaymentClient:"
                    + " upstream returned 500"))
        .isEqualTo(
            new LogLine(
                "upstream returned 500",
                "ERROR",
                "c.a.o.PaymentClient",
                "2026-11-27T10:15:02.123Z"));
    assertThat(HeaderDetector.parse("Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster"))
        .isEqualTo(new LogLine("Invalid user webmaster", "", "sshd", "Dec 10 06:55:46"));
    assertThat(
            HeaderDetector.parse(
                "2026-11-27 10:15:02.123  WARN 4242 --- [nio-8080-exec-4]"
                    + " c.a.o.PaymentClient           : retrying payment 7"))
        .isEqualTo(
            new LogLine(
                "retrying payment 7", "WARN", "c.a.o.PaymentClient", "2026-11-27 10:15:02.123"));
    assertThat(HeaderDetector.parse("plain message").content()).isEqualTo("plain message");
  }

  @Test
  void aStackTraceIsOneRecordWithItsFirstLinesTemplate() throws Exception {
    String log =
        """
        2026-11-27 10:15:02 ERROR Request failed, order 123
        java.lang.IllegalStateException: boom
        \tat com.acme.Orders.place(Orders.java:42)
        \tat com.acme.Api.post(Api.java:7)
        Caused by: java.io.IOException: reset
        \t... 12 more
        2026-11-27 10:15:03 INFO Request ok, order 124
        """;
    LogParser parser = new LogParser(Optional.empty(), new TemplateMiner());

    Template[] templates =
        parser.parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));

    assertThat(templates).hasSize(7);
    assertThat(templates[2]).isSameAs(templates[1]);
    assertThat(templates[3]).isSameAs(templates[1]);
    assertThat(templates[4]).isSameAs(templates[1]);
    assertThat(templates[5]).isSameAs(templates[1]);
    assertThat(templates[0].text()).isEqualTo("Request failed, order <*>");
    StringWriter csv = new StringWriter();
    LogParser.writeCsv(templates, csv);
    assertThat(csv.toString())
        .startsWith("LineId,EventTemplate\r\n1,\"Request failed, order <*>\"\r\n")
        .endsWith("7,\"Request ok, order <*>\"\r\n");
  }
}
