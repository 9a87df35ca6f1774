package dev.warden.core.runbook;

import dev.warden.core.action.ActionKinds;
import dev.warden.core.definition.DefinitionSchema;
import dev.warden.core.definition.Location;
import dev.warden.core.definition.Problem;
import dev.warden.core.definition.Problems;
import dev.warden.core.definition.YamlDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Reads runbook files, one runbook per file. Each file is checked against {@code
 * runbook.schema.json} (in {@code runbooks/} of the repository), then on its own and with the
 * others: runbook names unique across files, step ids unique within a runbook (main and rollback
 * steps together), step kinds known, regular expressions that compile, templates well-formed and
 * referring only to parameters that exist and to outputs of earlier steps, {@code on-failure:
 * rollback} only where there are rollback steps. Every problem is reported at once with its {@code
 * file:line:column}; a template problem is placed inside the string where the source shows it
 * verbatim.
 *
 * <p>Parameters may refer to labels and annotations only. Rollback steps may refer to the outputs
 * of any main step (a step that did not run has no output, which is an error when rendering) and of
 * earlier rollback steps.
 */
public final class RunbookLoader {
  /** The actions a runbook step may take. */
  public static final Set<String> STEP_KINDS =
      Set.of(
          "kubernetes.get",
          "kubernetes.describe",
          "kubernetes.pod-logs",
          "kubernetes.rollout-restart",
          "kubernetes.rollout-undo",
          "kubernetes.scale",
          "kubernetes.delete-pod",
          "kubernetes.cordon",
          "kubernetes.uncordon",
          "http.check",
          "wait.until",
          "notify");

  private static final DefinitionSchema SCHEMA =
      DefinitionSchema.load(RunbookLoader.class, "runbook.schema.json");

  private static final Pattern DURATION =
      Pattern.compile("(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?");

  private RunbookLoader() {}

  /**
   * The outcome of a load: the runbooks, unless there is an error, and every problem.
   *
   * @param runbooks present exactly when no problem is an error
   * @param problems errors and warnings, sorted by file, line and column
   */
  public record Loaded(Optional<List<Runbook>> runbooks, List<Problem> problems) {
    public Loaded {
      Objects.requireNonNull(runbooks, "runbooks");
      runbooks = runbooks.map(List::copyOf);
      problems = List.copyOf(problems);
      if (runbooks.isPresent() == problems.stream().anyMatch(Problem::isError)) {
        throw new IllegalArgumentException(
            "a load has runbooks exactly when it has no errors: " + problems);
      }
    }
  }

  /**
   * Loads runbook files.
   *
   * @param paths files, and directories whose {@code *.yaml} and {@code *.yml} files (not those of
   *     subdirectories) are read in the order of their names; a file given explicitly is read
   *     whatever its extension. File names in problems are these paths, never made absolute.
   */
  public static Loaded load(List<Path> paths) {
    Assembly assembly = new Assembly();
    for (Path path : paths) {
      for (Path file :
          YamlDocument.files(
              path, assembly.problems, "no runbook files (*.yaml, *.yml) in this directory")) {
        YamlDocument.read(file, assembly.problems).ifPresent(assembly::add);
      }
    }
    return assembly.finish();
  }

  /** Loads a single runbook from a text, named {@code file} in problems. */
  public static Loaded parse(String file, String text) {
    Assembly assembly = new Assembly();
    YamlDocument.parse(file, text, assembly.problems).ifPresent(assembly::add);
    return assembly.finish();
  }

  /** The state of one load. */
  private static final class Assembly {
    private final Problems problems = new Problems();
    private final List<Problem> unexplained = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private final List<Runbook> runbooks = new ArrayList<>();

    void add(YamlDocument document) {
      int before = problems.sorted().size();
      problems.addAll(SCHEMA.validate(document));
      JsonNode root = document.root();
      if (!root.isObject()) {
        return;
      }
      new Reader(document).read(root, before);
    }

    Loaded finish() {
      if (!problems.hasErrors()) {
        problems.addAll(unexplained);
      }
      List<Problem> sorted = problems.sorted();
      boolean failed = sorted.stream().anyMatch(Problem::isError);
      return new Loaded(failed ? Optional.empty() : Optional.of(runbooks), sorted);
    }

    /** Reads one document. */
    private final class Reader {
      private final YamlDocument document;
      private boolean broken;

      Reader(YamlDocument document) {
        this.document = document;
      }

      void read(JsonNode root, int problemsBefore) {
        String name = name(root);
        Map<String, LabelMatcher> match = match(root.path("match"));
        Map<String, Template> params = params(root.path("params"));
        Map<String, String> stepIds = new HashMap<>();
        boolean hasRollback = root.path("rollback").isArray() && !root.path("rollback").isEmpty();
        List<Step> steps =
            steps(root.path("steps"), "/steps", params.keySet(), stepIds, Set.of(), hasRollback);
        List<Step> rollback =
            steps(
                root.path("rollback"),
                "/rollback",
                params.keySet(),
                stepIds,
                Set.copyOf(steps.stream().map(Step::id).toList()),
                false);
        JsonNode description = root.path("description");
        if (broken
            || name == null
            || !description.isString()
            || match.isEmpty()
            || steps.isEmpty()
            || problems.sorted().size() > problemsBefore && problems.hasErrors()) {
          unexplained.add(
              Problem.error(document.file(), document.locate(""), "this runbook is not valid"));
          return;
        }
        runbooks.add(
            new Runbook(
                name,
                description.asString(),
                match,
                params,
                steps,
                rollback,
                document.file() + ":" + document.locate("")));
      }

      private String name(JsonNode root) {
        JsonNode name = root.path("name");
        if (!name.isString()) {
          broken = true;
          return null;
        }
        Location at = document.locate("/name");
        String first = names.putIfAbsent(name.asString(), document.file() + ":" + at);
        if (first != null) {
          error(at, "runbook name '" + name.asString() + "' is already used at " + first);
        }
        return name.asString();
      }

      private Map<String, LabelMatcher> match(JsonNode node) {
        Map<String, LabelMatcher> match = new LinkedHashMap<>();
        if (!node.isObject()) {
          broken = true;
          return match;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
          String pointer = YamlDocument.child("/match", entry.getKey());
          JsonNode value = entry.getValue();
          if (value.isString()) {
            match.put(entry.getKey(), new LabelMatcher.Exact(value.asString()));
          } else if (value.path("glob").isString()) {
            match.put(entry.getKey(), new LabelMatcher.GlobMatcher(value.path("glob").asString()));
          } else if (value.path("regex").isString()) {
            try {
              match.put(
                  entry.getKey(),
                  new LabelMatcher.Regex(Pattern.compile(value.path("regex").asString())));
            } catch (PatternSyntaxException e) {
              error(
                  document.locate(pointer + "/regex"),
                  "invalid regular expression: " + e.getDescription());
            }
          } else {
            broken = true;
          }
        }
        return match;
      }

      private Map<String, Template> params(JsonNode node) {
        Map<String, Template> params = new LinkedHashMap<>();
        if (node.isMissingNode()) {
          return params;
        }
        if (!node.isObject()) {
          broken = true;
          return params;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
          String pointer = YamlDocument.child("/params", entry.getKey());
          JsonNode value = entry.getValue();
          if (!value.isValueNode() || value.isNull()) {
            broken = true;
            continue;
          }
          String text = value.isString() ? value.asString() : value.asString();
          Optional<Template> template = template(pointer, text);
          if (template.isEmpty()) {
            continue;
          }
          for (Template.Reference reference : template.get().references()) {
            if (reference.root() == Template.Root.PARAMS
                || reference.root() == Template.Root.STEPS) {
              error(
                  within(pointer, text, reference.offset()),
                  "a parameter may refer to labels and annotations only, not to " + reference);
            }
          }
          params.put(entry.getKey(), template.get());
        }
        return params;
      }

      private List<Step> steps(
          JsonNode list,
          String listPointer,
          Set<String> params,
          Map<String, String> stepIds,
          Set<String> mainSteps,
          boolean hasRollback) {
        List<Step> steps = new ArrayList<>();
        if (!list.isArray()) {
          return steps;
        }
        List<String> earlier = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          String pointer = listPointer + "/" + i;
          JsonNode item = list.get(i);
          if (!item.isObject()) {
            broken = true;
            continue;
          }
          JsonNode id = item.path("id");
          String stepId = id.isString() ? id.asString() : null;
          if (stepId != null) {
            Location at = document.locate(pointer + "/id");
            String first = stepIds.putIfAbsent(stepId, document.file() + ":" + at);
            if (first != null) {
              error(at, "step id '" + stepId + "' is already used at " + first);
            }
          } else {
            broken = true;
          }
          JsonNode action = item.path("action");
          if (action.isString() && !STEP_KINDS.contains(action.asString())) {
            error(
                document.locate(pointer + "/action"),
                "unknown step action '" + action.asString() + "'" + suggestion(action.asString()));
          } else if (!action.isString()) {
            broken = true;
          }
          Set<String> visible = new java.util.HashSet<>(mainSteps);
          visible.addAll(earlier);
          Map<String, Object> with = new LinkedHashMap<>();
          JsonNode withNode = item.path("with");
          if (withNode.isObject()) {
            for (Map.Entry<String, JsonNode> entry : withNode.properties()) {
              with.put(
                  entry.getKey(),
                  value(
                      YamlDocument.child(pointer + "/with", entry.getKey()),
                      entry.getValue(),
                      params,
                      visible,
                      stepId));
            }
          } else if (!withNode.isMissingNode()) {
            broken = true;
          }
          OnFailure onFailure = OnFailure.STOP;
          JsonNode onFailureNode = item.path("on-failure");
          if (onFailureNode.isString()) {
            try {
              onFailure = OnFailure.fromWire(onFailureNode.asString());
            } catch (IllegalArgumentException e) {
              broken = true;
            }
          }
          if (onFailure == OnFailure.ROLLBACK && !hasRollback) {
            error(
                document.locate(pointer + "/on-failure"),
                mainSteps.isEmpty()
                    ? "on-failure: rollback needs rollback steps; add a rollback list to the"
                        + " runbook"
                    : "a rollback step cannot roll back; use stop or continue");
          }
          Optional<Duration> timeout = Optional.empty();
          JsonNode timeoutNode = item.path("timeout");
          if (timeoutNode.isString()) {
            timeout = duration(timeoutNode.asString());
            if (timeout.isEmpty()) {
              broken = true;
            }
          }
          if (stepId != null && action.isString()) {
            Location at = document.locate(pointer);
            steps.add(
                new Step(
                    stepId,
                    action.asString(),
                    with,
                    onFailure,
                    timeout,
                    document.file() + ":" + at));
            earlier.add(stepId);
          }
        }
        return steps;
      }

      /** A parameter value: strings become templates, checked against what they may refer to. */
      private Object value(
          String pointer, JsonNode node, Set<String> params, Set<String> visible, String self) {
        if (node.isString()) {
          String text = node.asString();
          Optional<Template> template = template(pointer, text);
          if (template.isEmpty()) {
            return text;
          }
          for (Template.Reference reference : template.get().references()) {
            Location at = within(pointer, text, reference.offset());
            switch (reference.root()) {
              case PARAMS -> {
                if (!params.contains(reference.name())) {
                  error(
                      at,
                      "unknown parameter '"
                          + reference.name()
                          + "'"
                          + (params.isEmpty()
                              ? "; this runbook has no params"
                              : "; the params are "
                                  + String.join(", ", params.stream().sorted().toList())));
                }
              }
              case STEPS -> {
                if (reference.step().equals(self)) {
                  error(at, "a step cannot use its own output (" + reference + ")");
                } else if (!visible.contains(reference.step())) {
                  error(
                      at,
                      "'"
                          + reference
                          + "' refers to step '"
                          + reference.step()
                          + "', which does not run before this one; only earlier steps' outputs"
                          + " can be used");
                }
              }
              default -> {}
            }
          }
          return template.get();
        } else if (node.isArray()) {
          List<Object> items = new ArrayList<>();
          for (int i = 0; i < node.size(); i++) {
            items.add(value(pointer + "/" + i, node.get(i), params, visible, self));
          }
          return items;
        } else if (node.isObject()) {
          Map<String, Object> map = new LinkedHashMap<>();
          for (Map.Entry<String, JsonNode> entry : node.properties()) {
            map.put(
                entry.getKey(),
                value(
                    YamlDocument.child(pointer, entry.getKey()),
                    entry.getValue(),
                    params,
                    visible,
                    self));
          }
          return map;
        } else if (node.isIntegralNumber()) {
          return node.asLong();
        } else if (node.isNumber()) {
          return node.asDouble();
        } else if (node.isBoolean()) {
          return node.asBoolean();
        }
        return null;
      }

      private Optional<Template> template(String pointer, String text) {
        try {
          return Optional.of(Template.parse(text));
        } catch (Template.SyntaxException e) {
          error(within(pointer, text, e.offset()), "invalid template: " + e.getMessage());
          return Optional.empty();
        }
      }

      /** The place of character {@code offset} of the string at {@code pointer}. */
      private Location within(String pointer, String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
          if (text.charAt(i) == '\n') {
            line++;
            column = 1;
          } else if (!Character.isLowSurrogate(text.charAt(i))) {
            column++;
          }
        }
        return document.locateWithin(pointer, new Location(line, column));
      }

      private void error(Location at, String message) {
        problems.error(document.file(), at, message);
      }
    }
  }

  private static String suggestion(String action) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String kind : STEP_KINDS) {
      int distance = distance(action, kind);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = kind;
      }
    }
    String last = action.substring(action.lastIndexOf('.') + 1);
    if (best == null || bestDistance > Math.max(2, best.length() / 4)) {
      best =
          last.length() < 3
              ? null
              : STEP_KINDS.stream().filter(kind -> kind.endsWith(last)).findFirst().orElse(null);
    }
    if (best != null) {
      return "; did you mean '" + best + "'?";
    }
    String known = String.join(", ", STEP_KINDS.stream().sorted().toList());
    if (ActionKinds.find(action).isPresent()) {
      return " (a known action kind, but not one a runbook step may take); expected one of "
          + known;
    }
    return "; expected one of " + known;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** A duration such as {@code 1h30m}; empty when malformed or zero. */
  static Optional<Duration> duration(String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Matcher parts = DURATION.matcher(text);
    if (!parts.matches()) {
      return Optional.empty();
    }
    try {
      Duration duration =
          Duration.ofHours(number(parts.group(1)))
              .plusMinutes(number(parts.group(2)))
              .plusSeconds(number(parts.group(3)));
      return duration.isZero() ? Optional.empty() : Optional.of(duration);
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
