package dev.warden.core.kubernetes;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Target;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parameters of one {@code kubernetes.*} action, read and checked once for the executor and
 * {@link Kubectl}.
 *
 * <p>The action's target, where it names a cluster, namespace, kind or object, must agree with the
 * parameters: the policy engine decided on the target, so acting on anything else would go around
 * it. A parameter the target does not give is taken from the target when the step leaves it out.
 *
 * @param step the step kind
 * @param cluster the cluster's name; empty for the default
 * @param namespace the namespace; empty for cluster-scoped kinds, and for a list in all namespaces
 * @param kind the object kind
 * @param name the object (the pod for {@code pod-logs}); empty for a list by selector
 * @param container the container of a pod, when named
 * @param previous whether to read the previous container instance's log
 * @param tail how many lines of log to read per container
 * @param selector a label selector ({@code app=web}), when given
 * @param replicas the replicas a scale asks for
 * @param changeId the change id a runbook run set, when it did
 * @param output the step's hint of what it wants ({@code owner-deployment}), when given
 */
record StepParameters(
    StepKind step,
    Optional<String> cluster,
    Optional<String> namespace,
    ResourceKind kind,
    Optional<String> name,
    Optional<String> container,
    boolean previous,
    int tail,
    Optional<String> selector,
    Optional<Integer> replicas,
    Optional<String> changeId,
    Optional<String> output) {
  /** Lines of log read when the step does not say. */
  static final int DEFAULT_TAIL = 500;

  /** The most lines of log one step may read per container. */
  static final int MAX_TAIL = 10_000;

  /** RFC 1123 subdomain: names of most objects, nodes included. */
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** RFC 1123 label: namespaces and container names. */
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  StepParameters {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * The parameters of an action, with what its target adds.
   *
   * @throws InvalidStepException saying which parameter is wrong and why
   */
  static StepParameters of(ProposedAction action) {
    return of(action.kind(), action.parameters(), action.target());
  }

  /**
   * The parameters of a step.
   *
   * @throws InvalidStepException saying which parameter is wrong and why
   */
  static StepParameters of(String actionKind, Map<String, ?> with, Target target) {
    StepKind step =
        StepKind.of(actionKind)
            .orElseThrow(
                () -> new InvalidStepException("not a Kubernetes step kind: " + actionKind));
    for (String key : with.keySet()) {
      if (!step.parameters().contains(key)) {
        throw new InvalidStepException(
            "unknown parameter '"
                + key
                + "' for "
                + step.wireName()
                + "; it takes "
                + String.join(", ", step.parameters()));
      }
    }
    Optional<String> cluster =
        agree("cluster", text(with, "cluster"), target.cluster().filter(c -> !c.isBlank()));
    ResourceKind kind = kind(step, with, target);
    Optional<String> namespace =
        kind.namespaced()
            ? agree("namespace", text(with, "namespace"), target.namespace())
            : Optional.empty();
    Optional<String> selector = text(with, "selector");
    String nameParameter = step == StepKind.POD_LOGS ? "pod" : "name";
    Optional<String> ownName = text(with, nameParameter);
    // a look-up by selector names no object: a target name there is what it was about, not a pod
    Optional<String> name =
        selector.isPresent() && ownName.isEmpty()
            ? Optional.empty()
            : agree(nameParameter, ownName, target.name());
    if (step == StepKind.POD_LOGS && name.isPresent() && selector.isPresent()) {
      throw new InvalidStepException("give either pod or selector, not both");
    }
    boolean list = name.isEmpty() && (step == StepKind.GET || step == StepKind.POD_LOGS);
    if (name.isEmpty() && !list) {
      throw new InvalidStepException(step.wireName() + " needs the parameter " + nameParameter);
    }
    if (step == StepKind.POD_LOGS && name.isEmpty() && selector.isEmpty()) {
      throw new InvalidStepException("kubernetes.pod-logs needs either pod or selector");
    }
    if (kind.namespaced() && namespace.isEmpty() && !(step == StepKind.GET && list)) {
      throw new InvalidStepException(
          step.wireName() + " of a " + kind.name() + " needs the parameter namespace");
    }
    Optional<Integer> replicas = number(with, "replicas", 0, Integer.MAX_VALUE);
    if (step == StepKind.SCALE && replicas.isEmpty()) {
      throw new InvalidStepException("kubernetes.scale needs the parameter replicas");
    }
    return new StepParameters(
        step,
        cluster,
        namespace,
        kind,
        name,
        text(with, "container"),
        flag(with, "previous"),
        number(with, "tail", 1, MAX_TAIL).orElse(DEFAULT_TAIL),
        selector,
        replicas,
        text(with, "change-id"),
        text(with, "output"));
  }

  /**
   * These parameters, after checking that names are Kubernetes names. A name is part of the API
   * path; a value such as {@code web/../../secrets/x} must never reach one.
   *
   * @throws InvalidStepException naming the parameter that is not a valid name
   */
  StepParameters checkedNames() {
    namespace.ifPresent(ns -> checkName("namespace", ns, LABEL, 63));
    name.ifPresent(n -> checkName(step == StepKind.POD_LOGS ? "pod" : "name", n, SUBDOMAIN, 253));
    container.ifPresent(c -> checkName("container", c, LABEL, 63));
    return this;
  }

  /** The object these parameters name. */
  ObjectRef ref() {
    return kind.ref(namespace, name.orElseThrow());
  }

  /** Where the step acts, for messages: {@code Deployment shop/web}. */
  String where() {
    return name.map(n -> ref().toString())
        .orElseGet(
            () ->
                kind.kind()
                    + " "
                    + namespace.map(ns -> ns + "/").orElse("")
                    + selector.map(s -> "(" + s + ")").orElse("*"));
  }

  /** Whether the text is a valid object name (an RFC 1123 subdomain). */
  static boolean isName(String text) {
    return text.length() <= 253 && SUBDOMAIN.matcher(text).matches();
  }

  /** Whether the text is a valid namespace name (an RFC 1123 label). */
  static boolean isNamespace(String text) {
    return text.length() <= 63 && LABEL.matcher(text).matches();
  }

  private static void checkName(String parameter, String value, Pattern shape, int max) {
    if (value.length() > max || !shape.matcher(value).matches()) {
      throw new InvalidStepException(
          parameter
              + " '"
              + value
              + "' is not a Kubernetes name (lower-case letters, digits and '-'"
              + (shape == SUBDOMAIN ? " or '.'" : "")
              + ", at most "
              + max
              + " characters)");
    }
  }

  private static ResourceKind kind(StepKind step, Map<String, ?> with, Target target) {
    Optional<String> own = text(with, "kind");
    Optional<String> targeted = target.kind().filter(k -> !k.isBlank());
    ResourceKind kind = own.map(ResourceKinds::require).orElse(null);
    if (targeted.isPresent()) {
      ResourceKind fromTarget = ResourceKinds.require(targeted.get());
      if (kind != null && !kind.equals(fromTarget)) {
        throw disagreement("kind", own.get(), targeted.get());
      }
      kind = fromTarget;
    }
    if (kind == null) {
      kind =
          step.defaultKind()
              .map(ResourceKinds::require)
              .orElseThrow(
                  () ->
                      new InvalidStepException(
                          step.wireName()
                              + " needs the parameter kind (one of "
                              + ResourceKinds.names()
                              + ")"));
    }
    if (!step.kinds().isEmpty() && !step.kinds().contains(kind.name())) {
      throw new InvalidStepException(
          step.wireName()
              + " works on "
              + String.join(", ", step.kinds())
              + ", not on a "
              + kind.name());
    }
    return kind;
  }

  private static Optional<String> agree(
      String parameter, Optional<String> own, Optional<String> target) {
    Optional<String> targeted = target.filter(value -> !value.isBlank());
    if (own.isPresent() && targeted.isPresent() && !own.get().equals(targeted.get())) {
      throw disagreement(parameter, own.get(), targeted.get());
    }
    return own.isPresent() ? own : targeted;
  }

  private static InvalidStepException disagreement(String parameter, String own, String target) {
    return new InvalidStepException(
        "the parameter "
            + parameter
            + " '"
            + own
            + "' differs from the action's target '"
            + target
            + "'; the policy decided on the target, so the step does not run");
  }

  private static Optional<String> text(Map<String, ?> with, String key) {
    Object value = with.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
      throw new InvalidStepException("the parameter " + key + " must be text, not " + value);
    }
    String text = String.valueOf(value).strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  private static boolean flag(Map<String, ?> with, String key) {
    Object value = with.get(key);
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    String text = String.valueOf(value).strip();
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new InvalidStepException(
        "the parameter " + key + " must be true or false, not '" + text + "'");
  }

  private static Optional<Integer> number(Map<String, ?> with, String key, int min, int max) {
    Object value = with.get(key);
    if (value == null) {
      return Optional.empty();
    }
    long number;
    try {
      number =
          value instanceof Number n && !(value instanceof Double || value instanceof Float)
              ? n.longValue()
              : Long.parseLong(String.valueOf(value).strip());
    } catch (NumberFormatException e) {
      throw new InvalidStepException(
          "the parameter " + key + " must be a whole number, not '" + value + "'");
    }
    if (number < min || number > max) {
      throw new InvalidStepException(
          "the parameter "
              + key
              + " must be "
              + (max == Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max)
              + ", not "
              + number);
    }
    return Optional.of((int) number);
  }
}
