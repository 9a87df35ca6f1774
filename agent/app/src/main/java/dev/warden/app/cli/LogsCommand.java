package dev.warden.app.cli;

import dev.warden.core.llm.Feature;
import dev.warden.core.llm.GatewaySettings;
import dev.warden.core.llm.GatewaySettings.FeatureSettings;
import dev.warden.core.llm.LlmAnswer;
import dev.warden.core.llm.LlmGateway;
import dev.warden.core.llm.LlmProvider;
import dev.warden.core.llm.ModelPrice;
import dev.warden.core.llm.ModelRef;
import dev.warden.core.llm.ScriptedProvider;
import dev.warden.core.llm.UsageLedger;
import dev.warden.core.llm.UsageRecord;
import dev.warden.core.logs.LogFormat;
import dev.warden.core.logs.LogNarrative;
import dev.warden.core.logs.LogParser;
import dev.warden.core.logs.LogSummarizer;
import dev.warden.core.logs.LogSummary;
import dev.warden.core.logs.Template;
import dev.warden.core.logs.TemplateMiner;
import dev.warden.integrations.llm.ProviderSettings;
import dev.warden.integrations.llm.SpringAiProviders;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code warden logs}: log files turned into templates, without a server or a Spring context. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Mine log files into templates: a CSV per line, or a ranked summary.",
    subcommands = {LogsCommand.Parse.class, LogsCommand.Summarize.class})
class LogsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Exit status of bad input: a missing file, a bad format, a bad script. */
  static final int BAD_INPUT = 2;

  /** The format, or empty; a bad one is reported and turned into {@code null}. */
  private static Optional<LogFormat> format(String format, String command, PrintWriter err) {
    if (format == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LogFormat.compile(format));
    } catch (IllegalArgumentException e) {
      err.println("logs " + command + ": " + oneLine(e.getMessage()));
      err.flush();
      return null;
    }
  }

  /** The miner with the extra masks, or null after saying which one is not a pattern. */
  private static TemplateMiner miner(List<String> masks, String command, PrintWriter err) {
    List<Pattern> patterns = new ArrayList<>();
    for (String mask : masks) {
      try {
        patterns.add(Pattern.compile(mask));
      } catch (PatternSyntaxException e) {
        err.println("logs " + command + ": --mask " + mask + ": " + e.getDescription());
        err.flush();
        return null;
      }
    }
    return new TemplateMiner(TemplateMiner.Settings.DEFAULT.withMasks(patterns));
  }

  private static boolean readable(Path file, String command, PrintWriter err) {
    if (!Files.isRegularFile(file)) {
      err.println(
          "logs "
              + command
              + ": "
              + (Files.exists(file) ? "not a file: " : "no such file: ")
              + file);
      err.flush();
      return false;
    }
    return true;
  }

  private static String oneLine(String message) {
    String m = message == null ? "" : message.strip();
    int newline = m.indexOf('\n');
    return newline < 0 ? m : m.substring(0, newline).strip();
  }

  /**
   * {@code warden logs parse FILE [--format FMT] [--out OUT.csv]}: the template of every line of
   * FILE as {@code LineId,EventTemplate} CSV (RFC 4180, CRLF line ends), to OUT or standard output.
   */
  @Command(
      name = "parse",
      mixinStandardHelpOptions = true,
      description = {
        "Mine FILE's lines into templates (<*> where lines of a kind differ) and write"
            + " LineId,EventTemplate CSV (RFC 4180), one row per line; a line continuing a"
            + " multi-line record (a stack frame) gets its record's template.",
        "Exit 0; 2 when FILE cannot be read or the format is bad."
      })
  static class Parse implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The log file (UTF-8).")
    Path file;

    @Option(
        names = "--format",
        paramLabel = "FMT",
        description =
            "The line layout in the Loghub syntax, such as '<Date> <Time> <Level> <Component>:"
                + " <Content>'; only <Content> is mined. Without it, dates, levels, threads and"
                + " loggers at the start of a line are recognised by their shape.")
    String format;

    @Option(
        names = "--mask",
        paramLabel = "REGEX",
        description =
            "Also mask what matches REGEX as a variable, before the built-in shapes (repeatable).")
    List<String> masks = new ArrayList<>();

    @Option(
        names = "--out",
        paramLabel = "OUT.csv",
        description = "Write the CSV here (UTF-8) instead of standard output.")
    Path out;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      Optional<LogFormat> layout = format(format, "parse", err);
      if (layout == null || !readable(file, "parse", err)) {
        return BAD_INPUT;
      }
      TemplateMiner miner = miner(masks, "parse", err);
      if (miner == null) {
        return BAD_INPUT;
      }
      Template[] templates;
      try (InputStream in = Files.newInputStream(file)) {
        templates = new LogParser(layout, miner).parse(in);
      } catch (IOException e) {
        err.println("logs parse: cannot read " + file + ": " + oneLine(e.getMessage()));
        err.flush();
        return BAD_INPUT;
      }
      try {
        if (out == null) {
          PrintWriter stdout = spec.commandLine().getOut();
          LogParser.writeCsv(templates, stdout);
          if (stdout.checkError()) {
            err.println("logs parse: cannot write to standard output");
            err.flush();
            return BAD_INPUT;
          }
        } else {
          try (Writer csv =
              new BufferedWriter(
                  new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8),
                  1 << 16)) {
            LogParser.writeCsv(templates, csv);
          }
          err.println(
              "logs parse: "
                  + templates.length
                  + (templates.length == 1 ? " line" : " lines")
                  + " written to "
                  + out);
          err.flush();
        }
      } catch (IOException e) {
        err.println("logs parse: cannot write " + out + ": " + oneLine(e.getMessage()));
        err.flush();
        return BAD_INPUT;
      }
      return 0;
    }
  }

  /**
   * {@code warden logs summarize FILE}: the templates of FILE ranked for a responder (errors, then
   * new or bursting templates, then warnings, then the rest), within a token budget, as Markdown or
   * JSON; with {@code --script}, a narrative above it from canned model answers.
   */
  @Command(
      name = "summarize",
      aliases = "summarise",
      mixinStandardHelpOptions = true,
      description = {
        "Summarise FILE for a responder: one entry per template with its level, count, first and"
            + " last seen, components and example values; errors first, then templates new or"
            + " bursting in the last 20%% of the log, then warnings, then the rest. The Markdown fits"
            + " the token budget: the least important templates are left out first, and it says"
            + " what was left out. Secrets in the log are redacted.",
        "Without --script or --provider no model is asked: the summary is the deterministic analysis.",
        "Exit 0; 2 when FILE or the script cannot be read or the format is bad."
      })
  static class Summarize implements Callable<Integer> {
    private static final JsonMapper JSON =
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The scripted provider's one model; its context is not the limit of a summary. */
    private static final ModelRef SCRIPTED = new ModelRef("scripted", "scripted");

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The log file (UTF-8).")
    Path file;

    @Option(
        names = "--format",
        paramLabel = "FMT",
        description = "The line layout in the Loghub syntax, as for 'logs parse'.")
    String format;

    @Option(
        names = "--budget-tokens",
        paramLabel = "N",
        defaultValue = "2000",
        description = "The most tokens the summary may have (default ${DEFAULT-VALUE}).")
    int budgetTokens;

    @Option(names = "--json", description = "Print the summary as JSON, for programs.")
    boolean json;

    @Option(
        names = "--script",
        paramLabel = "ANSWERS.jsonl",
        description =
            "Ask the scripted provider for a narrative (canned answers, JSON Lines, see"
                + " docs/llm.md), through the LLM gateway, without a network.")
    Path script;

    @Option(
        names = "--mask",
        paramLabel = "REGEX",
        description =
            "Also mask what matches REGEX as a variable, before the built-in shapes (repeatable).")
    List<String> masks = new ArrayList<>();

    @Option(
        names = "--provider",
        paramLabel = "TYPE",
        description =
            "Ask a model for the narrative: openai, openai-compatible, anthropic or ollama, with"
                + " --model (and --base-url where needed); the key is read from $WARDEN_LLM_APIKEY.")
    String providerType;

    @Option(names = "--base-url", paramLabel = "URL", description = "The provider's API.")
    String baseUrl;

    @Option(names = "--model", paramLabel = "NAME", description = "The provider's model.")
    String model;

    @Option(
        names = "--scope",
        paramLabel = "NAME",
        defaultValue = "",
        description = "The service or channel the summary is for, for the narrative's prompt.")
    String scope;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (budgetTokens < 1) {
        err.println("logs summarize: --budget-tokens must be at least 1");
        err.flush();
        return BAD_INPUT;
      }
      Optional<LogFormat> layout = format(format, "summarize", err);
      if (layout == null || !readable(file, "summarize", err)) {
        return BAD_INPUT;
      }
      Optional<LlmProvider> provider = Optional.empty();
      ModelRef narrator = SCRIPTED;
      if (script != null && providerType != null) {
        err.println("logs summarize: give --script or --provider, not both");
        err.flush();
        return BAD_INPUT;
      }
      if (script != null) {
        try {
          provider = Optional.of(ScriptedProvider.load(script));
        } catch (IOException | IllegalArgumentException e) {
          err.println(
              "logs summarize: cannot read the script " + script + ": " + oneLine(e.getMessage()));
          err.flush();
          return BAD_INPUT;
        }
      } else if (providerType != null) {
        if (model == null || model.isBlank()) {
          err.println("logs summarize: --provider needs --model");
          err.flush();
          return BAD_INPUT;
        }
        try {
          LlmProvider remote =
              SpringAiProviders.create(
                  new ProviderSettings(providerType, baseUrl, System.getenv("WARDEN_LLM_APIKEY")));
          provider = Optional.of(remote);
          narrator = new ModelRef(remote.name(), model);
        } catch (IllegalArgumentException e) {
          err.println("logs summarize: " + oneLine(e.getMessage()));
          err.flush();
          return BAD_INPUT;
        }
      }
      TemplateMiner miner = miner(masks, "summarize", err);
      if (miner == null) {
        return BAD_INPUT;
      }
      LogSummary summary;
      try (InputStream in = Files.newInputStream(file)) {
        summary = LogSummarizer.summarize(in, layout, miner);
      } catch (IOException e) {
        err.println("logs summarize: cannot read " + file + ": " + oneLine(e.getMessage()));
        err.flush();
        return BAD_INPUT;
      }
      String subject = file.getFileName() == null ? file.toString() : file.getFileName().toString();
      LogSummary.Rendered rendered = summary.render(subject, budgetTokens);
      LlmAnswer answer =
          LogNarrative.ask(gateway(provider, narrator), subject, scope, rendered.markdown());
      if (json) {
        ObjectNode node = LogNarrative.json(answer, rendered.json());
        out.println(JSON.writeValueAsString(node));
      } else {
        out.print(LogNarrative.markdown(answer, rendered.markdown()));
      }
      out.flush();
      return 0;
    }

    /** A gateway with one model for summaries, or with no model at all. */
    private static LlmGateway gateway(Optional<LlmProvider> provider, ModelRef narrator) {
      LlmGateway.Builder gateway = LlmGateway.builder().ledger(new MemoryLedger());
      if (provider.isEmpty()) {
        return gateway.build();
      }
      Map<Feature, FeatureSettings> features = new EnumMap<>(Feature.class);
      for (Feature feature : Feature.values()) {
        features.put(
            feature,
            FeatureSettings.of(feature == Feature.SUMMARISE ? List.of(narrator) : List.of()));
      }
      GatewaySettings settings =
          new GatewaySettings(
              features,
              Map.of(
                  narrator.toString(), new ModelPrice(128_000, BigDecimal.ZERO, BigDecimal.ZERO)),
              Map.of(),
              GatewaySettings.RetrySettings.DEFAULT,
              GatewaySettings.BreakerSettings.DEFAULT,
              GatewaySettings.CacheSettings.DEFAULT);
      return gateway.provider(provider.get()).settings(settings).build();
    }
  }

  /** The gateway's cost ledger for one command: in memory, forgotten at exit. */
  private static final class MemoryLedger implements UsageLedger {
    private final List<UsageRecord> records = new ArrayList<>();

    @Override
    public synchronized void record(UsageRecord usage) {
      records.add(usage);
    }

    @Override
    public synchronized BigDecimal spent(String feature, Instant from, Instant to) {
      return spent(feature, null, from, to);
    }

    @Override
    public synchronized BigDecimal spent(String feature, String scope, Instant from, Instant to) {
      BigDecimal total = BigDecimal.ZERO;
      for (UsageRecord r : records) {
        if (r.feature().equals(feature)
            && (scope == null || r.scope().equals(scope))
            && !r.at().isBefore(from)
            && r.at().isBefore(to)) {
          total = total.add(r.costUsd());
        }
      }
      return total;
    }

    @Override
    public synchronized List<UsageRecord> between(Instant from, Instant to) {
      return records.stream().filter(r -> !r.at().isBefore(from) && r.at().isBefore(to)).toList();
    }
  }
}
