package dev.warden.core.llm.flags;

import dev.warden.core.definition.Location;
import dev.warden.core.definition.Problem;
import dev.warden.core.definition.Problems;
import dev.warden.core.definition.YamlDocument;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The AI feature flags of one flag file ({@code policies/features/flags.yaml}), parsed and
 * validated: a global kill switch and, per AI feature, whether it is enabled, for what percentage
 * of scopes, and for which scopes always.
 *
 * <p>Deciding is a pure function of the set, the feature and the scope, so the same repository or
 * channel gets the same answer on every node and after every restart: a 25% rollout does not
 * flicker. The set knows nothing of OpenFeature; {@link WardenFlagProvider} translates decisions
 * into OpenFeature's reasons and variants, which keeps this class usable by any tool that reads the
 * file (validation, explanations).
 *
 * <p>A scope is a repository ({@code owner/name}), a Slack channel ({@code #name}) or a channel id.
 * Scopes are compared and hashed after {@linkplain #normalise normalising} them (surrounding blanks
 * removed, lower case), because GitHub names are case-insensitive and an event may spell a
 * repository differently from the file.
 *
 * @param killSwitch whether every AI feature is off, whatever {@code features} says
 * @param features by feature name ({@code summarise}, without the {@code llm.} prefix)
 */
public record FlagSet(boolean killSwitch, Map<String, Feature> features) {

  /**
   * The AI features Warden has. A flag file may only configure these, so that a misspelt feature
   * ({@code sumarise}) is an error rather than a flag nothing reads.
   */
  public static final List<String> FEATURES =
      java.util.Arrays.stream(dev.warden.core.llm.Feature.values())
          .map(dev.warden.core.llm.Feature::id)
          .toList();

  /**
   * When no flag file is configured: every feature enabled for every scope. Without a file the
   * operator has not asked to restrict anything, and the gateway's budget still applies.
   */
  public static final FlagSet ALL_ON =
      new FlagSet(
          false,
          FEATURES.stream()
              .collect(
                  Collectors.toMap(
                      name -> name,
                      name -> new Feature(true, 100, Set.of()),
                      (a, b) -> a,
                      LinkedHashMap::new)));

  /**
   * Every feature off, as with the kill switch: what {@link FlagFile} uses when the file exists but
   * its first reading is broken, since an operator who wrote a file may have meant to switch things
   * off and Warden cannot tell.
   */
  public static final FlagSet ALL_OFF = new FlagSet(true, Map.of());

  private static final List<String> FEATURE_KEYS = List.of("enabled", "rollout", "allow");

  public FlagSet {
    features = Map.copyOf(Objects.requireNonNull(features, "features"));
  }

  /**
   * One feature's settings.
   *
   * @param enabled false switches the feature off for every scope, allowed ones included
   * @param rollout the percentage of scopes (0 to 100) that get the feature, chosen by {@link
   *     #bucket}
   * @param allow scopes that get the feature whatever the rollout; normalised
   */
  public record Feature(boolean enabled, int rollout, Set<String> allow) {
    public Feature {
      if (rollout < 0 || rollout > 100) {
        throw new IllegalArgumentException("rollout is a percentage, not " + rollout);
      }
      allow =
          Objects.requireNonNull(allow, "allow").stream()
              .map(FlagSet::normalise)
              .collect(Collectors.toUnmodifiableSet());
    }
  }

  /** Which rule of the file decided. */
  public enum Rule {
    /** The kill switch is on. */
    KILL_SWITCH,
    /** The feature has {@code enabled: false}. */
    DISABLED,
    /** The scope is in the feature's {@code allow} list. */
    ALLOW,
    /** The rollout is 100: on for every scope. */
    ROLLOUT_ALL,
    /** The rollout is 0: off for every scope not allowed. */
    ROLLOUT_NONE,
    /** A partial rollout, decided by the scope's bucket. */
    ROLLOUT_SPLIT,
    /** A partial rollout and no scope to hash: off. */
    NO_SCOPE
  }

  /**
   * A decision and why.
   *
   * @param on whether the feature is on for the scope
   * @param rule the rule that decided
   * @param bucket the scope's bucket (0 to 99), when a partial rollout decided
   */
  public record Decision(boolean on, Rule rule, OptionalInt bucket) {
    static Decision of(boolean on, Rule rule) {
      return new Decision(on, rule, OptionalInt.empty());
    }
  }

  /**
   * The outcome of reading a flag file.
   *
   * @param flags the set, unless the file has errors
   * @param problems every problem (errors and warnings), sorted by place
   */
  public record Parsed(Optional<FlagSet> flags, List<Problem> problems) {
    public Parsed {
      problems = List.copyOf(problems);
    }
  }

  /** Reads and validates a flag file; never throws for a broken or unreadable file. */
  public static Parsed load(Path path) {
    Problems problems = new Problems();
    Optional<FlagSet> flags =
        YamlDocument.read(path, problems).flatMap(document -> read(document, problems));
    return finish(flags, problems);
  }

  /**
   * Validates the text of a flag file.
   *
   * @param file the name to give in problems
   */
  public static Parsed parse(String file, String text) {
    Problems problems = new Problems();
    Optional<FlagSet> flags =
        YamlDocument.parse(file, text, problems).flatMap(document -> read(document, problems));
    return finish(flags, problems);
  }

  private static Parsed finish(Optional<FlagSet> flags, Problems problems) {
    return new Parsed(problems.hasErrors() ? Optional.empty() : flags, problems.sorted());
  }

  /**
   * How the set decides {@code feature} for {@code scope}, in this order: the kill switch, a
   * feature the file does not mention (empty: the caller's default applies), {@code enabled:
   * false}, the allow list, then the rollout.
   *
   * <p>A partial rollout (strictly between 0 and 100) needs a scope to hash; an empty scope gets
   * the feature off. That is the conservative choice: a caller that cannot say where the output
   * goes should not be the one that widens a rollout meant for a share of repositories.
   *
   * @param feature the feature name, without the {@code llm.} prefix
   * @param scope the repository or channel; null or blank for none
   */
  public Optional<Decision> decide(String feature, String scope) {
    if (killSwitch) {
      return Optional.of(Decision.of(false, Rule.KILL_SWITCH));
    }
    Feature settings = features.get(feature);
    if (settings == null) {
      return Optional.empty();
    }
    if (!settings.enabled()) {
      return Optional.of(Decision.of(false, Rule.DISABLED));
    }
    String normalised = normalise(scope);
    if (!normalised.isEmpty() && settings.allow().contains(normalised)) {
      return Optional.of(Decision.of(true, Rule.ALLOW));
    }
    if (settings.rollout() >= 100) {
      return Optional.of(Decision.of(true, Rule.ROLLOUT_ALL));
    }
    if (settings.rollout() <= 0) {
      return Optional.of(Decision.of(false, Rule.ROLLOUT_NONE));
    }
    if (normalised.isEmpty()) {
      return Optional.of(Decision.of(false, Rule.NO_SCOPE));
    }
    int bucket = bucket(feature, normalised);
    return Optional.of(
        new Decision(bucket < settings.rollout(), Rule.ROLLOUT_SPLIT, OptionalInt.of(bucket)));
  }

  /**
   * Whether {@code feature} is on for {@code scope}; false for a feature the file does not mention.
   * See {@link #decide} for the rules.
   */
  public boolean enabled(String feature, String scope) {
    return decide(feature, scope).map(Decision::on).orElse(false);
  }

  /**
   * The scope's rollout bucket for a feature, 0 to 99: the first four bytes of the SHA-256 of
   * {@code <feature>:<scope>} (scope {@linkplain #normalise normalised}) as an unsigned number,
   * modulo 100. The feature is in the hash so that the 25% that get one feature first are not
   * always the same 25% for every feature.
   */
  public static int bucket(String feature, String scope) {
    byte[] digest =
        sha256().digest((feature + ":" + normalise(scope)).getBytes(StandardCharsets.UTF_8));
    long unsigned = Integer.toUnsignedLong(ByteBuffer.wrap(digest, 0, 4).getInt());
    return (int) (unsigned % 100);
  }

  /** A scope as compared and hashed: without surrounding blanks, lower case; null is empty. */
  public static String normalise(String scope) {
    return scope == null ? "" : scope.strip().toLowerCase(Locale.ROOT);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  // ---- reading the file ----

  private static Optional<FlagSet> read(YamlDocument document, Problems problems) {
    return new Reader(document, problems).flags();
  }

  /** Validates one document, reporting every problem with its place. */
  private static final class Reader {
    private final YamlDocument document;
    private final Problems problems;

    Reader(YamlDocument document, Problems problems) {
      this.document = document;
      this.problems = problems;
    }

    Optional<FlagSet> flags() {
      JsonNode root = document.root();
      if (!root.isObject()) {
        error(
            document.locate(""),
            "a flag file is a mapping with the keys kill-switch and features, not "
                + describe(root));
        return Optional.empty();
      }
      boolean killSwitch = false;
      Map<String, Feature> features = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : root.properties()) {
        String key = entry.getKey();
        String pointer = YamlDocument.child("", key);
        switch (key) {
          case "kill-switch" -> killSwitch = bool(entry.getValue(), pointer, "kill-switch");
          case "features" -> features(entry.getValue(), pointer, features);
          default ->
              error(
                  document.locateKey(pointer),
                  "unknown key '" + key + "'; a flag file has kill-switch and features");
        }
      }
      return Optional.of(new FlagSet(killSwitch, features));
    }

    private void features(JsonNode node, String pointer, Map<String, Feature> into) {
      if (node.isNull()) {
        return; // "features:" with every entry commented out
      }
      if (!node.isObject()) {
        error(
            document.locate(pointer),
            "features must be a mapping from feature name to its settings, not " + describe(node));
        return;
      }
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        String name = entry.getKey();
        String at = YamlDocument.child(pointer, name);
        if (!FEATURES.contains(name)) {
          error(
              document.locateKey(at),
              "unknown AI feature '" + name + "'; the features are " + String.join(", ", FEATURES));
          continue;
        }
        feature(name, entry.getValue(), at).ifPresent(feature -> into.put(name, feature));
      }
    }

    private Optional<Feature> feature(String name, JsonNode node, String pointer) {
      if (!node.isObject()) {
        error(
            document.locate(pointer),
            "feature '"
                + name
                + "' must be a mapping with enabled (and optionally rollout and allow), not "
                + describe(node));
        return Optional.empty();
      }
      boolean valid = true;
      for (String key : node.propertyNames()) {
        if (!FEATURE_KEYS.contains(key)) {
          error(
              document.locateKey(YamlDocument.child(pointer, key)),
              "unknown key '"
                  + key
                  + "' in feature '"
                  + name
                  + "'; the keys are "
                  + String.join(", ", FEATURE_KEYS));
          valid = false;
        }
      }
      boolean enabled = false;
      JsonNode enabledNode = node.get("enabled");
      if (enabledNode == null) {
        // required: the file is a safety control, so it states intent rather than implying it
        error(
            document.locateKey(pointer),
            "feature '" + name + "' needs enabled: true or enabled: false");
        valid = false;
      } else if (enabledNode.isBoolean()) {
        enabled = enabledNode.booleanValue();
      } else {
        bool(enabledNode, YamlDocument.child(pointer, "enabled"), "enabled");
        valid = false;
      }
      int rollout = 100;
      JsonNode rolloutNode = node.get("rollout");
      if (rolloutNode != null) {
        if (rolloutNode.isIntegralNumber()
            && rolloutNode.canConvertToInt()
            && rolloutNode.intValue() >= 0
            && rolloutNode.intValue() <= 100) {
          rollout = rolloutNode.intValue();
        } else {
          error(
              document.locate(YamlDocument.child(pointer, "rollout")),
              "rollout is a percentage of scopes, a whole number from 0 to 100, not "
                  + describe(rolloutNode));
          valid = false;
        }
      }
      Set<String> allow = new LinkedHashSet<>();
      JsonNode allowNode = node.get("allow");
      if (allowNode != null && !allow(allowNode, YamlDocument.child(pointer, "allow"), allow)) {
        valid = false;
      }
      return valid ? Optional.of(new Feature(enabled, rollout, allow)) : Optional.empty();
    }

    private boolean allow(JsonNode node, String pointer, Set<String> into) {
      if (!node.isArray()) {
        error(
            document.locate(pointer),
            "allow is a list of repositories and channels, such as [\"acme/payments\","
                + " \"#sre-oncall\"], not "
                + describe(node));
        return false;
      }
      boolean valid = true;
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        Location at = document.locate(pointer + "/" + i);
        if (!item.isString()) {
          error(
              at,
              "allow lists repositories (owner/name) and channels (#name or an id) as strings, not "
                  + describe(item));
          valid = false;
        } else if (item.asString().isBlank()) {
          error(at, "an empty scope in allow");
          valid = false;
        } else {
          into.add(normalise(item.asString()));
        }
      }
      return valid;
    }

    /** The value of a boolean setting; false, with an error, for anything else. */
    private boolean bool(JsonNode node, String pointer, String name) {
      if (node.isBoolean()) {
        return node.booleanValue();
      }
      error(document.locate(pointer), name + " must be true or false, not " + describe(node));
      return false;
    }

    private void error(Location at, String message) {
      problems.error(document.file(), at, message);
    }

    private static String describe(JsonNode node) {
      if (node == null || node.isNull() || node.isMissingNode()) {
        return "empty";
      } else if (node.isObject()) {
        return "a mapping";
      } else if (node.isArray()) {
        return "a list";
      } else if (node.isString()) {
        return "'" + node.asString() + "'";
      }
      return node.toString();
    }
  }
}
