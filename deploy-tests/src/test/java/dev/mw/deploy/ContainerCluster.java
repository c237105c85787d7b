package dev.mw.deploy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * Plays Kubernetes for a render with Docker: every pod of the Deployments and StatefulSets
 * becomes a container of its rendered image on a network of the run's own, at a fixed address
 * (its pod IP, so the downward API's {@code status.podIP} is known before it starts). Services
 * are network aliases: all the pods a Service selects answer to its four DNS names, so a
 * headless Service resolves to every pod and a ClusterIP Service to one of them (Docker's DNS
 * does not know readiness: a Service here also lists pods that are not ready). A StatefulSet
 * pod also answers to {@code <pod>.<serviceName>}. Each container runs with the rendered env,
 * user and groups, read-only root, capabilities, no-new-privileges, memory and CPU limits,
 * emptyDirs as tmpfs, ConfigMaps and Secrets as read-only folders, each volume claim as a folder
 * of its pod, init containers run to completion first; its ports are published on 127.0.0.1
 * only, which is how the test reaches probes and APIs.
 */
final class ContainerCluster implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A pod of a workload, as it would be scheduled, and the container that plays it. */
    record PodRun(String name, String ip, String subdomain, PodTemplateSpec template, String container) {
        PodSpec spec() {
            return template.getSpec();
        }

        String component() {
            return template.getMetadata().getLabels().get(Rendered.COMPONENT);
        }
    }

    /** What {@code docker inspect} says of a container's end. */
    record ContainerState(String status, boolean oomKilled, int exitCode) {
    }

    private final Rendered rendered;
    private final String run;
    private final Path dir;
    private final String namespace = Helm.NAMESPACE;
    private final List<PodRun> pods = new ArrayList<>();
    private final Map<String, Integer> hostPorts = new ConcurrentHashMap<>();
    private String network;
    private String podNet;
    private int nextIp = 10;

    /**
     * @param run a name of this run, unique among the runs on this engine: it prefixes every
     *            container and the network, and labels them for clean-up
     */
    ContainerCluster(Rendered rendered, String run, Path dir) {
        this.rendered = rendered;
        this.run = run;
        this.dir = dir;
    }

    List<PodRun> pods() {
        return pods;
    }

    List<PodRun> pods(String component) {
        return pods.stream().filter(p -> component.equals(p.component())).toList();
    }

    PodRun pod(String name) {
        return pods.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no pod " + name + " in " + pods.stream().map(PodRun::name).toList()));
    }

    /** The folder that plays a pod's volume claim; fill it before {@link #start()} to bring data. */
    Path claimDir(String podName, String claim) throws IOException {
        Path claimDir = Files.createDirectories(dir.resolve("claims").resolve(claim + "-" + podName));
        Files.setPosixFilePermissions(claimDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return claimDir;
    }

    /** Creates the network and starts every pod: init containers to completion, then its containers. */
    void start() throws IOException {
        removeLeftovers();
        podNet = createNetwork();
        for (Deployment d : rendered.all(Deployment.class)) {
            for (int i = 0; i < d.getSpec().getReplicas(); i++) {
                pods.add(deploymentPod(d.getMetadata().getName(), d.getSpec().getTemplate()));
            }
        }
        for (StatefulSet s : rendered.all(StatefulSet.class)) {
            for (int i = 0; i < s.getSpec().getReplicas(); i++) {
                String name = s.getMetadata().getName() + "-" + i;
                pods.add(new PodRun(name, podNet + nextIp++, s.getSpec().getServiceName(), s.getSpec().getTemplate(),
                        run + "-" + name));
            }
        }
        for (PodRun pod : pods) {
            start(pod);
        }
    }

    private PodRun deploymentPod(String deployment, PodTemplateSpec template) {
        int ip = nextIp++;
        String name = deployment + "-docker-" + ip;
        return new PodRun(name, podNet + ip, null, template, run + "-" + name);
    }

    private void start(PodRun pod) throws IOException {
        for (Container init : pod.spec().getInitContainers()) {
            List<String> args = runArgs(pod, init, pod.container() + "-init-" + init.getName(), false);
            Docker.run(args.toArray(String[]::new));
        }
        if (pod.spec().getContainers().size() != 1) {
            throw new IllegalStateException(pod.name() + ": one container per pod is played here");
        }
        Docker.run(runArgs(pod, pod.spec().getContainers().get(0), pod.container(), true).toArray(String[]::new));
    }

    /**
     * A Deployment's pod deleted and replaced, as after a node failure or an eviction: the old
     * container is killed, a new pod with a new name and a new IP starts under the same Services.
     */
    PodRun replace(PodRun old) throws IOException {
        if (old.subdomain() != null) {
            throw new IllegalArgumentException(old.name() + " is a StatefulSet pod: it keeps its name");
        }
        Docker.run("rm", "-f", old.container());
        PodRun replacement = deploymentPod(old.name().replaceAll("-docker-\\d+$", ""), old.template());
        pods.set(pods.indexOf(old), replacement);
        start(replacement);
        return replacement;
    }

    private void removeLeftovers() {
        String leftovers = Docker.run("ps", "-aq", "--filter", "label=dev.mw.render-run=" + run);
        if (!leftovers.isBlank()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(List.of(leftovers.split("\\s+")));
            Docker.run(rm.toArray(String[]::new));
        }
        Docker.call("network", "rm", run);
    }

    /** A network of the run's own with a subnet of its own (fixed addresses need one): the pod IP prefix. */
    private String createNetwork() {
        for (int third = 77; third < 127; third++) {
            String prefix = "172.30." + third + ".";
            Helm.Result created = Docker.call("network", "create", "--subnet", prefix + "0/24",
                    "--label", "dev.mw.render-run=" + run, run);
            if (created.ok()) {
                network = run;
                return prefix;
            }
            if (!created.stderr().contains("overlap")) {
                throw new AssertionError("docker network create failed: " + created.stderr());
            }
        }
        throw new AssertionError("no free subnet in 172.30.77-126.0/24 for the network " + run);
    }

    /** docker run for one container (detached when it is the pod's container, to completion when an init container). */
    private List<String> runArgs(PodRun pod, Container c, String containerName, boolean detached) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--name", containerName, "--hostname", pod.name(),
                "--network", network, "--label", "dev.mw.render-run=" + run));
        if (detached) {
            args.addAll(List.of("-d", "--ip", pod.ip()));
            for (String alias : aliases(pod)) {
                args.addAll(List.of("--network-alias", alias));
            }
            for (ContainerPort port : c.getPorts()) {
                args.addAll(List.of("-p", "127.0.0.1::" + port.getContainerPort()));
            }
            Long grace = pod.spec().getTerminationGracePeriodSeconds();
            args.addAll(List.of("--stop-timeout", String.valueOf(grace == null ? 30 : grace)));
        } else {
            args.add("--rm");
        }
        args.addAll(security(pod.name(), pod.spec().getSecurityContext(), c.getSecurityContext()));
        args.addAll(resources(c.getResources()));
        args.addAll(volumes(pod, c));
        PodEnv.PodFacts facts = new PodEnv.PodFacts(pod.name(), namespace, pod.ip(), pod.spec().getServiceAccountName());
        Map<String, String> env = PodEnv.resolve(rendered, facts, c);
        Files.createDirectories(dir.resolve(pod.name()));
        Path envFile = dir.resolve(pod.name()).resolve(c.getName() + ".env");
        Files.writeString(envFile, env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n")
                .reduce("", String::concat));
        args.addAll(List.of("--env-file", envFile.toString()));
        args.addAll(command(c));
        return args;
    }

    /** The Services selecting the pod (four names each) and, for a StatefulSet pod, its own DNS name. */
    private Set<String> aliases(PodRun pod) {
        Set<String> aliases = new LinkedHashSet<>();
        for (Service s : rendered.servicesSelecting(pod.template())) {
            for (ServicePort port : s.getSpec().getPorts()) {
                int target = ChartWiringTest.resolvePort(pod.spec().getContainers().get(0), port.getTargetPort());
                if (target != port.getPort()) {
                    throw new IllegalStateException("Service " + s.getMetadata().getName() + " maps port " + port.getPort()
                            + " to " + target + ": a network alias cannot, and no proxy is played here");
                }
            }
            aliases.addAll(dnsNames(s.getMetadata().getName()));
        }
        if (pod.subdomain() != null) {
            aliases.addAll(dnsNames(pod.name() + "." + pod.subdomain()));
        }
        return aliases;
    }

    private List<String> dnsNames(String name) {
        return List.of(name, name + "." + namespace, name + "." + namespace + ".svc",
                name + "." + namespace + ".svc.cluster.local");
    }

    /** The pod's and the container's securityContext as docker run flags; what is not played fails. */
    static List<String> security(String pod, PodSecurityContext podContext, SecurityContext context) {
        PodSecurityContext p = podContext == null ? new PodSecurityContext() : podContext;
        SecurityContext c = context == null ? new SecurityContext() : context;
        List<String> flags = new ArrayList<>();
        Long user = c.getRunAsUser() != null ? c.getRunAsUser() : p.getRunAsUser();
        Long group = c.getRunAsGroup() != null ? c.getRunAsGroup() : p.getRunAsGroup();
        boolean nonRoot = Boolean.TRUE.equals(c.getRunAsNonRoot() != null ? c.getRunAsNonRoot() : p.getRunAsNonRoot());
        if (nonRoot && (user == null || user == 0)) {
            throw new AssertionError(pod + ": runAsNonRoot without a non-zero runAsUser (the kubelet refuses it)");
        }
        if (user != null) {
            flags.addAll(List.of("--user", user + (group != null ? ":" + group : "")));
        }
        if (p.getFsGroup() != null) {
            flags.addAll(List.of("--group-add", String.valueOf(p.getFsGroup())));
        }
        if (Boolean.TRUE.equals(c.getReadOnlyRootFilesystem())) {
            flags.add("--read-only");
        }
        if (Boolean.FALSE.equals(c.getAllowPrivilegeEscalation())) {
            flags.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        Capabilities caps = c.getCapabilities();
        if (caps != null) {
            caps.getDrop().forEach(cap -> flags.addAll(List.of("--cap-drop", cap)));
            caps.getAdd().forEach(cap -> flags.addAll(List.of("--cap-add", cap)));
        }
        var seccomp = c.getSeccompProfile() != null ? c.getSeccompProfile() : p.getSeccompProfile();
        if (seccomp != null && !"RuntimeDefault".equals(seccomp.getType())) {
            throw new IllegalStateException(pod + ": seccomp profile " + seccomp.getType() + " is not played here");
        }
        return flags;
    }

    /** limits.memory as a hard limit without swap, limits.cpu as --cpus, requests.cpu as CPU shares. */
    static List<String> resources(ResourceRequirements resources) {
        List<String> flags = new ArrayList<>();
        if (resources == null) {
            return flags;
        }
        Quantity memory = resources.getLimits() == null ? null : resources.getLimits().get("memory");
        if (memory != null) {
            String bytes = Quantity.getAmountInBytes(memory).toBigInteger().toString();
            flags.addAll(List.of("--memory", bytes, "--memory-swap", bytes));
        }
        Quantity cpu = resources.getLimits() == null ? null : resources.getLimits().get("cpu");
        if (cpu != null) {
            flags.addAll(List.of("--cpus", Quantity.getAmountInBytes(cpu).toPlainString()));
        }
        Quantity cpuRequest = resources.getRequests() == null ? null : resources.getRequests().get("cpu");
        if (cpuRequest != null) {
            BigDecimal shares = Quantity.getAmountInBytes(cpuRequest).multiply(BigDecimal.valueOf(1024));
            flags.addAll(List.of("--cpu-shares", String.valueOf(Math.max(2, shares.intValue()))));
        }
        return flags;
    }

    /** The container's volume mounts as tmpfs (emptyDir) or bind mounts of the run's folders. */
    private List<String> volumes(PodRun pod, Container c) throws IOException {
        List<String> flags = new ArrayList<>();
        for (VolumeMount mount : c.getVolumeMounts()) {
            String target = mount.getMountPath();
            Volume volume = pod.spec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElse(null);
            if (volume != null && volume.getEmptyDir() != null) {
                flags.addAll(List.of("--tmpfs", target + ":rw,exec,mode=1777"));
                continue;
            }
            Path source = volume == null ? claimDir(pod.name(), mount.getName()) : materialize(pod, volume);
            if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                source = source.resolve(mount.getSubPath());
            }
            boolean readOnly = Boolean.TRUE.equals(mount.getReadOnly()) || volume != null;
            flags.addAll(List.of("-v", source.toAbsolutePath() + ":" + target + (readOnly ? ":ro" : "")));
        }
        return flags;
    }

    /** A ConfigMap's or Secret's keys as files, readable by the pod's user. */
    private Path materialize(PodRun pod, Volume volume) throws IOException {
        Path local = Files.createDirectories(dir.resolve(pod.name()).resolve("volumes").resolve(volume.getName()));
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (volume.getConfigMap() != null) {
            ConfigMap cm = rendered.get(ConfigMap.class, volume.getConfigMap().getName());
            cm.getData().forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
            remap(files, volume.getConfigMap().getItems());
        } else if (volume.getSecret() != null) {
            Secret secret = rendered.get(Secret.class, volume.getSecret().getSecretName());
            secret.getData().forEach((k, v) -> files.put(k, Base64.getDecoder().decode(v)));
            remap(files, volume.getSecret().getItems());
        } else {
            throw new IllegalStateException(pod.name() + ": volume " + volume.getName() + " of a type not played here");
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path file = local.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, f.getValue());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        return local;
    }

    private static void remap(Map<String, byte[]> files, List<KeyToPath> items) {
        if (items == null || items.isEmpty()) {
            return;
        }
        Map<String, byte[]> picked = new LinkedHashMap<>();
        items.forEach(item -> picked.put(item.getPath(), files.get(item.getKey())));
        files.clear();
        files.putAll(picked);
    }

    /** Kubernetes' command replaces the image's entrypoint, args its CMD. */
    private static List<String> command(Container c) {
        List<String> tail = new ArrayList<>();
        List<String> command = c.getCommand();
        if (command != null && !command.isEmpty()) {
            tail.addAll(List.of("--entrypoint", command.get(0)));
        }
        tail.add(c.getImage());
        if (command != null && command.size() > 1) {
            tail.addAll(command.subList(1, command.size()));
        }
        if (c.getArgs() != null) {
            tail.addAll(c.getArgs());
        }
        return tail;
    }

    /** The port on 127.0.0.1 where a pod's container port is published. */
    int hostPort(PodRun pod, int containerPort) {
        return hostPorts.computeIfAbsent(pod.name() + ":" + containerPort, k -> {
            String mapping = Docker.run("port", pod.container(), containerPort + "/tcp").lines().findFirst().orElseThrow();
            return Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1));
        });
    }

    URI uri(PodRun pod, int containerPort, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + hostPort(pod, containerPort) + pathAndQuery);
    }

    ContainerState state(PodRun pod) {
        String[] s = Docker.run("inspect", "--format", "{{.State.Status}} {{.State.OOMKilled}} {{.State.ExitCode}}",
                pod.container()).split(" ");
        return new ContainerState(s[0], Boolean.parseBoolean(s[1]), Integer.parseInt(s[2]));
    }

    /** When Docker started the pod's container. */
    Instant startedAt(PodRun pod) {
        return Instant.parse(Docker.run("inspect", "--format", "{{.State.StartedAt}}", pod.container()));
    }

    /** Polls a container's probe on its published port until it passes; fails when the container ends or time runs out. */
    Duration awaitProbe(PodRun pod, Container c, String kind, Probe probe, Duration timeout) throws InterruptedException {
        HTTPGetAction get = probe.getHttpGet();
        URI uri = uri(pod, ChartWiringTest.resolvePort(c, get.getPort()), get.getPath());
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 200 && response.statusCode() < 400) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            ContainerState state = state(pod);
            if (!"running".equals(state.status())) {
                throw new AssertionError(pod.name() + " ended (" + state + ") before its " + kind + " probe " + get.getPath()
                        + " passed; log:\n" + logTail(pod));
            }
            Thread.sleep(250);
        }
        throw new AssertionError(pod.name() + ": " + kind + " probe " + get.getPath() + " did not pass in "
                + timeout.toSeconds() + " s (last: " + last + "); log:\n" + logTail(pod));
    }

    /** Runs a helm test pod as a container on the network, as the kubelet would; its output, or a failure. */
    String runTestPod(Pod test) throws IOException {
        Container c = test.getSpec().getContainers().get(0);
        PodRun pod = new PodRun(test.getMetadata().getName(), null, null,
                new PodTemplateSpec(test.getMetadata(), test.getSpec()), run + "-" + test.getMetadata().getName());
        List<String> args = runArgs(pod, c, pod.container(), false);
        Helm.Result result = Docker.call(args.toArray(String[]::new));
        String output = result.stdout() + result.stderr();
        Files.writeString(dir.resolve(test.getMetadata().getName() + ".log"), output);
        if (!result.ok()) {
            throw new AssertionError("helm test pod " + test.getMetadata().getName() + " failed (exit " + result.exitCode()
                    + "):\n" + output);
        }
        return output;
    }

    /** SIGKILL, as when a node or the OOM killer ends a pod. */
    void kill(PodRun pod) {
        Docker.run("kill", pod.container());
    }

    /**
     * A graceful stop as the kubelet makes it: the preStop sleep, then SIGTERM and the rest of
     * the grace period before SIGKILL. Returns the container's state after it stopped.
     */
    ContainerState stopGracefully(PodRun pod) throws InterruptedException {
        long grace = pod.spec().getTerminationGracePeriodSeconds() == null ? 30 : pod.spec().getTerminationGracePeriodSeconds();
        Container c = pod.spec().getContainers().get(0);
        long preStop = 0;
        if (c.getLifecycle() != null && c.getLifecycle().getPreStop() != null
                && c.getLifecycle().getPreStop().getSleep() != null) {
            preStop = c.getLifecycle().getPreStop().getSleep().getSeconds();
            Thread.sleep(preStop * 1000);
        }
        Docker.run("stop", "-t", String.valueOf(Math.max(1, grace - preStop)), pod.container());
        return state(pod);
    }

    /** The container's highest memory use so far (the cgroup's peak), in bytes. */
    long peakMemoryBytes(PodRun pod) {
        Helm.Result v1 = Docker.call("exec", pod.container(), "cat", "/sys/fs/cgroup/memory/memory.max_usage_in_bytes");
        Helm.Result peak = v1.ok() ? v1 : Docker.call("exec", pod.container(), "cat", "/sys/fs/cgroup/memory.peak");
        if (!peak.ok()) {
            throw new AssertionError(pod.name() + ": no cgroup memory peak: " + peak.stderr());
        }
        return Long.parseLong(peak.stdout().strip());
    }

    String logTail(PodRun pod) {
        Helm.Result logs = Docker.call("logs", "--tail", "60", pod.container());
        return logs.stdout() + logs.stderr();
    }

    /** Keeps every container's log in the run's folder, then removes the containers and the network. */
    @Override
    public void close() {
        for (PodRun pod : pods) {
            try {
                Helm.Result logs = Docker.call("logs", pod.container());
                Files.writeString(dir.resolve(pod.name() + ".log"), logs.stdout() + logs.stderr());
            } catch (IOException | RuntimeException e) {
                // the container may never have started; the test's own failure says why
            }
        }
        removeLeftovers();
    }
}
