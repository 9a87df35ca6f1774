package dev.warden.core.policy;

import dev.warden.core.action.ActionJson;
import dev.warden.core.action.ActionKinds;
import dev.warden.core.definition.DefinitionSchema;
import dev.warden.core.definition.Location;
import dev.warden.core.definition.Problem;
import dev.warden.core.definition.Problems;
import dev.warden.core.definition.YamlDocument;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Reads policy files into a {@link PolicySet}. Each file is checked against {@code
 * policy.schema.json} (in {@code policies/} of the repository), then as a whole with the others:
 * names unique across files, groups defined and not nested, conditions that compile, approvals
 * exactly on approve-first rules, freezes that end after they start. Every problem is reported at
 * once with its {@code file:line:column}; warnings (an empty group, an unknown action kind) do not
 * prevent a policy set.
 *
 * <p>Places: a duplicate is reported at the second occurrence, naming the first; a property that is
 * not allowed at its key; a rule's or a freeze's {@link Origin} is where its list item's mapping
 * starts (the line of its {@code -}). A {@code when} that does not compile is reported at the
 * offending character of the expression when the file shows the expression verbatim (a one-line
 * plain or quoted scalar without escapes, or a literal block {@code |}), otherwise at the start of
 * the value, since a folded or escaped scalar no longer lines up with its source.
 *
 * <p>The set's version is {@code sha256:} and the SHA-256 of the files' names (without their
 * directory, so the same files give the same version wherever they are) and contents, in order.
 */
public final class PolicyLoader {
  private static final DefinitionSchema SCHEMA =
      DefinitionSchema.load(PolicyLoader.class, "policy.schema.json");

  private static final Pattern GROUP_REFERENCE = Pattern.compile("@([a-z0-9][a-z0-9-]*)");

  private static final Pattern DURATION =
      Pattern.compile("(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?");

  /** ANTLR's "expecting {'[', '{', '(', ...}" after a syntax error in a condition. */
  private static final Pattern LONG_EXPECTATION =
      Pattern.compile(" expecting \\{[^}]*,[^}]*,[^}]*,[^}]*}");

  private PolicyLoader() {}

  /**
   * The outcome of a load: the policy set, unless there is an error, and every problem.
   *
   * @param policies present exactly when no problem is an error
   * @param problems errors and warnings, sorted by file, line and column
   */
  public record Loaded(Optional<PolicySet> policies, List<Problem> problems) {
    public Loaded {
      Objects.requireNonNull(policies, "policies");
      problems = List.copyOf(problems);
      if (policies.isPresent() == problems.stream().anyMatch(Problem::isError)) {
        throw new IllegalArgumentException(
            "a load has a policy set exactly when it has no errors: " + problems);
      }
    }
  }

  /**
   * Loads policy files.
   *
   * @param paths files, and directories whose {@code *.yaml} and {@code *.yml} files (not those of
   *     subdirectories) are read in the order of their names; a file given explicitly is read
   *     whatever its extension. Rules keep this order. File names in problems and origins are these
   *     paths (resolved against a directory as given), never made absolute.
   */
  public static Loaded load(List<Path> paths) {
    Assembly assembly = new Assembly();
    for (Path path : paths) {
      for (Path file :
          YamlDocument.files(
              path,
              assembly.problems,
              "no policy files (*.yaml, *.yml) in this directory: every action is passive")) {
        YamlDocument.read(file, assembly.problems)
            .ifPresent(document -> assembly.add(document, file.getFileName().toString()));
      }
    }
    return assembly.finish();
  }

  /** Loads a single policy document from a text, named {@code file} in problems and origins. */
  public static Loaded parse(String file, String text) {
    Assembly assembly = new Assembly();
    YamlDocument.parse(file, text, assembly.problems)
        .ifPresent(document -> assembly.add(document, file));
    return assembly.finish();
  }

  /** The state of one load: what the files define so far, and where. */
  private static final class Assembly {
    private final Problems problems = new Problems();

    /**
     * Problems that explain why an element could not be built, which the schema or another check
     * should already have reported; they are reported only if nothing else was, so that a load
     * without errors always has every element.
     */
    private final List<Problem> unexplained = new ArrayList<>();

    private final Map<String, String> groupDefinitions = new HashMap<>();
    private final Map<String, List<String>> groups = new LinkedHashMap<>();
    private final List<Reference> references = new ArrayList<>();
    private String defaultsDefinition;
    private Optional<ApprovalRequirement> defaults = Optional.empty();
    private final Map<String, String> ruleNames = new HashMap<>();
    private final List<Rule> rules = new ArrayList<>();
    private final Map<String, String> freezeNames = new HashMap<>();
    private final List<Freeze> freezes = new ArrayList<>();
    private final StringBuilder digest = new StringBuilder();

    /** An {@code @group} reference, checked once every file has defined its groups. */
    private record Reference(String file, Location location, String group) {}

    void add(YamlDocument document, String name) {
      digest.append(name.length()).append(':').append(name);
      digest.append(document.text().length()).append(':').append(document.text());
      problems.addAll(SCHEMA.validate(document));
      JsonNode root = document.root();
      if (!root.isObject()) {
        return;
      }
      groups(document, root.path("groups"));
      defaults(document, root);
      JsonNode ruleList = root.path("rules");
      if (ruleList.isArray()) {
        for (int i = 0; i < ruleList.size(); i++) {
          rule(document, "/rules/" + i, ruleList.get(i));
        }
      }
      JsonNode freezeList = root.path("freezes");
      if (freezeList.isArray()) {
        for (int i = 0; i < freezeList.size(); i++) {
          freeze(document, "/freezes/" + i, freezeList.get(i));
        }
      }
    }

    Loaded finish() {
      for (Reference reference : references) {
        if (!groupDefinitions.containsKey(reference.group())) {
          problems.error(
              reference.file(),
              reference.location(),
              "undefined group @" + reference.group() + "; define it under groups");
        }
      }
      if (!problems.hasErrors()) {
        problems.addAll(unexplained);
      }
      if (problems.hasErrors()) {
        return new Loaded(Optional.empty(), problems.sorted());
      }
      String version = "sha256:" + ActionJson.sha256(digest.toString());
      return new Loaded(
          Optional.of(new PolicySet(rules, groups, freezes, defaults, version)), problems.sorted());
    }

    private void groups(YamlDocument document, JsonNode node) {
      if (!node.isObject()) {
        return;
      }
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        String name = entry.getKey();
        String pointer = YamlDocument.child("/groups", name);
        Location at = document.locateKey(pointer);
        String first = groupDefinitions.putIfAbsent(name, document.file() + ":" + at);
        if (first != null) {
          error(document, at, "group '" + name + "' is already defined at " + first);
          continue;
        }
        JsonNode list = entry.getValue();
        if (!list.isArray()) {
          unexplained(document, at, "group '" + name + "' is not a list");
          continue;
        }
        List<String> members = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          JsonNode member = list.get(i);
          if (!member.isString()) {
            continue;
          }
          if (member.asString().startsWith("@")) {
            error(
                document,
                document.locate(pointer + "/" + i),
                "groups do not nest: "
                    + member.asString()
                    + " is a group; list its members here instead");
          }
          members.add(member.asString());
        }
        if (list.isEmpty()) {
          problems.warning(
              document.file(),
              at,
              "group @" + name + " has no members: nobody can approve through it");
        }
        groups.put(name, members);
      }
    }

    private void defaults(YamlDocument document, JsonNode root) {
      if (!root.has("defaults")) {
        return;
      }
      Location at = document.locateKey("/defaults");
      if (defaultsDefinition != null) {
        error(
            document,
            at,
            "defaults are already given at " + defaultsDefinition + "; give them in one file only");
        return;
      }
      defaultsDefinition = document.file() + ":" + at;
      JsonNode approvals = root.path("defaults").path("approvals");
      if (!approvals.isMissingNode()) {
        defaults = approvals(document, "/defaults/approvals", approvals);
      }
    }

    private void rule(YamlDocument document, String pointer, JsonNode item) {
      Origin origin = origin(document, pointer);
      if (!item.isObject()) {
        unexplained(document, document.locate(pointer), "a rule must be a mapping");
        return;
      }
      String name = uniqueName(document, pointer, item, "rule", ruleNames);
      Optional<Match> match = match(document, pointer + "/match", item.path("match"));
      Optional<Optional<Condition>> when = condition(document, pointer + "/when", item);
      Level level = level(item.path("level"));
      boolean approvalsGiven = item.has("approvals");
      Optional<ApprovalRequirement> approvals =
          approvalsGiven
              ? approvals(document, pointer + "/approvals", item.path("approvals"))
              : Optional.empty();
      boolean shadow = item.path("shadow").isBoolean() && item.path("shadow").asBoolean();
      if (level == Level.APPROVE_FIRST && !approvalsGiven) {
        error(
            document,
            document.locate(pointer + "/level"),
            "an approve-first rule needs approvals: { approvers: [...], min: 1, ttl: 30m }");
      }
      if (level != null && level != Level.APPROVE_FIRST && approvalsGiven) {
        error(
            document,
            document.locateKey(pointer + "/approvals"),
            "approvals apply to approve-first rules only; this rule is " + level.wireName());
      }
      if (shadow && level != null && level != Level.AUTONOMOUS) {
        error(
            document,
            document.locate(pointer + "/shadow"),
            "shadow records what would have run autonomously, so it applies to autonomous rules"
                + " only; this rule is "
                + level.wireName());
      }
      if (name == null
          || match.isEmpty()
          || when.isEmpty()
          || level == null
          || (approvalsGiven && approvals.isEmpty())) {
        unexplained(document, origin, "this rule is not valid");
        return;
      }
      try {
        rules.add(
            new Rule(
                name,
                text(item.path("description")),
                match.get(),
                when.get(),
                level,
                approvals,
                shadow,
                origin));
      } catch (IllegalArgumentException e) {
        unexplained(document, origin, e.getMessage());
      }
    }

    private void freeze(YamlDocument document, String pointer, JsonNode item) {
      Origin origin = origin(document, pointer);
      if (!item.isObject()) {
        unexplained(document, document.locate(pointer), "a freeze must be a mapping");
        return;
      }
      String name = uniqueName(document, pointer, item, "freeze", freezeNames);
      Optional<ZoneId> zone = Optional.of(ZoneOffset.UTC);
      JsonNode zoneNode = item.path("zone");
      if (zoneNode.isString()) {
        try {
          zone = Optional.of(ZoneId.of(zoneNode.asString()));
        } catch (DateTimeException e) {
          zone = Optional.empty();
          error(
              document,
              document.locate(pointer + "/zone"),
              "unknown time zone '"
                  + zoneNode.asString()
                  + "'; use a region such as Europe/Berlin, or UTC");
        }
      } else if (!zoneNode.isMissingNode()) {
        zone = Optional.empty();
      }
      Optional<Instant> from = instant(document, pointer + "/from", item.path("from"), zone);
      Optional<Instant> to = instant(document, pointer + "/to", item.path("to"), zone);
      if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
        error(
            document,
            document.locate(pointer + "/to"),
            "the freeze must end after it starts: to is " + to.get() + ", from is " + from.get());
        return;
      }
      Optional<List<Glob>> except = globs(item.path("except"));
      if (name == null || from.isEmpty() || to.isEmpty() || except.isEmpty()) {
        unexplained(document, origin, "this freeze is not valid");
        return;
      }
      try {
        freezes.add(
            new Freeze(
                name, from.get(), to.get(), text(item.path("reason")), except.get(), origin));
      } catch (IllegalArgumentException e) {
        unexplained(document, origin, e.getMessage());
      }
    }

    /** The element's name, recorded as taken; null if it has none. */
    private String uniqueName(
        YamlDocument document,
        String pointer,
        JsonNode item,
        String what,
        Map<String, String> taken) {
      JsonNode name = item.path("name");
      if (!name.isString()) {
        return null;
      }
      Location at = document.locate(pointer + "/name");
      String first = taken.putIfAbsent(name.asString(), document.file() + ":" + at);
      if (first != null) {
        error(document, at, what + " name '" + name.asString() + "' is already used at " + first);
      }
      return name.asString();
    }

    /** The match; {@link Match#any()} when there is none; empty when it is malformed. */
    private Optional<Match> match(YamlDocument document, String pointer, JsonNode node) {
      if (node.isMissingNode()) {
        return Optional.of(Match.any());
      }
      if (!node.isObject()) {
        return Optional.empty();
      }
      JsonNode actions = node.path("actions");
      for (int i = 0; i < (actions.isArray() ? actions.size() : 0); i++) {
        String kind = text(actions.get(i)).orElse("");
        boolean glob = kind.indexOf('*') >= 0 || kind.indexOf('?') >= 0;
        if (!kind.isEmpty() && !glob && ActionKinds.find(kind).isEmpty()) {
          problems.warning(
              document.file(),
              document.locate(pointer + "/actions/" + i),
              "unknown action kind '" + kind + "': actions of unknown kinds are always passive");
        }
      }
      Optional<List<Glob>> kinds = globs(actions);
      Optional<List<Glob>> namespaces = globs(node.path("namespaces"));
      Optional<List<Glob>> clusters = globs(node.path("clusters"));
      Optional<List<Glob>> repos = globs(node.path("repos"));
      Optional<List<Glob>> targetKinds = globs(node.path("targetKinds"));
      Map<String, Glob> labels = new LinkedHashMap<>();
      JsonNode labelNode = node.path("labels");
      if (!labelNode.isMissingNode() && !labelNode.isObject()) {
        return Optional.empty();
      }
      for (Map.Entry<String, JsonNode> label : labelNode.properties()) {
        if (!label.getValue().isString()) {
          return Optional.empty();
        }
        labels.put(label.getKey(), Glob.of(label.getValue().asString()));
      }
      JsonNode readOnly = node.path("readOnly");
      if (!readOnly.isMissingNode() && !readOnly.isBoolean()) {
        return Optional.empty();
      }
      if (Stream.of(kinds, namespaces, clusters, repos, targetKinds).anyMatch(Optional::isEmpty)) {
        return Optional.empty();
      }
      return Optional.of(
          new Match(
              kinds.get(),
              namespaces.get(),
              clusters.get(),
              repos.get(),
              targetKinds.get(),
              labels,
              readOnly.isBoolean() ? Optional.of(readOnly.asBoolean()) : Optional.empty()));
    }

    /**
     * The globs of a list; none when absent. Empty when malformed, in particular when the list is
     * empty: an empty list would match everything, which is never what was meant.
     */
    private static Optional<List<Glob>> globs(JsonNode node) {
      if (node.isMissingNode()) {
        return Optional.of(List.of());
      }
      if (!node.isArray() || node.isEmpty()) {
        return Optional.empty();
      }
      List<Glob> globs = new ArrayList<>();
      for (JsonNode item : node) {
        if (!item.isString() || item.asString().isEmpty()) {
          return Optional.empty();
        }
        globs.add(Glob.of(item.asString()));
      }
      return Optional.of(globs);
    }

    /**
     * The rule's condition, if it has one; empty when it does not compile. A compile issue is
     * placed inside the expression when the source shows it verbatim (see {@link
     * YamlDocument#locateWithin}), else at the start of the value.
     */
    private Optional<Optional<Condition>> condition(
        YamlDocument document, String pointer, JsonNode rule) {
      JsonNode node = rule.path("when");
      if (node.isMissingNode()) {
        return Optional.of(Optional.empty());
      }
      if (!node.isString()) {
        return Optional.empty();
      }
      try {
        return Optional.of(Optional.of(Condition.compile(node.asString())));
      } catch (InvalidConditionException e) {
        for (InvalidConditionException.Issue issue : e.issues()) {
          Location inExpression = new Location(issue.line(), issue.column() + 1);
          error(
              document,
              document.locateWithin(pointer, inExpression),
              "invalid condition: " + readable(issue.message()));
        }
        return Optional.empty();
      }
    }

    /** The CEL message without the parser's list of every token it would have accepted. */
    private static String readable(String message) {
      return LONG_EXPECTATION.matcher(message.replace(" (in container '')", "")).replaceAll("");
    }

    private Optional<ApprovalRequirement> approvals(
        YamlDocument document, String pointer, JsonNode node) {
      if (!node.isObject()) {
        return Optional.empty();
      }
      List<String> approvers = new ArrayList<>();
      JsonNode list = node.path("approvers");
      boolean wellFormed = list.isArray();
      for (int i = 0; i < (wellFormed ? list.size() : 0); i++) {
        if (!list.get(i).isString()) {
          wellFormed = false;
          continue;
        }
        String reference = list.get(i).asString();
        Matcher group = GROUP_REFERENCE.matcher(reference);
        if (group.matches()) {
          references.add(
              new Reference(
                  document.file(), document.locate(pointer + "/approvers/" + i), group.group(1)));
        }
        approvers.add(reference);
      }
      Optional<Duration> ttl = ttl(document, pointer + "/ttl", node.path("ttl"));
      JsonNode min = node.path("min");
      if (!wellFormed || approvers.isEmpty() || !min.isInt() || ttl.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(new ApprovalRequirement(approvers, min.asInt(), ttl.get()));
      } catch (IllegalArgumentException e) {
        unexplained(document, document.locate(pointer), e.getMessage());
        return Optional.empty();
      }
    }

    /** A duration such as {@code 1h30m}, between 1s and {@link ApprovalRequirement#MAX_TTL}. */
    private Optional<Duration> ttl(YamlDocument document, String pointer, JsonNode node) {
      if (!node.isString() || node.asString().isEmpty()) {
        return Optional.empty();
      }
      Matcher parts = DURATION.matcher(node.asString());
      if (!parts.matches()) {
        return Optional.empty();
      }
      Duration ttl = Duration.ZERO;
      try {
        ttl =
            ttl.plusDays(number(parts.group(1)))
                .plusHours(number(parts.group(2)))
                .plusMinutes(number(parts.group(3)))
                .plusSeconds(number(parts.group(4)));
      } catch (ArithmeticException | NumberFormatException e) {
        ttl = ApprovalRequirement.MAX_TTL.plusSeconds(1);
      }
      if (ttl.compareTo(Duration.ofSeconds(1)) < 0
          || ttl.compareTo(ApprovalRequirement.MAX_TTL) > 0) {
        error(
            document,
            document.locate(pointer),
            "ttl must be between 1s and 7d, not " + node.asString());
        return Optional.empty();
      }
      return Optional.of(ttl);
    }

    private static long number(String digits) {
      return digits == null ? 0 : Long.parseLong(digits);
    }

    /**
     * An ISO date-time: with an offset ({@code Z}, {@code +01:00}) it is absolute; without one it
     * is read in the freeze's zone. Empty when malformed, or local with an unusable zone.
     */
    private Optional<Instant> instant(
        YamlDocument document, String pointer, JsonNode node, Optional<ZoneId> zone) {
      if (!node.isString()) {
        return Optional.empty();
      }
      TemporalAccessor parsed;
      try {
        parsed =
            DateTimeFormatter.ISO_DATE_TIME.parseBest(
                node.asString(), ZonedDateTime::from, LocalDateTime::from);
      } catch (DateTimeException e) {
        error(
            document,
            document.locate(pointer),
            "'"
                + node.asString()
                + "' is not a date-time such as 2026-12-20T00:00:00 (in the freeze's zone)"
                + " or 2026-12-20T00:00:00Z");
        return Optional.empty();
      }
      if (parsed instanceof ZonedDateTime absolute) {
        return Optional.of(absolute.toInstant());
      }
      return zone.map(z -> ((LocalDateTime) parsed).atZone(z).toInstant());
    }

    private static Level level(JsonNode node) {
      try {
        return node.isString() ? Level.fromWire(node.asString()) : null;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    private static Optional<String> text(JsonNode node) {
      return node.isString() ? Optional.of(node.asString()) : Optional.empty();
    }

    private static Origin origin(YamlDocument document, String pointer) {
      Location at = document.locate(pointer);
      return new Origin(document.file(), at.line(), at.column());
    }

    private void error(YamlDocument document, Location at, String message) {
      problems.error(document.file(), at, message);
    }

    private void unexplained(YamlDocument document, Location at, String message) {
      unexplained.add(Problem.error(document.file(), at, message));
    }

    private void unexplained(YamlDocument document, Origin origin, String message) {
      unexplained(document, new Location(origin.line(), origin.column()), message);
    }
  }
}
