package dev.warden.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.llm.TokenCounter;
import dev.warden.core.logs.LogSummary.Category;
import dev.warden.core.logs.LogSummary.Event;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LogSummaryTest {
  private static final LogFormat SPRING =
      LogFormat.compile("<Date> <Time> <Level> <Pid> --- \\[<Thread>\\] <Component> : <Content>");

  /** A Spring Boot console line at minute {@code minute}. */
  private static String spring(int minute, String level, String logger, String message) {
    return String.format(
        "2026-11-27 10:%02d:%02d.000 %5s 4242 --- [nio-8080-exec-1] %s : %s",
        minute / 60, minute % 60, level, logger, message);
  }

  private static LogSummary summarize(List<String> lines) {
    return LogSummarizer.summarize(lines, Optional.of(SPRING));
  }

  private static Event event(LogSummary summary, String template) {
    return summary.events().stream()
        .filter(e -> e.template().equals(template))
        .findFirst()
        .orElseThrow(() -> new AssertionError(template + " not in " + summary.events()));
  }

  @Test
  void anErrorTemplateRanksAboveAMoreFrequentInfoOne() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      lines.add(spring(i, "INFO", "c.e.OrderController", "order " + (1000 + i) + " shipped"));
      if (i == 10) {
        lines.add(spring(i, "ERROR", "c.e.PaymentService", "payment p-77 declined by the bank"));
      }
    }

    LogSummary summary = summarize(lines);

    assertThat(summary.events()).hasSize(2);
    Event first = summary.events().get(0);
    assertThat(first.template()).isEqualTo("payment <*> declined by the bank");
    assertThat(first.severity()).isEqualTo(LogSeverity.ERROR);
    assertThat(first.category()).isEqualTo(Category.ERROR);
    assertThat(first.count()).isEqualTo(1);
    assertThat(first.components()).containsExactly("c.e.PaymentService");
    assertThat(first.first().time()).isEqualTo("2026-11-27 10:00:10.000");
    Event second = summary.events().get(1);
    assertThat(second.template()).isEqualTo("order <*> shipped");
    assertThat(second.count()).isEqualTo(50);
    assertThat(second.first().line()).isEqualTo(1);
    assertThat(second.last().line()).isEqualTo(51);
    assertThat(second.last().time()).isEqualTo("2026-11-27 10:00:49.000");
    assertThat(summary.records()).isEqualTo(51);
  }

  @Test
  void aBurstAndANewTemplateInTheLastPartRankAboveOldWarningsButBelowErrors() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      lines.add(spring(i, "INFO", "c.e.Health", "health check ok in " + (i % 7) + " ms"));
      if (i < 30 && i % 3 == 0) {
        // ten old warnings, more than the burst's events
        lines.add(spring(i, "WARN", "c.e.Db", "slow query took " + (1200 + i) + " ms"));
      }
      if (i == 20 || i == 50) {
        lines.add(spring(i, "INFO", "c.e.Db", "retrying connection to db-" + i));
      }
      if (i >= 90) {
        lines.add(spring(i, "INFO", "c.e.Db", "retrying connection to db-" + i));
      }
      if (i == 95) {
        lines.add(spring(i, "INFO", "c.e.Cache", "cache evicted everything"));
      }
      if (i == 5) {
        lines.add(spring(i, "ERROR", "c.e.Api", "request to billing failed"));
      }
    }

    LogSummary summary = summarize(lines);

    assertThat(summary.events())
        .extracting(Event::template)
        .containsExactly(
            "request to billing failed",
            "retrying connection to <*>",
            "cache evicted everything",
            "slow query took <*> ms",
            "health check ok in <*> ms");
    // new and bursting rank together, by count
    Event burst = summary.events().get(1);
    assertThat(burst.category()).isEqualTo(Category.BURSTING);
    assertThat(burst.bursting()).isTrue();
    assertThat(burst.count()).isEqualTo(12);
    assertThat(burst.recentCount()).isEqualTo(10);
    assertThat(summary.events().get(2).category()).isEqualTo(Category.NEW);
    assertThat(summary.events().get(3).category()).isEqualTo(Category.WARNING);
    assertThat(summary.events().get(3).count()).isEqualTo(10);
    // the steady template is neither
    assertThat(summary.events().get(4).bursting()).isFalse();
    assertThat(summary.events().get(4).isNew()).isFalse();
    String markdown = summary.render("app.log", 2000).markdown();
    assertThat(markdown).contains("- INFO, bursting (10 recently) ×12");
    assertThat(markdown).contains("- INFO, new ×1");
  }

  @Test
  void aTemplateAsFrequentAtTheEndAsBeforeIsNoBurst() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      lines.add(spring(i, "INFO", "c.e.Health", "health check ok in " + (i % 7) + " ms"));
      if (i % 4 == 0) {
        lines.add(spring(i, "INFO", "c.e.Db", "retrying connection to db-" + i));
      }
    }

    Event retry = event(summarize(lines), "retrying connection to <*>");

    assertThat(retry.bursting()).isFalse();
    assertThat(retry.category()).isEqualTo(Category.INFO);
  }

  /** Six error templates with examples and thirty info templates. */
  private static LogSummary manyTemplates() {
    List<String> lines = new ArrayList<>();
    String[] words = {
      "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"
    };
    for (int i = 0; i < 30; i++) {
      for (int k = 0; k < 3; k++) {
        // a first word and a length of its own: a template of its own
        lines.add(
            spring(
                i * 3 + k,
                "INFO",
                "c.e.Worker" + i,
                words[i % 10]
                    + " step"
                    + " again".repeat(i / 10)
                    + " took "
                    + k
                    + " ms on worker "
                    + (100 + k)));
      }
    }
    String[] failures = {
      "upload to bucket <b> failed", "cannot open file <b> for writing",
      "timeout talking to <b> after retries", "lost the leader lock of <b>",
      "certificate of <b> expired", "queue <b> is full"
    };
    for (int i = 0; i < failures.length; i++) {
      for (int k = 0; k < 2; k++) {
        lines.add(
            spring(
                100 + i * 2 + k,
                "ERROR",
                "c.e.Failures",
                failures[i].replace("<b>", "store-" + (i * 10 + k) + "-eu")));
      }
    }
    return summarize(lines);
  }

  @Test
  void withABudgetForOneLinePerErrorEveryErrorStaysWithoutExamplesAndTheInfosGo() {
    LogSummary summary = manyTemplates();
    List<Event> errors = summary.events().stream().filter(e -> e.severity().isError()).toList();
    assertThat(errors).hasSize(6);
    assertThat(summary.events()).hasSize(36);
    assertThat(summary.events().subList(0, 6)).containsExactlyElementsOf(errors);
    TokenCounter counter = TokenCounter.standard();
    // the header, one line per error, and the note of what was left out: the budget is that
    String header =
        summary.render("app.log", 100_000).markdown().lines().limit(2).toList().stream()
                .map(l -> l + "\n")
                .reduce("", String::concat)
            + "\n";
    StringBuilder briefs = new StringBuilder(header);
    errors.forEach(e -> briefs.append(LogSummary.bullet(e, false)));
    int budget = 0;
    String expected = "";
    for (int guess = 1000; guess != budget; ) {
      budget = guess;
      expected =
          briefs
              + "\n30 more templates (90 lines) left out to fit "
              + budget
              + " tokens: 0 errors, 0 warnings, 30 info; examples of 6 templates left out\n";
      guess = counter.count(expected);
    }

    LogSummary.Rendered rendered = summary.render("app.log", budget);

    assertThat(rendered.markdown()).isEqualTo(expected);
    assertThat(rendered.tokens()).isLessThanOrEqualTo(budget);
    assertThat(counter.count(rendered.markdown())).isLessThanOrEqualTo(budget);
    assertThat(rendered.kept()).isEqualTo(6);
    assertThat(rendered.dropped()).isEqualTo(new LogSummary.Dropped(30, 90, 0, 0, 30, 6));
    for (Event e : errors) {
      assertThat(rendered.markdown()).contains("`" + e.template() + "`");
    }
    assertThat(rendered.markdown()).doesNotContain("- INFO").doesNotContain("examples:");
    JsonNode json = rendered.json();
    assertThat(json.get("items")).hasSize(6);
    assertThat(json.at("/dropped/templates").asInt()).isEqualTo(30);
    assertThat(json.at("/dropped/info").asInt()).isEqualTo(30);
    assertThat(json.at("/items/0/examples_left_out").asBoolean()).isTrue();

    // a little more room: the first error gets its examples back
    String roomier = summary.render("app.log", budget + 40).markdown();
    assertThat(roomier)
        .contains("examples:")
        .containsPattern("examples of [1-5] templates? left out");

    // one token less than a line per error: the least important error goes, and it is said
    LogSummary.Rendered tight = summary.render("app.log", budget - 1);
    assertThat(tight.tokens()).isLessThanOrEqualTo(budget - 1);
    assertThat(tight.kept()).isLessThan(6);
    assertThat(tight.markdown()).contains("1 error,").doesNotContain("- INFO");
  }

  @Test
  void theRenderedSummaryNeverExceedsItsBudget() {
    LogSummary summary = manyTemplates();
    TokenCounter counter = TokenCounter.standard();
    int previousKept = -1;
    for (int budget = 1; budget <= 1500; budget += 7) {
      LogSummary.Rendered rendered = summary.render("app.log", budget);
      assertThat(counter.count(rendered.markdown()))
          .as("budget %d", budget)
          .isEqualTo(rendered.tokens())
          .isLessThanOrEqualTo(budget);
      assertThat(rendered.kept()).as("budget %d", budget).isGreaterThanOrEqualTo(previousKept);
      previousKept = rendered.kept();
    }
    LogSummary.Rendered all = summary.render("app.log", 100_000);
    assertThat(all.kept()).isEqualTo(36);
    assertThat(all.dropped().none()).isTrue();
    assertThat(all.markdown()).doesNotContain("left out");
    assertThat(all.markdown())
        .startsWith(
            "# Log summary: app.log\n102 lines, 102 events, 36 templates, from 2026-11-27 10:00:00.000 to 2026-11-27 10:01:51.000\n\n- ERROR, new ×2, first 2026-11-27 10:01:40.000, last 2026-11-27 10:01:41.000, in c.e.Failures: `upload to bucket <*> failed`\n  - examples: #1 `store-0-eu`, `store-1-eu`\n");
  }

  @Test
  void secretsInTheLogNeverReachTheMarkdownOrTheJson() {
    String token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    List<String> lines =
        List.of(
            spring(1, "INFO", "c.e.Login", "login user=alice password=hunter2secret ok"),
            spring(2, "INFO", "c.e.Login", "login user=bob password=hunter3secret ok"),
            spring(3, "INFO", "c.e.Login", "login user=carol password=zz9hunter ok"),
            spring(3, "INFO", "c.e.Login", "login user=dave password=hunter2secret ok"),
            spring(4, "ERROR", "c.e.Git", "push with " + token + " rejected"),
            spring(
                5,
                "ERROR",
                "c.e.Git",
                "push with ghp_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2" + " rejected"),
            spring(6, "WARN", "c.e.Db", "db connect password=swordfishsecret"),
            spring(7, "WARN", "password=opensesame99", "component with a secret"));

    LogSummary summary = summarize(lines);
    LogSummary.Rendered rendered = summary.render("app.log", 2000);
    String json = rendered.json().toString();

    for (String secret :
        List.of(
            "hunter2secret",
            "hunter3secret",
            "zz9hunter",
            token,
            "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2",
            "swordfishsecret",
            "opensesame99")) {
      assertThat(rendered.markdown()).doesNotContain(secret);
      assertThat(json).doesNotContain(secret);
    }
    assertThat(rendered.markdown()).contains("[REDACTED:github-token#1]");
    assertThat(rendered.markdown()).contains("password=[REDACTED:");
    // the values that are no secrets are still examples
    assertThat(event(summary, "login user=<*> password=<*> ok").examples().get(0).values())
        .containsExactly("alice", "bob", "carol");
    // a distinct secret is no distinct example: every one of them shows the same placeholder
    assertThat(event(summary, "push with <*> rejected").examples().get(0).values())
        .containsExactly("[REDACTED:github-token#1]");
  }

  @Test
  void aJavaStackTraceIsOneEventOfItsFirstLine() {
    List<String> lines =
        List.of(
            spring(1, "INFO", "c.e.Api", "request 1 ok"),
            spring(2, "ERROR", "c.e.PaymentService", "charge of order 1001 failed"),
            "java.lang.IllegalStateException: card declined",
            "\tat com.example.payments.PaymentService.charge(PaymentService.java:42)",
            "\tat com.example.orders.OrderController.pay(OrderController.java:17)",
            "Caused by: java.io.IOException: connection reset by peer",
            "\tat java.base/sun.nio.ch.SocketDispatcher.read0(Native Method)",
            "\t... 12 more",
            spring(3, "INFO", "c.e.Api", "request 2 ok"),
            spring(4, "ERROR", "c.e.PaymentService", "charge of order 1002 failed"),
            "java.lang.IllegalStateException: card declined",
            "\tat com.example.payments.PaymentService.charge(PaymentService.java:42)",
            spring(5, "INFO", "c.e.Api", "request 3 ok"));

    LogSummary summary = summarize(lines);

    assertThat(summary.lines()).isEqualTo(13);
    assertThat(summary.records()).isEqualTo(5);
    assertThat(summary.events())
        .extracting(Event::template)
        .containsExactly("charge of order <*> failed", "request <*> ok");
    Event failure = summary.events().get(0);
    assertThat(failure.count()).isEqualTo(2);
    assertThat(failure.extraLines()).isEqualTo(8);
    assertThat(failure.lines()).isEqualTo(10);
    assertThat(failure.first().line()).isEqualTo(2);
    assertThat(failure.last().line()).isEqualTo(10);
    // the exceptions of the traces, once each
    assertThat(failure.exceptions())
        .containsExactly(
            "java.lang.IllegalStateException: card declined",
            "Caused by: java.io.IOException: connection reset by peer");
    assertThat(summary.render("app.log", 2000).markdown())
        .contains("- ERROR ×2 (+8 lines), first 2026-11-27 10:00:02.000")
        .contains(
            "  - trace: `java.lang.IllegalStateException: card declined`; `Caused by:"
                + " java.io.IOException: connection reset by peer`\n");
  }

  @Test
  void aStackTraceWithoutAHeaderLineIsOneErrorEventOfItsExceptionLine() throws IOException {
    String log =
        """
        java.lang.NullPointerException: Cannot invoke "String.length()" because "s" is null
        \tat com.example.Main.run(Main.java:10)
        \tat com.example.Main.main(Main.java:3)
        Traceback (most recent call last):
          File "/app/worker.py", line 12, in <module>
        ValueError: bad value
        """;

    LogSummary summary =
        LogSummarizer.summarize(
            new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), Optional.empty());

    assertThat(summary.events()).hasSize(2);
    Event npe = summary.events().get(0);
    assertThat(npe.template()).startsWith("java.lang.NullPointerException:");
    assertThat(npe.severity()).isEqualTo(LogSeverity.ERROR);
    assertThat(npe.extraLines()).isEqualTo(4);
    // the exception line that ends the traceback has no header line above: its own event
    assertThat(summary.events().get(1).template()).isEqualTo("ValueError: bad value");
  }

  @Test
  void examplesAreTheValuesOfTheFirstThreeWildcardsThreeEach() {
    List<String> lines = new ArrayList<>();
    String[] users = {"alice", "bob", "carol", "dave", "alice"};
    for (int i = 0; i < users.length; i++) {
      lines.add(
          spring(
              i,
              "INFO",
              "c.e.Auth",
              "login user="
                  + users[i]
                  + " from 10.0.0."
                  + i
                  + " session [s-"
                  + (40 + i)
                  + "] took "
                  + (i + 1)
                  + " ms at shard "
                  + (7 * i)));
    }

    Event login = summarize(lines).events().get(0);

    assertThat(login.template())
        .isEqualTo("login user=<*> from <*> session [<*>] took <*> ms at shard <*>");
    assertThat(login.examples()).hasSize(3);
    assertThat(login.examples().get(0).wildcard()).isEqualTo(1);
    assertThat(login.examples().get(0).values()).containsExactly("alice", "bob", "carol");
    assertThat(login.examples().get(1).wildcard()).isEqualTo(2);
    assertThat(login.examples().get(1).values())
        .containsExactly("10.0.0.0", "10.0.0.1", "10.0.0.2");
    assertThat(login.examples().get(2).wildcard()).isEqualTo(3);
    assertThat(login.examples().get(2).values()).containsExactly("s-40", "s-41", "s-42");
  }

  @Test
  void aPositionThatBecomesAWildcardLaterKeepsTheEarlierValue() {
    List<String> lines =
        List.of(
            spring(1, "INFO", "c.e.Jobs", "job nightly-report finished with state done"),
            spring(2, "INFO", "c.e.Jobs", "job nightly-report finished with state done"),
            spring(3, "INFO", "c.e.Jobs", "job 42 finished with state done"),
            spring(4, "INFO", "c.e.Jobs", "job cleanup-7 finished with state done"));

    Event job = summarize(lines).events().get(0);

    assertThat(job.template()).isEqualTo("job <*> finished with state done");
    assertThat(job.examples().get(0).values()).containsExactly("nightly-report", "42", "cleanup-7");
  }

  @Test
  void syslogLinesWithoutAFormatGetTheirTimeFromTheHeaderAndFailuresAreErrors() {
    List<String> lines =
        List.of(
            "Nov 27 10:42:01 web-1 sshd[1234]: Accepted publickey for deploy from 10.0.0.5 port 50122 ssh2",
            "Nov 27 10:42:07 web-1 sshd[1240]: Failed password for root from 10.0.0.7 port 50200 ssh2",
            "Nov 27 10:42:09 web-1 sshd[1241]: Failed password for root from 10.0.0.9 port 50201 ssh2",
            "Nov 27 10:43:00 web-1 cron[99]: (root) CMD (run-parts /etc/cron.hourly)");

    LogSummary summary = LogSummarizer.summarize(lines, Optional.empty());

    Event failed = summary.events().get(0);
    assertThat(failed.template()).contains("Failed password for root from");
    assertThat(failed.severity()).isEqualTo(LogSeverity.ERROR);
    assertThat(failed.count()).isEqualTo(2);
    assertThat(failed.first().time()).isEqualTo("Nov 27 10:42:07");
    assertThat(failed.last().time()).isEqualTo("Nov 27 10:42:09");
    assertThat(summary.events().get(1).severity()).isEqualTo(LogSeverity.INFO);
    assertThat(summary.render("auth.log", 2000).markdown())
        .contains("4 lines, 4 events, 3 templates, from Nov 27 10:42:01 to Nov 27 10:43:00");
  }

  @Test
  void linesWithoutAnyTimeAreLocatedByLineNumber() {
    LogSummary summary =
        LogSummarizer.summarize(
            List.of("starting worker 1", "", "starting worker 2", "worker crashed"),
            Optional.empty());

    String markdown = summary.render("worker.log", 2000).markdown();

    assertThat(markdown)
        .contains("4 lines, 3 events, 2 templates, no timestamps")
        .contains("- INFO ×2, first line 1, last line 3: `starting worker <*>`")
        .contains("- INFO ×1, at line 4: `worker crashed`");
  }

  @Test
  void theTimeOfAFormattedLineComesFromItsDateAndTimeFields() {
    LogFormat linux =
        LogFormat.compile("<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>");

    assertThat(
            linux
                .parse("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown")
                .map(LogLine::time))
        .contains("Jun 14 15:16:01");
    assertThat(linux.parse("not a line of that layout")).isEmpty();
    assertThat(LogFormat.compile("<Level> <Content>").parse("INFO started").map(LogLine::time))
        .contains("");
    assertThat(
            LogFormat.compile("<Timestamp> <Date> <Time> <Content>")
                .parse("1117838570 2005.06.03 15.42.50 ok")
                .map(LogLine::time))
        .as("a timestamp only when there is no date or time field")
        .contains("2005.06.03 15.42.50");
  }

  @Test
  void levelsAreNormalised() {
    assertThat(LogSeverity.of("CRITICAL", "")).isEqualTo(LogSeverity.FATAL);
    assertThat(LogSeverity.of("[panic]", "")).isEqualTo(LogSeverity.FATAL);
    assertThat(LogSeverity.of("SEVERE", "")).isEqualTo(LogSeverity.FATAL);
    assertThat(LogSeverity.of("err", "")).isEqualTo(LogSeverity.ERROR);
    assertThat(LogSeverity.of("E", "")).isEqualTo(LogSeverity.ERROR);
    assertThat(LogSeverity.of("Warning", "")).isEqualTo(LogSeverity.WARNING);
    assertThat(LogSeverity.of("W", "")).isEqualTo(LogSeverity.WARNING);
    assertThat(LogSeverity.of("DEBUG", "request failed")).isEqualTo(LogSeverity.INFO);
    assertThat(LogSeverity.of("", "java.io.IOException: disk full")).isEqualTo(LogSeverity.ERROR);
    assertThat(LogSeverity.of("", "ran OutOfMemoryError handler")).isEqualTo(LogSeverity.ERROR);
    assertThat(LogSeverity.of("", "Connection FAILED")).isEqualTo(LogSeverity.ERROR);
    assertThat(LogSeverity.of("", "errors=0 failedOver=false")).isEqualTo(LogSeverity.INFO);
    assertThat(LogSeverity.of("", "Error")).isEqualTo(LogSeverity.ERROR);
    assertThat(LogSeverity.of("", "all good")).isEqualTo(LogSeverity.INFO);
  }

  @Test
  void anEmptyLogHasAnEmptySummary() {
    LogSummary summary = LogSummarizer.summarize(List.of(), Optional.empty());

    LogSummary.Rendered rendered = summary.render("empty.log", 2000);

    assertThat(rendered.markdown())
        .isEqualTo("# Log summary: empty.log\n0 lines, 0 events, 0 templates\n\n");
    assertThat(rendered.json().get("items")).isEmpty();
    assertThat(rendered.json().get("time_range").isNull()).isTrue();
  }
}
