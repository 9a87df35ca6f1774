package dev.warden.core.kubernetes;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.Permit;
import dev.warden.core.gate.Reconciliation;
import dev.warden.core.kubernetes.Changes.AlreadyDone;
import dev.warden.core.kubernetes.Changes.Delete;
import dev.warden.core.kubernetes.Changes.Impossible;
import dev.warden.core.kubernetes.Changes.Patch;
import dev.warden.core.kubernetes.Changes.Plan;
import dev.warden.core.logs.LogSummarizer;
import dev.warden.core.logs.LogSummary;
import dev.warden.core.redact.Redactor;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the {@code kubernetes.*} steps of runbooks on a {@link Cluster}: look-ups ({@code get},
 * {@code describe}, {@code pod-logs}) and changes ({@code rollout-restart}, {@code rollout-undo},
 * {@code scale}, {@code delete-pod}, {@code cordon}, {@code uncordon}), with a server-side dry-run
 * {@link #preview} of each change and a {@link #reconcile} that tells, by looking, whether a change
 * that was cut off took effect.
 *
 * <h2>Parameters</h2>
 *
 * The cluster is the target's, else the parameter {@code cluster}, else the default. {@code
 * namespace}, {@code kind} (lower-case: {@code pod}, {@code deployment}, {@code statefulset},
 * {@code daemonset}, {@code replicaset}, {@code job}, {@code cronjob}, {@code node}, {@code
 * persistentvolumeclaim}, {@code service}, ...; see {@link ResourceKinds}), {@code name}; for
 * {@code pod-logs} {@code pod} or {@code selector}, {@code container}, {@code previous}, {@code
 * tail}; for {@code get} without a name {@code selector}; for {@code scale} {@code replicas}.
 * {@code output} is a hint of what the runbook wants ({@code owner-deployment}: then a pod without
 * an owning deployment fails the step). {@code change-id} is set by the runbook engine on changes.
 * A parameter a step does not take, a target that disagrees with the parameters, a name that is not
 * a Kubernetes name and the kind {@code secret} fail the step before any call.
 *
 * <h2>Outputs</h2>
 *
 * <table>
 *   <caption>Outputs by step</caption>
 *   <tr><th>step</th><th>outputs</th></tr>
 *   <tr><td>every {@code get} and {@code describe}</td><td>{@code kind}, {@code name}, {@code
 *       namespace}, {@code created}</td></tr>
 *   <tr><td>{@code get}/{@code describe} pod</td><td>{@code phase}, {@code node}, {@code ready},
 *       {@code restarts}, {@code containers}; of the {@code container} parameter's container (else
 *       the first): {@code container}, {@code image}, {@code memory_limit}, {@code memory_request},
 *       {@code cpu_limit}, {@code cpu_request} ({@code not set} when unset), {@code state}, {@code
 *       last_termination_reason}, {@code last_exit_code}; {@code owner_kind}, {@code owner}; with
 *       {@code get} also {@code deployment} (the owner of its ReplicaSet)</td></tr>
 *   <tr><td>deployment</td><td>{@code replicas}, {@code ready_replicas}, {@code updated_replicas},
 *       {@code available_replicas}, {@code current_revision}, {@code images}, {@code paused},
 *       {@code progressing}, {@code available}</td></tr>
 *   <tr><td>statefulset, daemonset, replicaset</td><td>{@code replicas}, {@code ready_replicas},
 *       {@code updated_replicas}, {@code images}; revisions</td></tr>
 *   <tr><td>job</td><td>{@code active}, {@code succeeded}, {@code failed}, {@code status} (Running,
 *       Complete, Failed), {@code reason}, {@code completions}, {@code backoff_limit}, {@code
 *       start_time}, {@code completion_time}</td></tr>
 *   <tr><td>node</td><td>{@code ready} (true, false, unknown), {@code ready_reason}, {@code
 *       unschedulable}, {@code pressure}, {@code taints}, {@code kubelet_version}</td></tr>
 *   <tr><td>persistentvolumeclaim</td><td>{@code phase}, {@code capacity}, {@code requested},
 *       {@code storage_class}, {@code volume}, {@code access_modes}</td></tr>
 *   <tr><td>service</td><td>{@code type}, {@code cluster_ip}, {@code ports}, {@code
 *       selector}</td></tr>
 *   <tr><td>{@code get} without a name</td><td>{@code count}, {@code names} (the first 50)</td></tr>
 *   <tr><td>{@code describe}</td><td>also {@code events} (one line each, the last 20), {@code
 *       event_count}, {@code warning_events}, {@code description} (all of it as text)</td></tr>
 *   <tr><td>{@code pod-logs}</td><td>{@code summary} (the {@link LogSummarizer}'s ranked
 *       templates as Markdown), {@code lines}, {@code pods}, {@code error_events}, {@code
 *       last_lines} (the last 20 lines), {@code problems} (pods whose log could not be read)</td></tr>
 *   <tr><td>{@code rollout-restart}</td><td>{@code kind}, {@code name}, {@code namespace}, {@code
 *       restarted_at}</td></tr>
 *   <tr><td>{@code rollout-undo}</td><td>{@code from_revision}, {@code to_revision}</td></tr>
 *   <tr><td>{@code scale}</td><td>{@code replicas}, {@code previous_replicas}</td></tr>
 *   <tr><td>{@code cordon}, {@code uncordon}</td><td>{@code unschedulable}, {@code changed}</td></tr>
 * </table>
 *
 * <p>Every output and summary passes the {@link Redactor} first: a secret in a log line, an event
 * message or an environment variable of a template never leaves the executor.
 *
 * <h2>Changes</h2>
 *
 * Each change is one JSON merge patch that also sets the annotation {@value #CHANGE_ID_ANNOTATION}
 * on the object when the action has a {@code change-id}, so the change and its mark are atomic. A
 * restart sets {@value #RESTARTED_AT_ANNOTATION} on the pod template, as {@code kubectl rollout
 * restart} does. An undo replaces the deployment's pod template with that of its ReplicaSet with
 * the highest revision below the current one, without the {@code pod-template-hash} label, as
 * {@code kubectl rollout undo} does. Every call goes through a check against {@link
 * KubernetesAccess}, the table the RBAC in {@code deploy/} is derived from.
 */
public final class KubernetesExecutor implements ActionExecutor {
  /** The annotation that carries the change id of the last Warden change to an object. */
  public static final String CHANGE_ID_ANNOTATION = "warden.dev/change-id";

  /** The pod template annotation {@code kubectl rollout restart} sets. */
  public static final String RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";

  /** The revision annotation the deployment controller keeps on deployments and ReplicaSets. */
  public static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";

  /** The most pods one {@code pod-logs} step with a selector reads. */
  static final int MAX_PODS = 5;

  /** The token budget of a log summary. */
  static final int SUMMARY_TOKENS = 1500;

  /** The events {@code describe} gives, the most recent. */
  static final int MAX_EVENTS = 20;

  /** The last lines of log given as they are. */
  static final int LAST_LINES = 20;

  /** The names a list gives. */
  static final int MAX_NAMES = 50;

  private final Clusters clusters;
  private final Redactor redactor;
  private final Changes changes;

  /** The step kinds this executor runs: {@code kubernetes.get}, {@code kubernetes.scale}, ... */
  public static final Set<String> KINDS = StepKind.wireNames();

  public KubernetesExecutor(Clusters clusters, Clock clock, Redactor redactor) {
    this.clusters = Objects.requireNonNull(clusters, "clusters");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.changes = new Changes(Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public Set<String> kinds() {
    return KINDS;
  }

  @Override
  public ExecutionResult execute(Permit permit) {
    ProposedAction action = permit.action();
    try {
      StepParameters step = StepParameters.of(action).checkedNames();
      Cluster cluster = cluster(step);
      ExecutionResult result =
          switch (step.step()) {
            case GET -> get(cluster, step);
            case DESCRIBE -> describe(cluster, step);
            case POD_LOGS -> podLogs(cluster, step);
            default -> change(cluster, step);
          };
      return redacted(result);
    } catch (InvalidStepException | UnknownClusterException e) {
      return redacted(ExecutionResult.failed(action.kind() + ": " + e.getMessage()));
    } catch (ClusterException e) {
      return redacted(ExecutionResult.failed(action.kind() + ": " + refusal(e)));
    }
  }

  /**
   * The change the action would make, found by sending it as a server-side dry run and comparing
   * the object before with the server's answer; empty for look-ups. Failures are described.
   */
  @Override
  public Optional<String> preview(ProposedAction action) {
    Optional<StepKind> kind = StepKind.of(action.kind());
    if (kind.isEmpty() || !kind.get().mutating()) {
      return Optional.empty();
    }
    try {
      StepParameters step = StepParameters.of(action).checkedNames();
      Cluster cluster = cluster(step);
      String in = " (cluster " + cluster.name() + ")";
      Plan plan = changes.plan(cluster, step);
      String text;
      if (plan instanceof Impossible impossible) {
        text = "cannot " + action.kind() + ": " + impossible.why();
      } else if (plan instanceof AlreadyDone done) {
        text = "nothing would change: " + done.what() + in;
      } else if (plan instanceof Delete delete) {
        text =
            cluster.delete(delete.ref(), true)
                ? "would delete " + delete.ref() + in
                : delete.ref() + " does not exist; nothing to delete";
      } else {
        text = diff(cluster, (Patch) plan, in);
      }
      return Optional.of(redactor.redact(text).text());
    } catch (InvalidStepException | UnknownClusterException e) {
      return Optional.of(redactor.redact("cannot preview: " + e.getMessage()).text());
    } catch (ClusterException e) {
      return Optional.of(redactor.redact("cannot preview: " + refusal(e)).text());
    }
  }

  /**
   * Whether a change that may have been cut off took effect, by looking at the object only:
   *
   * <ul>
   *   <li>restart, undo: applied when the object's {@value #CHANGE_ID_ANNOTATION} is the action's
   *       change id, else not applied;
   *   <li>scale: applied when the replicas are as asked or the change id is there; cordon and
   *       uncordon likewise with {@code spec.unschedulable};
   *   <li>delete-pod: applied when the pod is gone or terminating, else not applied (a StatefulSet
   *       recreates a pod under the same name, which then reads as not applied);
   *   <li>a change without a change id whose effect is not visible: unknown; look-ups: not applied
   *       (they run again).
   * </ul>
   *
   * A cluster that cannot be reached or refuses the look makes it unknown.
   */
  @Override
  public Reconciliation reconcile(ProposedAction action) {
    Optional<StepKind> kind = StepKind.of(action.kind());
    if (kind.isEmpty()) {
      return new Reconciliation.Unknown("not a Kubernetes step: " + action.kind());
    }
    if (!kind.get().mutating()) {
      return new Reconciliation.NotApplied("it changes nothing, so it runs again");
    }
    StepParameters step;
    try {
      step = StepParameters.of(action).checkedNames();
    } catch (InvalidStepException e) {
      return new Reconciliation.NotApplied(
          "the action is not valid (" + e.getMessage() + "), so it cannot have changed anything");
    }
    try {
      return reconcile(cluster(step), step);
    } catch (UnknownClusterException e) {
      return new Reconciliation.Unknown(e.getMessage());
    } catch (ClusterException e) {
      return new Reconciliation.Unknown("could not look: " + refusal(e));
    }
  }

  private Reconciliation reconcile(Cluster cluster, StepParameters step) {
    ObjectRef ref = step.ref();
    Optional<KubeObject> found = cluster.get(ref);
    if (step.step() == StepKind.DELETE_POD) {
      if (found.isEmpty()) {
        return applied(ref + " is gone", Map.of("name", ref.name()));
      }
      if (found.get().at("metadata", "deletionTimestamp").isPresent()) {
        return applied(ref + " is terminating", Map.of("name", ref.name()));
      }
      return new Reconciliation.NotApplied(ref + " still exists");
    }
    if (found.isEmpty()) {
      return new Reconciliation.Unknown(
          ref + " is gone, so whether the change was made cannot be told");
    }
    KubeObject object = found.get();
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("kind", ref.kind());
    outputs.put("name", ref.name());
    ref.namespace().ifPresent(ns -> outputs.put("namespace", ns));
    Optional<String> state = Optional.empty();
    switch (step.step()) {
      case SCALE -> {
        String replicas = object.text("spec", "replicas").orElse("1");
        outputs.put("replicas", replicas);
        if (replicas.equals(String.valueOf(step.replicas().orElseThrow()))) {
          state = Optional.of(ref + " already has " + replicas + " replicas");
        }
      }
      case CORDON, UNCORDON -> {
        boolean unschedulable =
            Boolean.TRUE.equals(object.at("spec", "unschedulable").orElse(false));
        outputs.put("unschedulable", String.valueOf(unschedulable));
        if (unschedulable == (step.step() == StepKind.CORDON)) {
          state =
              Optional.of(ref + " is " + (unschedulable ? "cordoned" : "schedulable") + " already");
        }
      }
      case ROLLOUT_RESTART ->
          object
              .text("spec", "template", "metadata", "annotations", RESTARTED_AT_ANNOTATION)
              .ifPresent(at -> outputs.put("restarted_at", at));
      case ROLLOUT_UNDO ->
          object.annotation(REVISION_ANNOTATION).ifPresent(r -> outputs.put("revision", r));
      default -> {}
    }
    if (state.isPresent()) {
      return applied(state.get(), outputs);
    }
    if (step.changeId().isEmpty()) {
      return new Reconciliation.Unknown(
          step.step().wireName()
              + " without a change id leaves no mark on "
              + ref
              + "; check by hand");
    }
    Optional<String> mark = object.annotation(CHANGE_ID_ANNOTATION);
    if (mark.equals(step.changeId())) {
      return applied(ref + " carries change id " + step.changeId().get(), outputs);
    }
    return new Reconciliation.NotApplied(
        ref
            + " does not carry change id "
            + step.changeId().get()
            + mark.map(m -> " (it carries " + m + ")").orElse(""));
  }

  private Reconciliation applied(String summary, Map<String, String> outputs) {
    return new Reconciliation.Applied(redacted(ExecutionResult.succeeded(summary, outputs)));
  }

  // ---- look-ups

  private ExecutionResult get(Cluster cluster, StepParameters step) {
    if (step.name().isEmpty()) {
      return list(cluster, step);
    }
    ObjectRef ref = step.ref();
    Optional<KubeObject> found = cluster.get(ref);
    if (found.isEmpty()) {
      return notFound(ref, cluster);
    }
    KubeObject object = found.get();
    Map<String, String> outputs = ObjectOutputs.of(object, step.container());
    if (ref.kind().equals("Pod")) {
      Optional<String> deployment = owningDeployment(cluster, object, outputs);
      if (deployment.isEmpty() && step.output().filter("owner-deployment"::equals).isPresent()) {
        return ExecutionResult.failed(
            ref
                + " is not owned by a Deployment"
                + (outputs.containsKey("owner_kind")
                    ? " (its owner is "
                        + outputs.get("owner_kind")
                        + " "
                        + outputs.get("owner")
                        + ")"
                    : " (it has no owner)"));
      }
    }
    return ExecutionResult.succeeded("read " + ref + " (cluster " + cluster.name() + ")", outputs);
  }

  /**
   * The pod's Deployment: its controller is a ReplicaSet, whose controller is a Deployment; read
   * from the ReplicaSet's owner references, never guessed from names. Adds {@code deployment} to
   * the outputs when found.
   */
  private static Optional<String> owningDeployment(
      Cluster cluster, KubeObject pod, Map<String, String> outputs) {
    Optional<Map<String, Object>> owner = ObjectOutputs.controller(pod);
    if (owner.isEmpty() || !"ReplicaSet".equals(owner.get().get("kind"))) {
      return Optional.empty();
    }
    ResourceKind replicaSets = ResourceKinds.find("replicaset").orElseThrow();
    Optional<KubeObject> replicaSet =
        cluster.get(replicaSets.ref(pod.namespace(), String.valueOf(owner.get().get("name"))));
    Optional<String> deployment =
        replicaSet
            .flatMap(ObjectOutputs::controller)
            .filter(o -> "Deployment".equals(o.get("kind")))
            .map(o -> String.valueOf(o.get("name")));
    deployment.ifPresent(
        name -> {
          outputs.put("deployment", name);
          outputs.put("owner_kind", "Deployment");
          outputs.put("owner", name);
        });
    return deployment;
  }

  private ExecutionResult list(Cluster cluster, StepParameters step) {
    ResourceKind kind = step.kind();
    List<KubeObject> objects =
        cluster.list(kind.apiVersion(), kind.kind(), step.namespace(), step.selector().orElse(""));
    List<String> names = new ArrayList<>();
    for (KubeObject object : objects) {
      if (names.size() < MAX_NAMES) {
        names.add(object.namespace().map(ns -> ns + "/").orElse("") + object.name());
      }
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("kind", kind.kind());
    outputs.put("count", String.valueOf(objects.size()));
    outputs.put("names", String.join(",", names));
    return ExecutionResult.succeeded(
        "listed " + objects.size() + " of " + step.where() + " (cluster " + cluster.name() + ")",
        outputs);
  }

  private ExecutionResult describe(Cluster cluster, StepParameters step) {
    ObjectRef ref = step.ref();
    Optional<KubeObject> found = cluster.get(ref);
    if (found.isEmpty()) {
      return notFound(ref, cluster);
    }
    Map<String, String> outputs = ObjectOutputs.of(found.get(), step.container());
    List<KubeObject> events = cluster.events(ref);
    List<String> lines = new ArrayList<>();
    long warnings = 0;
    for (KubeObject event : events) {
      if ("Warning".equals(event.text("type").orElse(""))) {
        warnings++;
      }
    }
    for (KubeObject event :
        events.subList(Math.max(0, events.size() - MAX_EVENTS), events.size())) {
      lines.add(eventLine(event));
    }
    StringBuilder description = new StringBuilder();
    outputs.forEach(
        (key, value) -> description.append(key).append(": ").append(value).append('\n'));
    description.append("events:").append(lines.isEmpty() ? " none\n" : "\n");
    lines.forEach(line -> description.append("  ").append(line).append('\n'));
    outputs.put("event_count", String.valueOf(events.size()));
    outputs.put("warning_events", String.valueOf(warnings));
    outputs.put("events", String.join("\n", lines));
    outputs.put("description", description.toString().stripTrailing());
    return ExecutionResult.succeeded(
        "described "
            + ref
            + " (cluster "
            + cluster.name()
            + "): "
            + plural(events.size(), "event")
            + ", "
            + plural(warnings, "warning"),
        outputs);
  }

  /** {@code 2026-11-27T11:58:00Z Warning BackOff (x12): Back-off restarting failed container}. */
  static String eventLine(KubeObject event) {
    String time =
        event
            .text("lastTimestamp")
            .or(() -> event.text("eventTime"))
            .or(() -> event.text("firstTimestamp"))
            .or(() -> event.text("metadata", "creationTimestamp"))
            .orElse("-");
    long count = event.number("count").or(() -> event.number("series", "count")).orElse(1L);
    return time
        + " "
        + event.text("type").orElse("Normal")
        + " "
        + event.text("reason").orElse("")
        + (count > 1 ? " (x" + count + ")" : "")
        + ": "
        + event.text("message").orElse("").strip().replace('\n', ' ');
  }

  private ExecutionResult podLogs(Cluster cluster, StepParameters step) {
    String namespace = step.namespace().orElseThrow();
    List<KubeObject> pods;
    if (step.name().isPresent()) {
      Optional<KubeObject> pod = cluster.get(step.ref());
      if (pod.isEmpty()) {
        return notFound(step.ref(), cluster);
      }
      pods = List.of(pod.get());
    } else {
      pods = new ArrayList<>(cluster.list("v1", "Pod", step.namespace(), step.selector().get()));
      if (pods.isEmpty()) {
        return ExecutionResult.failed(
            "no pods in namespace "
                + namespace
                + " match "
                + step.selector().get()
                + " (cluster "
                + cluster.name()
                + ")");
      }
      // the newest first: a failed job's last attempts, a deployment's current pods
      pods.sort(
          Comparator.comparing((KubeObject p) -> p.text("metadata", "creationTimestamp").orElse(""))
              .reversed()
              .thenComparing(KubeObject::name));
    }
    int total = pods.size();
    pods = pods.subList(0, Math.min(MAX_PODS, total));
    LogSummarizer summarizer = new LogSummarizer(Optional.empty());
    List<String> read = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    ArrayDeque<String> last = new ArrayDeque<>();
    long lines = 0;
    for (KubeObject pod : pods) {
      Optional<String> container = container(pod, step, problems);
      if (container.isEmpty()) {
        continue;
      }
      String text;
      try {
        text = cluster.logs(namespace, pod.name(), container, step.previous(), step.tail());
      } catch (ClusterException e) {
        if (step.name().isPresent()) {
          throw e;
        }
        problems.add(pod.name() + ": " + refusal(e));
        continue;
      }
      read.add(pod.name() + "/" + container.get());
      String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
      if (body.isEmpty()) {
        continue;
      }
      for (String line : body.split("\r?\n", -1)) {
        lines++;
        summarizer.add(line);
        last.addLast(pods.size() > 1 ? pod.name() + " " + line : line);
        if (last.size() > LAST_LINES) {
          last.removeFirst();
        }
      }
    }
    String source =
        step.name().isPresent()
            ? "pod "
                + namespace
                + "/"
                + step.name().get()
                + step.container().map(c -> ", container " + c).orElse("")
            : plural(read.size(), "pod")
                + " of "
                + namespace
                + " matching "
                + step.selector().get();
    if (step.previous()) {
      source += ", previous instance";
    }
    if (read.isEmpty()) {
      Map<String, String> outputs = new LinkedHashMap<>();
      outputs.put("problems", String.join("\n", problems));
      return new ExecutionResult(false, "no log could be read: " + source, outputs);
    }
    LogSummary summary = summarizer.summary();
    long errors =
        summary.events().stream()
            .filter(e -> e.severity().isError())
            .mapToLong(LogSummary.Event::count)
            .sum();
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("summary", summary.render(source, SUMMARY_TOKENS).markdown());
    outputs.put("lines", String.valueOf(lines));
    outputs.put("pods", String.join(",", read));
    if (total > pods.size()) {
      outputs.put("pods_not_read", String.valueOf(total - pods.size()));
    }
    outputs.put("error_events", String.valueOf(errors));
    outputs.put("last_lines", String.join("\n", last));
    if (!problems.isEmpty()) {
      outputs.put("problems", String.join("\n", problems));
    }
    return ExecutionResult.succeeded(
        "read "
            + plural(lines, "line")
            + " of "
            + source
            + (total > pods.size() ? " (" + pods.size() + " of " + total + " pods)" : "")
            + ": "
            + plural(errors, "error event"),
        outputs);
  }

  /**
   * The container whose log to read: the named one, else the pod's default. For one pod a missing
   * container fails the step; across pods by selector it is noted and the pod skipped.
   */
  private static Optional<String> container(
      KubeObject pod, StepParameters step, List<String> problems) {
    try {
      Map<String, Object> chosen = ObjectOutputs.container(pod, step.container());
      if (chosen == null) {
        problems.add(pod.name() + ": no containers");
        return Optional.empty();
      }
      return Optional.of(String.valueOf(chosen.get("name")));
    } catch (InvalidStepException e) {
      if (step.name().isPresent()) {
        throw e;
      }
      problems.add(pod.name() + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  // ---- changes

  private ExecutionResult change(Cluster cluster, StepParameters step) {
    String in = " (cluster " + cluster.name() + ")";
    Plan plan = changes.plan(cluster, step);
    if (plan instanceof Impossible impossible) {
      return ExecutionResult.failed(impossible.why());
    }
    if (plan instanceof AlreadyDone done) {
      return ExecutionResult.succeeded(done.what() + in, done.outputs());
    }
    if (plan instanceof Delete delete) {
      return cluster.delete(delete.ref(), false)
          ? ExecutionResult.succeeded(
              "deleted " + delete.ref() + in, Map.of("name", delete.ref().name()))
          : notFound(delete.ref(), cluster);
    }
    Patch patch = (Patch) plan;
    KubeObject after = cluster.patch(patch.ref(), patch.patch().json(), false);
    Map<String, String> outputs = new LinkedHashMap<>(patch.outputs());
    after.text("metadata", "generation").ifPresent(g -> outputs.put("generation", g));
    return ExecutionResult.succeeded(patch.what() + in, outputs);
  }

  private String diff(Cluster cluster, Patch patch, String in) {
    KubeObject after = cluster.patch(patch.ref(), patch.patch().json(), true);
    List<String> lines = ObjectDiff.changes(patch.current().body(), after.body());
    StringBuilder text = new StringBuilder();
    text.append("would have ").append(patch.what()).append(in).append(", server-side dry run:");
    if (lines.isEmpty()) {
      text.append(" no field would change");
    }
    int shown = 0;
    for (String line : lines) {
      if (shown++ == 50) {
        text.append("\n  … and ").append(lines.size() - 50).append(" more");
        break;
      }
      text.append("\n  ").append(line);
    }
    return text.toString();
  }

  // ---- helpers

  /** The step's cluster, limited to the calls {@link KubernetesAccess} declares for the step. */
  private Cluster cluster(StepParameters step) {
    Map<String, Object> declared = new LinkedHashMap<>();
    declared.put("kind", step.kind().name());
    step.name().ifPresent(n -> declared.put(step.step() == StepKind.POD_LOGS ? "pod" : "name", n));
    return new GrantCheckedCluster(
        clusters.resolve(step.cluster()),
        step.step().wireName(),
        KubernetesAccess.required(step.step().wireName(), declared));
  }

  private static ExecutionResult notFound(ObjectRef ref, Cluster cluster) {
    return ExecutionResult.failed(ref + " not found in cluster " + cluster.name());
  }

  /** A refusal of the API for people: {@code forbidden (403): ...}. */
  static String refusal(ClusterException e) {
    String what =
        switch (e.status()) {
          case 0 -> "the cluster could not be reached";
          case 400 -> "bad request (400)";
          case 401 -> "not authenticated (401)";
          case 403 -> "forbidden (403): Warden's service account lacks the permission";
          case 404 -> "not found (404)";
          case 409 -> "conflict (409)";
          case 422 -> "invalid (422)";
          default -> "the API answered " + e.status();
        };
    return what + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private ExecutionResult redacted(ExecutionResult result) {
    Map<String, String> outputs = new LinkedHashMap<>();
    result.outputs().forEach((key, value) -> outputs.put(key, redactor.redact(value).text()));
    return new ExecutionResult(
        result.succeeded(), redactor.redact(result.summary()).text(), outputs);
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
