package dev.warden.core.kubernetes;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.testing.InMemoryCluster;
import java.util.Map;
import java.util.Optional;

/**
 * A small production cluster, {@code prod}, as the API would return it: the deployment {@code
 * shop/web} at revision 5 with its ReplicaSets of revisions 5, 3 and 1 (and, under the same labels,
 * a ReplicaSet of revision 4 that belongs to another deployment), a crash-looping pod of it with
 * its events, a StatefulSet's pod, a failed job with its pods, a claim and a node that is not
 * ready.
 */
final class ShopCluster {
  static final String WEB_UID = "5f3c8a8e-6f1b-4b7e-9a51-0c2d9c1e7a10";
  static final String CANARY_UID = "0b7e2f44-2d8b-4e0e-8f1c-7a3b5e9d6c21";
  static final String POD = "web-6d4cf56db6-x2x9k";
  static final String NODE = "ip-10-0-1-23.eu-west-1.compute.internal";

  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
        uid: 5f3c8a8e-6f1b-4b7e-9a51-0c2d9c1e7a10
        resourceVersion: "884211"
        generation: 9
        creationTimestamp: "2026-03-02T09:14:51Z"
        labels: { app: web, team: storefront }
        annotations:
          deployment.kubernetes.io/revision: "5"
        managedFields:
          - manager: kubectl-client-side-apply
            operation: Update
            apiVersion: apps/v1
      spec:
        replicas: 3
        revisionHistoryLimit: 10
        selector:
          matchLabels: { app: web }
        strategy:
          type: RollingUpdate
          rollingUpdate: { maxSurge: 25%, maxUnavailable: 25% }
        template:
          metadata:
            labels: { app: web }
            annotations:
              kubectl.kubernetes.io/restartedAt: "2026-11-20T08:00:00Z"
          spec:
            containers:
              - name: app
                image: registry.example.com/shop/web:1.5.0
                ports: [ { containerPort: 8080, protocol: TCP } ]
                env:
                  - { name: FEATURE_NEW_CHECKOUT, value: "true" }
                resources:
                  limits: { memory: 512Mi }
                  requests: { cpu: 250m, memory: 256Mi }
      status:
        observedGeneration: 9
        replicas: 3
        updatedReplicas: 3
        readyReplicas: 1
        availableReplicas: 1
        unavailableReplicas: 2
        conditions:
          - { type: Available, status: "False", reason: MinimumReplicasUnavailable }
          - { type: Progressing, status: "True", reason: ReplicaSetUpdated }
      """;

  static final String REPLICA_SETS =
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web-6d4cf56db6
        namespace: shop
        uid: 1d0e5b0c-1111-4c1a-8d7e-3f0b2a9c4d01
        labels: { app: web, pod-template-hash: 6d4cf56db6 }
        annotations: { deployment.kubernetes.io/revision: "5" }
        ownerReferences:
          - { apiVersion: apps/v1, kind: Deployment, name: web, uid: 5f3c8a8e-6f1b-4b7e-9a51-0c2d9c1e7a10, controller: true, blockOwnerDeletion: true }
      spec:
        replicas: 3
        selector: { matchLabels: { app: web, pod-template-hash: 6d4cf56db6 } }
        template:
          metadata:
            labels: { app: web, pod-template-hash: 6d4cf56db6 }
            annotations: { kubectl.kubernetes.io/restartedAt: "2026-11-20T08:00:00Z" }
          spec:
            containers:
              - name: app
                image: registry.example.com/shop/web:1.5.0
                ports: [ { containerPort: 8080, protocol: TCP } ]
                env: [ { name: FEATURE_NEW_CHECKOUT, value: "true" } ]
                resources: { limits: { memory: 512Mi }, requests: { cpu: 250m, memory: 256Mi } }
      status: { replicas: 3, readyReplicas: 1 }
      ---
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web-7c9f8b7d5
        namespace: shop
        uid: 1d0e5b0c-3333-4c1a-8d7e-3f0b2a9c4d03
        labels: { app: web, pod-template-hash: 7c9f8b7d5 }
        annotations: { deployment.kubernetes.io/revision: "3" }
        ownerReferences:
          - { apiVersion: apps/v1, kind: Deployment, name: web, uid: 5f3c8a8e-6f1b-4b7e-9a51-0c2d9c1e7a10, controller: true, blockOwnerDeletion: true }
      spec:
        replicas: 0
        selector: { matchLabels: { app: web, pod-template-hash: 7c9f8b7d5 } }
        template:
          metadata:
            labels: { app: web, pod-template-hash: 7c9f8b7d5 }
          spec:
            containers:
              - name: app
                image: registry.example.com/shop/web:1.4.1
                ports: [ { containerPort: 8080, protocol: TCP } ]
                resources: { limits: { memory: 512Mi }, requests: { cpu: 250m, memory: 256Mi } }
      status: { replicas: 0 }
      ---
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web-5b8d9c6f4
        namespace: shop
        uid: 1d0e5b0c-5555-4c1a-8d7e-3f0b2a9c4d05
        labels: { app: web, pod-template-hash: 5b8d9c6f4 }
        annotations: { deployment.kubernetes.io/revision: "1" }
        ownerReferences:
          - { apiVersion: apps/v1, kind: Deployment, name: web, uid: 5f3c8a8e-6f1b-4b7e-9a51-0c2d9c1e7a10, controller: true, blockOwnerDeletion: true }
      spec:
        replicas: 0
        selector: { matchLabels: { app: web, pod-template-hash: 5b8d9c6f4 } }
        template:
          metadata:
            labels: { app: web, pod-template-hash: 5b8d9c6f4 }
          spec:
            containers:
              - { name: app, image: "registry.example.com/shop/web:1.4.0" }
      status: { replicas: 0 }
      ---
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web-canary-84f7d9b5c
        namespace: shop
        uid: 1d0e5b0c-4444-4c1a-8d7e-3f0b2a9c4d04
        labels: { app: web, track: canary, pod-template-hash: 84f7d9b5c }
        annotations: { deployment.kubernetes.io/revision: "4" }
        ownerReferences:
          - { apiVersion: apps/v1, kind: Deployment, name: web-canary, uid: 0b7e2f44-2d8b-4e0e-8f1c-7a3b5e9d6c21, controller: true, blockOwnerDeletion: true }
      spec:
        replicas: 1
        selector: { matchLabels: { app: web, track: canary, pod-template-hash: 84f7d9b5c } }
        template:
          metadata:
            labels: { app: web, track: canary, pod-template-hash: 84f7d9b5c }
          spec:
            containers:
              - { name: app, image: "registry.example.com/shop/web:2.0.0-canary" }
      """;

  static final String CRASHING_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-6d4cf56db6-x2x9k
        namespace: shop
        uid: 8a1f6c2e-9b3d-4f7a-a2c4-5e6f7a8b9c0d
        creationTimestamp: "2026-11-27T10:02:11Z"
        labels: { app: web, pod-template-hash: 6d4cf56db6 }
        ownerReferences:
          - { apiVersion: apps/v1, kind: ReplicaSet, name: web-6d4cf56db6, uid: 1d0e5b0c-1111-4c1a-8d7e-3f0b2a9c4d01, controller: true, blockOwnerDeletion: true }
      spec:
        nodeName: ip-10-0-1-23.eu-west-1.compute.internal
        containers:
          - name: app
            image: registry.example.com/shop/web:1.5.0
            resources:
              limits: { memory: 512Mi }
              requests: { cpu: 250m, memory: 256Mi }
          - name: istio-proxy
            image: docker.io/istio/proxyv2:1.24.1
            resources:
              limits: { cpu: "2", memory: 1Gi }
              requests: { cpu: 100m, memory: 128Mi }
      status:
        phase: Running
        conditions:
          - { type: Initialized, status: "True" }
          - { type: Ready, status: "False", reason: ContainersNotReady }
          - { type: ContainersReady, status: "False", reason: ContainersNotReady }
          - { type: PodScheduled, status: "True" }
        containerStatuses:
          - name: app
            ready: false
            restartCount: 7
            image: registry.example.com/shop/web:1.5.0
            state:
              waiting: { reason: CrashLoopBackOff, message: "back-off 5m0s restarting failed container=app" }
            lastState:
              terminated: { exitCode: 137, reason: OOMKilled, startedAt: "2026-11-27T11:52:40Z", finishedAt: "2026-11-27T11:53:02Z" }
          - name: istio-proxy
            ready: true
            restartCount: 0
            state: { running: { startedAt: "2026-11-27T10:02:14Z" } }
      """;

  static final String POD_EVENTS =
      """
      apiVersion: v1
      kind: Event
      metadata: { name: web-6d4cf56db6-x2x9k.181b2c3d4e5f6a7b, namespace: shop }
      involvedObject: { apiVersion: v1, kind: Pod, name: web-6d4cf56db6-x2x9k, namespace: shop }
      type: Normal
      reason: Pulled
      message: Container image "registry.example.com/shop/web:1.5.0" already present on machine
      count: 8
      firstTimestamp: "2026-11-27T10:02:12Z"
      lastTimestamp: "2026-11-27T11:52:39Z"
      source: { component: kubelet, host: ip-10-0-1-23.eu-west-1.compute.internal }
      ---
      apiVersion: v1
      kind: Event
      metadata: { name: web-6d4cf56db6-x2x9k.181b2c3d4e5f6a7c, namespace: shop }
      involvedObject: { apiVersion: v1, kind: Pod, name: web-6d4cf56db6-x2x9k, namespace: shop }
      type: Warning
      reason: BackOff
      message: Back-off restarting failed container app in pod web-6d4cf56db6-x2x9k_shop(8a1f6c2e-9b3d-4f7a-a2c4-5e6f7a8b9c0d)
      count: 31
      firstTimestamp: "2026-11-27T10:05:40Z"
      lastTimestamp: "2026-11-27T11:58:03Z"
      source: { component: kubelet, host: ip-10-0-1-23.eu-west-1.compute.internal }
      """;

  static final String STATEFUL_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: postgres-0
        namespace: shop
        labels: { app: postgres, statefulset.kubernetes.io/pod-name: postgres-0 }
        ownerReferences:
          - { apiVersion: apps/v1, kind: StatefulSet, name: postgres, uid: 3c2b1a09-8f7e-4d6c-b5a4-392817161514, controller: true }
      spec:
        containers:
          - { name: postgres, image: "postgres:17.2" }
      status:
        phase: Running
        conditions: [ { type: Ready, status: "True" } ]
      """;

  static final String FAILED_JOB =
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: nightly-report
        namespace: batch
        uid: 6e5d4c3b-2a19-4807-9f6e-5d4c3b2a1908
        labels: { app: reports }
      spec:
        backoffLimit: 3
        completions: 1
        parallelism: 1
        template:
          spec:
            restartPolicy: Never
            containers: [ { name: report, image: "registry.example.com/reports:3.2.0" } ]
      status:
        failed: 4
        startTime: "2026-11-27T02:00:04Z"
        conditions:
          - { type: FailureTarget, status: "True", reason: BackoffLimitExceeded }
          - { type: Failed, status: "True", reason: BackoffLimitExceeded, message: Job has reached the specified backoff limit }
      """;

  static final String CLAIM =
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: data-postgres-0
        namespace: shop
        labels: { app: postgres }
      spec:
        accessModes: [ ReadWriteOnce ]
        resources: { requests: { storage: 50Gi } }
        storageClassName: gp3
        volumeMode: Filesystem
        volumeName: pvc-2f6b8e1c-47a9-4d3e-9c1b-8a7f6e5d4c3b
      status:
        phase: Bound
        accessModes: [ ReadWriteOnce ]
        capacity: { storage: 50Gi }
      """;

  static final String NOT_READY_NODE =
      """
      apiVersion: v1
      kind: Node
      metadata:
        name: ip-10-0-1-23.eu-west-1.compute.internal
        uid: 4d3c2b1a-0f9e-48d7-c6b5-a49382716059
        labels: { kubernetes.io/hostname: ip-10-0-1-23.eu-west-1.compute.internal, node.kubernetes.io/instance-type: m6i.xlarge }
      spec:
        providerID: aws:///eu-west-1a/i-0a1b2c3d4e5f67890
        taints:
          - { key: node.kubernetes.io/unreachable, effect: NoSchedule, timeAdded: "2026-11-27T11:40:02Z" }
      status:
        conditions:
          - { type: MemoryPressure, status: Unknown, reason: NodeStatusUnknown }
          - { type: DiskPressure, status: "True", reason: KubeletHasDiskPressure }
          - { type: Ready, status: Unknown, reason: NodeStatusUnknown, message: Kubelet stopped posting node status. }
        nodeInfo: { kubeletVersion: v1.31.4-eks-aeac579 }
      """;

  private ShopCluster() {}

  /** The cluster {@code prod} with every object above. */
  static InMemoryCluster prod() {
    InMemoryCluster cluster = new InMemoryCluster("prod");
    cluster
        .put(DEPLOYMENT)
        .put(REPLICA_SETS)
        .put(CRASHING_POD)
        .put(POD_EVENTS)
        .put(STATEFUL_POD)
        .put(FAILED_JOB)
        .put(CLAIM)
        .put(NOT_READY_NODE);
    for (int i = 0; i < 4; i++) {
      String pod = "nightly-report-" + "abcd".charAt(i) + "x7k" + i;
      cluster.put(
          """
          apiVersion: v1
          kind: Pod
          metadata:
            name: %s
            namespace: batch
            creationTimestamp: "2026-11-27T02:0%d:00Z"
            labels: { job-name: nightly-report, batch.kubernetes.io/job-name: nightly-report }
            ownerReferences:
              - { apiVersion: batch/v1, kind: Job, name: nightly-report, uid: 6e5d4c3b-2a19-4807-9f6e-5d4c3b2a1908, controller: true }
          spec:
            containers: [ { name: report, image: "registry.example.com/reports:3.2.0" } ]
          status: { phase: Failed }
          """
              .formatted(pod, i + 1));
    }
    return cluster;
  }

  /** An action as a runbook run proposes it: no target beyond the parameters. */
  static ProposedAction action(String kind, Map<String, ?> parameters) {
    return action(kind, Target.none(), parameters);
  }

  static ProposedAction action(String kind, Target target, Map<String, ?> parameters) {
    return new ProposedAction(
        kind,
        target,
        new java.util.LinkedHashMap<String, Object>(parameters),
        Map.of(),
        Requester.runbook("crashloop-restart"),
        Optional.empty(),
        false);
  }

  static ObjectRef deployment(String name) {
    return new ObjectRef("apps/v1", "Deployment", Optional.of("shop"), name);
  }

  static ObjectRef pod(String namespace, String name) {
    return new ObjectRef("v1", "Pod", Optional.of(namespace), name);
  }

  static ObjectRef node(String name) {
    return new ObjectRef("v1", "Node", Optional.empty(), name);
  }
}
