package dev.warden.core.kubernetes;

import dev.warden.core.action.ProposedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code kubectl} command a person would type to do what a step does: shown instead of running
 * a passive step, and next to every approval request.
 *
 * <p>Every value that came from the step's parameters (which may come from alert labels, and so
 * from anyone who can fire an alert) is one shell word: it is left bare only when it consists of
 * {@code [A-Za-z0-9._/:=@-]}, else it is single-quoted with each {@code '} written as {@code '\''}.
 * A label value of {@code web; rm -rf /}, {@code $(curl x)} or {@code {{ x }}} is thus an inert
 * argument when the command is pasted into a shell.
 */
public final class Kubectl {
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9._/:=@-]+");

  private Kubectl() {}

  /**
   * The command for a {@code kubernetes.*} action, or for a {@code wait.until} on {@code
   * deployment-ready} or {@code pods-ready}; empty for any other action, for one whose parameters
   * do not make a command (a missing name), and for one naming a Secret.
   */
  public static Optional<String> command(ProposedAction action) {
    if (action.kind().equals("wait.until")) {
      return waiting(action.parameters());
    }
    StepParameters step;
    try {
      step = StepParameters.of(action);
    } catch (InvalidStepException e) {
      return Optional.empty();
    }
    List<String> words = prefix(step.cluster(), step.namespace());
    String object = step.kind().name() + step.name().map(n -> "/" + n).orElse("");
    switch (step.step()) {
      case GET -> {
        words.add("get");
        if (step.name().isPresent()) {
          words.add(quote(object));
          words.add("-o");
          words.add("yaml");
        } else {
          words.add(step.kind().resource());
          step.selector().ifPresent(s -> words.addAll(List.of("-l", quote(s))));
          if (step.namespace().isEmpty() && step.kind().namespaced()) {
            words.add("--all-namespaces");
          }
          words.add("-o");
          words.add("wide");
        }
      }
      case DESCRIBE -> {
        words.add("describe");
        words.add(quote(object));
      }
      case POD_LOGS -> {
        words.add("logs");
        if (step.name().isPresent()) {
          words.add(quote(step.name().get()));
        } else {
          words.add("-l");
          words.add(quote(step.selector().orElseThrow()));
          words.add("--prefix");
          words.add("--max-log-requests=" + KubernetesExecutor.MAX_PODS);
        }
        step.container().ifPresent(c -> words.addAll(List.of("-c", quote(c))));
        if (step.previous()) {
          words.add("--previous");
        }
        words.add("--tail=" + step.tail());
      }
      case ROLLOUT_RESTART -> words.addAll(List.of("rollout", "restart", quote(object)));
      case ROLLOUT_UNDO -> words.addAll(List.of("rollout", "undo", quote(object)));
      case SCALE -> {
        words.addAll(List.of("scale", quote(object)));
        words.add("--replicas=" + step.replicas().orElseThrow());
      }
      case DELETE_POD -> words.addAll(List.of("delete", "pod", quote(step.name().orElseThrow())));
      case CORDON -> words.addAll(List.of("cordon", quote(step.name().orElseThrow())));
      case UNCORDON -> words.addAll(List.of("uncordon", quote(step.name().orElseThrow())));
    }
    return Optional.of(String.join(" ", words));
  }

  /**
   * The value as one shell word: bare when it is made only of {@code [A-Za-z0-9._/:=@-]}, else in
   * single quotes (inside which a shell expands nothing), with each {@code '} closed, escaped and
   * reopened.
   */
  public static String quote(String value) {
    if (BARE.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private static Optional<String> waiting(Map<String, Object> with) {
    Optional<String> namespace = text(with.get("namespace"));
    List<String> words = prefix(text(with.get("cluster")), namespace);
    if (KubernetesAccess.DEPLOYMENT_READY.equals(with.get("condition"))) {
      Optional<String> name = text(with.get("name"));
      if (name.isEmpty() || namespace.isEmpty()) {
        return Optional.empty();
      }
      words.addAll(List.of("rollout", "status", quote("deployment/" + name.get())));
    } else if (KubernetesAccess.PODS_READY.equals(with.get("condition"))) {
      Optional<String> selector = text(with.get("selector"));
      if (selector.isEmpty() || namespace.isEmpty()) {
        return Optional.empty();
      }
      words.addAll(List.of("wait", "--for=condition=Ready", "pod", "-l", quote(selector.get())));
    } else {
      return Optional.empty();
    }
    return Optional.of(String.join(" ", words));
  }

  private static List<String> prefix(Optional<String> cluster, Optional<String> namespace) {
    List<String> words = new ArrayList<>();
    words.add("kubectl");
    cluster.ifPresent(c -> words.addAll(List.of("--context", quote(c))));
    namespace.ifPresent(ns -> words.addAll(List.of("-n", quote(ns))));
    return words;
  }

  private static Optional<String> text(Object value) {
    return value == null || String.valueOf(value).isBlank()
        ? Optional.empty()
        : Optional.of(String.valueOf(value));
  }
}
