package dev.warden.core.chat.command;

import dev.warden.core.llm.UsageLedger;
import dev.warden.core.llm.UsageRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code usage}: today's LLM calls (UTC) by feature and model, with tokens and cost. */
final class UsageCommand {
  private final UsageLedger ledger;
  private final Clock clock;
  private final Markup markup;

  UsageCommand(UsageLedger ledger, Clock clock, Markup markup) {
    this.ledger = ledger;
    this.clock = clock;
    this.markup = markup;
  }

  /** The calls of one feature and model. */
  private record Row(long calls, long tokensIn, long tokensOut, BigDecimal cost) {
    static final Row NONE = new Row(0, 0, 0, BigDecimal.ZERO);

    Row plus(UsageRecord usage) {
      return new Row(
          calls + 1,
          tokensIn + usage.tokensIn(),
          tokensOut + usage.tokensOut(),
          cost.add(usage.costUsd()));
    }
  }

  Answer run(Invocation invocation) {
    if (!invocation.args().isEmpty()) {
      return invocation.usage(Syntax.USAGE, "`usage` takes no arguments.");
    }
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<UsageRecord> records = ledger.between(today.atStartOfDay(ZoneOffset.UTC).toInstant(), now);
    if (records.isEmpty()) {
      return Answer.now("No LLM calls today (" + today + ", UTC).");
    }
    Map<String, Row> rows = new TreeMap<>();
    Row total = Row.NONE;
    for (UsageRecord usage : records) {
      String model =
          usage.model().isEmpty() ? usage.provider() : usage.provider() + "/" + usage.model();
      rows.merge(usage.feature() + " – " + model, Row.NONE.plus(usage), UsageCommand::sum);
      total = total.plus(usage);
    }
    StringBuilder text =
        new StringBuilder("*LLM usage today* (")
            .append(today)
            .append(", UTC): ")
            .append(line(total));
    rows.forEach(
        (key, row) -> text.append("\n• ").append(markup.text(key)).append(": ").append(line(row)));
    return Answer.now(text.toString());
  }

  private static Row sum(Row a, Row b) {
    return new Row(
        a.calls() + b.calls(),
        a.tokensIn() + b.tokensIn(),
        a.tokensOut() + b.tokensOut(),
        a.cost().add(b.cost()));
  }

  private static String line(Row row) {
    return row.calls()
        + (row.calls() == 1 ? " call, " : " calls, ")
        + row.tokensIn()
        + " tokens in, "
        + row.tokensOut()
        + " out, $"
        + row.cost().setScale(6, RoundingMode.HALF_UP).toPlainString();
  }
}
