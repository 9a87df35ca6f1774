package dev.warden.integrations.kubernetes;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Objects as a real cluster holds them: a web Deployment with its ReplicaSet and Pod, two Nodes.
 */
final class KubeFixtures {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private KubeFixtures() {}

  /** The fabric8 model object a YAML fixture describes, for the mock server to answer with. */
  static <T> T object(String yaml) {
    return SERIALIZATION.unmarshal(yaml);
  }

  static final String WEB_DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
        labels:
          app: web
          tier: frontend
        annotations:
          deployment.kubernetes.io/revision: "7"
      spec:
        replicas: 3
        revisionHistoryLimit: 10
        selector:
          matchLabels:
            app: web
        strategy:
          type: RollingUpdate
          rollingUpdate:
            maxSurge: 25%
            maxUnavailable: 25%
        template:
          metadata:
            labels:
              app: web
              tier: frontend
            annotations:
              prometheus.io/scrape: "true"
          spec:
            containers:
              - name: web
                image: registry.example.com/shop/web:1.42.0
                ports:
                  - containerPort: 8080
                    name: http
                resources:
                  requests:
                    cpu: 250m
                    memory: 256Mi
                  limits:
                    memory: 512Mi
                readinessProbe:
                  httpGet:
                    path: /healthz
                    port: http
      status:
        observedGeneration: 7
        replicas: 3
        readyReplicas: 2
        availableReplicas: 2
        updatedReplicas: 3
      """;

  /** {@link #WEB_DEPLOYMENT} as a dry run of {@code {"spec":{"replicas":8}}} returns it. */
  static final String WEB_SCALED_TO_8 =
      WEB_DEPLOYMENT.replace("  replicas: 3\n  revision", "  replicas: 8\n  revision");

  static final String CACHE_DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: cache
        namespace: shop
        labels:
          app: web
          tier: cache
      spec:
        replicas: 1
        selector:
          matchLabels:
            app: web
            tier: cache
        template:
          metadata:
            labels:
              app: web
              tier: cache
          spec:
            containers:
              - name: redis
                image: redis:7.4
      """;

  static final String OTHER_WEB_DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: staging
        labels:
          app: web
          tier: frontend
      spec:
        replicas: 1
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
              tier: frontend
          spec:
            containers:
              - name: web
                image: registry.example.com/shop/web:1.43.0-rc.1
      """;

  static final String WEB_REPLICA_SET =
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web-7d9f8b6c5d
        namespace: shop
        labels:
          app: web
          tier: frontend
          pod-template-hash: 7d9f8b6c5d
        annotations:
          deployment.kubernetes.io/revision: "7"
        ownerReferences:
          - apiVersion: apps/v1
            kind: Deployment
            name: web
            uid: 5f0c9a1e-3b2d-4c8e-9f1a-2b3c4d5e6f70
            controller: true
            blockOwnerDeletion: true
      spec:
        replicas: 3
        selector:
          matchLabels:
            app: web
            pod-template-hash: 7d9f8b6c5d
        template:
          metadata:
            labels:
              app: web
              pod-template-hash: 7d9f8b6c5d
          spec:
            containers:
              - name: web
                image: registry.example.com/shop/web:1.42.0
      status:
        replicas: 3
        readyReplicas: 2
      """;

  static final String WEB_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-7d9f8b6c5d-x2kqp
        namespace: shop
        labels:
          app: web
          tier: frontend
          pod-template-hash: 7d9f8b6c5d
        ownerReferences:
          - apiVersion: apps/v1
            kind: ReplicaSet
            name: web-7d9f8b6c5d
            uid: 8e1d2c3b-4a59-4687-b9a0-c1d2e3f4a5b6
            controller: true
            blockOwnerDeletion: true
      spec:
        nodeName: worker-1
        containers:
          - name: web
            image: registry.example.com/shop/web:1.42.0
      status:
        phase: Running
        conditions:
          - type: Ready
            status: "False"
            reason: ContainersNotReady
        containerStatuses:
          - name: web
            ready: false
            restartCount: 6
            image: registry.example.com/shop/web:1.42.0
            state:
              waiting:
                reason: CrashLoopBackOff
                message: back-off 5m0s restarting failed container=web
            lastState:
              terminated:
                exitCode: 2
                reason: Error
                startedAt: "2026-11-27T11:58:01Z"
                finishedAt: "2026-11-27T11:58:03Z"
      """;

  static final String NODE_WORKER_1 =
      """
      apiVersion: v1
      kind: Node
      metadata:
        name: worker-1
        labels:
          kubernetes.io/hostname: worker-1
          kubernetes.io/os: linux
          node-role.kubernetes.io/worker: ""
          topology.kubernetes.io/zone: eu-west-1a
      spec:
        providerID: aws:///eu-west-1a/i-0a1b2c3d4e5f60001
        podCIDR: 10.244.1.0/24
      status:
        conditions:
          - type: Ready
            status: "False"
            reason: KubeletNotReady
            message: "container runtime network not ready: NetworkReady=false"
            lastTransitionTime: "2026-11-27T11:40:00Z"
        nodeInfo:
          kubeletVersion: v1.31.4
      """;

  static final String NODE_WORKER_2 =
      """
      apiVersion: v1
      kind: Node
      metadata:
        name: worker-2
        labels:
          kubernetes.io/hostname: worker-2
          kubernetes.io/os: linux
          node-role.kubernetes.io/worker: ""
          topology.kubernetes.io/zone: eu-west-1b
      spec:
        providerID: aws:///eu-west-1b/i-0a1b2c3d4e5f60002
        podCIDR: 10.244.2.0/24
      status:
        conditions:
          - type: Ready
            status: "True"
            reason: KubeletReady
            lastTransitionTime: "2026-11-20T08:00:00Z"
        nodeInfo:
          kubeletVersion: v1.31.4
      """;

  /**
   * The web Deployment's events in the order an API server may list them (by name, not time); one
   * is a new-style event with only {@code eventTime}.
   */
  static final String WEB_EVENTS =
      """
      apiVersion: v1
      kind: EventList
      metadata:
        resourceVersion: "48213"
      items:
        - apiVersion: v1
          kind: Event
          metadata:
            name: web.181a2b3c4d5e6f70
            namespace: shop
          involvedObject:
            apiVersion: apps/v1
            kind: Deployment
            name: web
            namespace: shop
          reason: ScalingReplicaSet
          message: Scaled down replica set web-7d9f8b6c5d to 2
          type: Normal
          count: 1
          firstTimestamp: "2026-11-27T11:55:00Z"
          lastTimestamp: "2026-11-27T11:55:00Z"
          source:
            component: deployment-controller
        - apiVersion: v1
          kind: Event
          metadata:
            name: web.181a2b3c4d5e6f71
            namespace: shop
          involvedObject:
            apiVersion: apps/v1
            kind: Deployment
            name: web
            namespace: shop
          reason: ProgressDeadlineExceeded
          message: Deployment "web" has timed out progressing.
          type: Warning
          eventTime: "2026-11-27T11:50:00.123456Z"
          reportingComponent: deployment-controller
          reportingInstance: kube-controller-manager-1
          action: Progressing
        - apiVersion: v1
          kind: Event
          metadata:
            name: web.181a2b3c4d5e6f72
            namespace: shop
          involvedObject:
            apiVersion: apps/v1
            kind: Deployment
            name: web
            namespace: shop
          reason: ScalingReplicaSet
          message: Scaled up replica set web-7d9f8b6c5d to 3
          type: Normal
          count: 1
          firstTimestamp: "2026-11-27T11:40:00Z"
          lastTimestamp: "2026-11-27T11:40:00Z"
          source:
            component: deployment-controller
      """;

  static final String NODE_EVENTS =
      """
      apiVersion: v1
      kind: EventList
      metadata:
        resourceVersion: "48377"
      items:
        - apiVersion: v1
          kind: Event
          metadata:
            name: worker-1.181a2b3c4d5e7001
            namespace: default
          involvedObject:
            kind: Node
            name: worker-1
            uid: worker-1
          reason: NodeReady
          message: "Node worker-1 status is now: NodeReady"
          type: Normal
          count: 1
          firstTimestamp: "2026-11-27T11:45:00Z"
          lastTimestamp: "2026-11-27T11:45:00Z"
          source:
            component: kubelet
            host: worker-1
        - apiVersion: v1
          kind: Event
          metadata:
            name: worker-1.181a2b3c4d5e7000
            namespace: default
          involvedObject:
            kind: Node
            name: worker-1
            uid: worker-1
          reason: NodeNotReady
          message: "Node worker-1 status is now: NodeNotReady"
          type: Normal
          count: 2
          firstTimestamp: "2026-11-27T11:30:00Z"
          lastTimestamp: "2026-11-27T11:40:00Z"
          source:
            component: node-controller
      """;
}
