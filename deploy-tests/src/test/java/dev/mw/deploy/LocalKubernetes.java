package dev.mw.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * Plays Kubernetes for a render on this machine, without containers: every pod of the
 * Deployments and StatefulSets gets its own loopback address (its pod IP) and runs its
 * containers as local processes from the packaged jars, with the rendered env (downward API,
 * Secret and ConfigMap references resolved, $(VAR) expanded), volumes materialised in a folder
 * and the image's files laid out as its Dockerfile copies them. Every Service and pod DNS name
 * resolves through a hosts file given to each JVM (jdk.net.hosts.file, with Vert.x told to use
 * the JDK resolver): a headless Service to its pods, a ClusterIP Service to an address of its own
 * where a TCP proxy forwards its ports to the pods' target ports.
 */
final class LocalKubernetes implements AutoCloseable {

    static final String POD_NET = "127.0.77.";
    static final String SERVICE_NET = "127.0.78.";
    private static final Pattern VAR_REF = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A pod of a workload, as it would be scheduled. */
    record LocalPod(String name, String ip, String subdomain, PodTemplateSpec template) {
        PodSpec spec() {
            return template.getSpec();
        }
    }

    private final Rendered rendered;
    private final Path dir;
    private final String namespace = Helm.NAMESPACE;
    private final List<LocalPod> pods = new ArrayList<>();
    private final Map<String, String> serviceIps = new LinkedHashMap<>();
    private final List<TcpProxy> proxies = new ArrayList<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Path> images = new LinkedHashMap<>();

    LocalKubernetes(Rendered rendered, Path dir) {
        this.rendered = rendered;
        this.dir = dir;
        int ip = 10;
        for (Deployment d : rendered.all(Deployment.class)) {
            for (int i = 0; i < d.getSpec().getReplicas(); i++) {
                pods.add(new LocalPod(d.getMetadata().getName() + "-local-" + i, POD_NET + ip++, null, d.getSpec().getTemplate()));
            }
        }
        for (StatefulSet s : rendered.all(StatefulSet.class)) {
            for (int i = 0; i < s.getSpec().getReplicas(); i++) {
                pods.add(new LocalPod(s.getMetadata().getName() + "-" + i, POD_NET + ip++, s.getSpec().getServiceName(),
                        s.getSpec().getTemplate()));
            }
        }
        int serviceIp = 10;
        for (Service s : rendered.services()) {
            if (!"None".equals(s.getSpec().getClusterIP())) {
                serviceIps.put(s.getMetadata().getName(), SERVICE_NET + serviceIp++);
            }
        }
    }

    List<LocalPod> pods() {
        return pods;
    }

    List<LocalPod> podsSelectedBy(Service service) {
        return pods.stream().filter(p -> Rendered.selects(service.getSpec().getSelector(), p.template().getMetadata().getLabels()))
                .toList();
    }

    /** The four names a Service answers to: name, name.ns, name.ns.svc, name.ns.svc.cluster.local. */
    private List<String> dnsNames(String name) {
        return List.of(name, name + "." + namespace, name + "." + namespace + ".svc",
                name + "." + namespace + ".svc.cluster.local");
    }

    /** Address -> names, as cluster DNS would answer them. */
    Map<String, List<String>> dnsRecords() {
        Map<String, List<String>> records = new LinkedHashMap<>();
        for (Service s : rendered.services()) {
            String name = s.getMetadata().getName();
            if (serviceIps.containsKey(name)) {
                records.computeIfAbsent(serviceIps.get(name), k -> new ArrayList<>()).addAll(dnsNames(name));
            } else {
                podsSelectedBy(s).forEach(p -> records.computeIfAbsent(p.ip(), k -> new ArrayList<>()).addAll(dnsNames(name)));
            }
        }
        for (LocalPod p : pods) {
            if (p.subdomain() != null) {
                records.computeIfAbsent(p.ip(), k -> new ArrayList<>()).addAll(dnsNames(p.name() + "." + p.subdomain()));
            }
        }
        return records;
    }

    private Path hostsFile(LocalPod pod) throws IOException {
        StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
        // the pod's own name (and this machine's host name, which InetAddress.getLocalHost() asks for)
        hosts.append(pod.ip()).append(' ').append(pod.name()).append(' ')
                .append(InetAddress.getLocalHost().getHostName()).append('\n');
        dnsRecords().forEach((ip, names) -> hosts.append(ip).append(' ').append(String.join(" ", names)).append('\n'));
        Path file = podDir(pod.name()).resolve("hosts");
        Files.writeString(file, hosts);
        return file;
    }

    private Path podDir(String podName) throws IOException {
        return Files.createDirectories(dir.resolve(podName));
    }

    /** Starts the ClusterIP Services' proxies and every pod's containers. */
    void start() throws IOException {
        for (Service s : rendered.services()) {
            String ip = serviceIps.get(s.getMetadata().getName());
            if (ip == null) {
                continue;
            }
            for (ServicePort port : s.getSpec().getPorts()) {
                List<InetSocketAddress> backends = podsSelectedBy(s).stream().map(p -> new InetSocketAddress(p.ip(),
                        ChartWiringTest.resolvePort(p.spec().getContainers().get(0), port.getTargetPort()))).toList();
                if (!backends.isEmpty()) {
                    proxies.add(new TcpProxy(ip, port.getPort(), backends));
                }
            }
        }
        for (LocalPod pod : pods) {
            for (Container c : pod.spec().getContainers()) {
                start(pod, c);
            }
        }
    }

    private void start(LocalPod pod, Container c) throws IOException {
        String module = moduleOf(c.getImage());
        Path podDir = podDir(pod.name());
        c.getPorts().forEach(p -> requireFree(pod.ip(), p.getContainerPort()));
        Map<String, String> mounts = materializeVolumes(pod, c, podDir);
        ImageLayout image = ImageLayout.of(module, podDir.resolve("image"));
        Map<String, String> env = resolveEnv(pod, c);
        env.replaceAll((k, v) -> image.translate(translateMounts(v, mounts)));
        Path hosts = hostsFile(pod);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=" + pod.ip(),
                "-Djdk.net.hosts.file=" + hosts,
                "-Dvertx.disableDnsResolver=true",
                "-Dquarkus.vertx.resolver.hosts-path=" + hosts,
                "-Djava.io.tmpdir=" + mounts.getOrDefault("/tmp", podDir.toString()),
                "-jar", image(module).toString()));
        if (c.getArgs() != null) {
            command.addAll(c.getArgs());
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(image.root().toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve(pod.name() + ".log").toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", podDir.toString());
        pb.environment().put("HOSTNAME", pod.name());
        pb.environment().putAll(env);
        Files.writeString(podDir.resolve("env"), env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n")
                .reduce("", String::concat));
        processes.put(pod.name() + "/" + c.getName(), pb.start());
    }

    /**
     * The packaged service, copied once per run (like an image layer): a rebuild of the module
     * while the pods run cannot pull the jars from under them.
     */
    private Path image(String module) throws IOException {
        if (!images.containsKey(module)) {
            Path app = RepoLayout.packagedJar(module).getParent();
            Path copy = dir.resolve("images").resolve(module).resolve("quarkus-app");
            ImageLayout.copyTree(app, copy);
            images.put(module, copy.resolve("quarkus-run.jar"));
        }
        return images.get(module);
    }

    private static void requireFree(String ip, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(ip, port));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot bind " + ip + ":" + port + " for a pod (" + e.getMessage()
                    + "): is a process listening on port " + port + " of every address?", e);
        }
    }

    /** mw/master:0.1.0 -> master: the module whose packaged jar the image runs. */
    static String moduleOf(String image) {
        String repository = image.replaceAll(":[^:/]+$", "");
        String module = repository.substring(repository.lastIndexOf('/') + 1);
        if (!List.of("master", "worker").contains(module)) {
            throw new IllegalStateException("No packaged service for image " + image);
        }
        return module;
    }

    /** Writes configMap, secret and emptyDir volumes into the pod's folder: mount path -> local folder. */
    private Map<String, String> materializeVolumes(LocalPod pod, Container c, Path podDir) throws IOException {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
            Volume volume = pod.spec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(pod.name() + ": no volume " + mount.getName()));
            Path local = Files.createDirectories(podDir.resolve("volumes").resolve(volume.getName()));
            if (volume.getConfigMap() != null) {
                ConfigMap cm = rendered.get(ConfigMap.class, volume.getConfigMap().getName());
                for (Map.Entry<String, String> e : cm.getData().entrySet()) {
                    Files.writeString(local.resolve(e.getKey()), e.getValue());
                }
            } else if (volume.getSecret() != null) {
                Secret secret = rendered.get(Secret.class, volume.getSecret().getSecretName());
                for (Map.Entry<String, String> e : secret.getData().entrySet()) {
                    Files.write(local.resolve(e.getKey()), Base64.getDecoder().decode(e.getValue()));
                }
            } else if (volume.getEmptyDir() == null) {
                throw new IllegalStateException(pod.name() + ": volume " + volume.getName() + " of a type not played here");
            }
            mounts.put(mount.getMountPath(), local.toString());
        }
        return mounts;
    }

    private static String translateMounts(String value, Map<String, String> mounts) {
        for (Map.Entry<String, String> m : mounts.entrySet()) {
            if (value.equals(m.getKey()) || value.startsWith(m.getKey() + "/")) {
                return m.getValue() + value.substring(m.getKey().length());
            }
        }
        return value;
    }

    /** The container's env as the kubelet would set it. */
    Map<String, String> resolveEnv(LocalPod pod, Container c) {
        if (c.getEnvFrom() != null && !c.getEnvFrom().isEmpty()) {
            throw new IllegalStateException(c.getName() + ": envFrom is not played here");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            env.put(var.getName(), var.getValueFrom() != null ? valueFrom(pod, var) : expand(var.getValue(), env));
        }
        return env;
    }

    private static String expand(String value, Map<String, String> defined) {
        if (value == null) {
            return "";
        }
        Matcher m = VAR_REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = defined.getOrDefault(m.group(1), m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    private String valueFrom(LocalPod pod, EnvVar var) {
        EnvVarSource from = var.getValueFrom();
        if (from.getFieldRef() != null) {
            return switch (from.getFieldRef().getFieldPath()) {
                case "metadata.name" -> pod.name();
                case "metadata.namespace" -> namespace;
                case "status.podIP" -> pod.ip();
                case "status.hostIP" -> "127.0.0.1";
                case "spec.nodeName" -> "local-node";
                case "spec.serviceAccountName" -> pod.spec().getServiceAccountName();
                default -> throw new IllegalStateException(var.getName() + ": fieldRef "
                        + from.getFieldRef().getFieldPath() + " is not played here");
            };
        }
        if (from.getSecretKeyRef() != null) {
            Secret secret = rendered.get(Secret.class, from.getSecretKeyRef().getName());
            String data = secret.getData() == null ? null : secret.getData().get(from.getSecretKeyRef().getKey());
            if (data == null) {
                throw new AssertionError(var.getName() + ": Secret " + secret.getMetadata().getName() + " has no key "
                        + from.getSecretKeyRef().getKey());
            }
            return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
        }
        if (from.getConfigMapKeyRef() != null) {
            ConfigMap cm = rendered.get(ConfigMap.class, from.getConfigMapKeyRef().getName());
            String value = cm.getData().get(from.getConfigMapKeyRef().getKey());
            if (value == null) {
                throw new AssertionError(var.getName() + ": ConfigMap has no key " + from.getConfigMapKeyRef().getKey());
            }
            return value;
        }
        throw new IllegalStateException(var.getName() + ": valueFrom not played here");
    }

    /** Polls a container's probe until it passes; fails when its process ends or time runs out. */
    void awaitProbe(LocalPod pod, Container c, String kind, Probe probe, Duration timeout) throws InterruptedException {
        HTTPGetAction get = probe.getHttpGet();
        int port = ChartWiringTest.resolvePort(c, get.getPort());
        URI uri = URI.create("http://" + pod.ip() + ":" + port + get.getPath());
        Process process = processes.get(pod.name() + "/" + c.getName());
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(pod.name() + " exited with " + process.exitValue() + " before its " + kind
                        + " probe " + uri + " passed; log:\n" + logTail(pod.name()));
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 200 && response.statusCode() < 400) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(pod.name() + ": " + kind + " probe " + uri + " did not pass in " + timeout.toSeconds()
                + " s (last: " + last + "); log:\n" + logTail(pod.name()));
    }

    /** Runs a helm test pod's container command locally (curl resolves cluster names like cluster DNS). */
    String runTestPod(Pod pod) throws IOException, InterruptedException {
        Container c = pod.getSpec().getContainers().get(0);
        List<String> command = new ArrayList<>();
        if (c.getCommand() != null) {
            command.addAll(c.getCommand());
        }
        if (c.getArgs() != null) {
            command.addAll(c.getArgs());
        }
        Path podDir = podDir(pod.getMetadata().getName());
        StringBuilder curlrc = new StringBuilder();
        for (Service s : rendered.services()) {
            String name = s.getMetadata().getName();
            List<String> ips = serviceIps.containsKey(name) ? List.of(serviceIps.get(name))
                    : podsSelectedBy(s).stream().map(LocalPod::ip).toList();
            for (ServicePort port : s.getSpec().getPorts()) {
                for (String dnsName : dnsNames(name)) {
                    curlrc.append("resolve = \"").append(dnsName).append(':').append(port.getPort()).append(':')
                            .append(String.join(",", ips)).append("\"\n");
                }
            }
        }
        Files.writeString(podDir.resolve(".curlrc"), curlrc);
        Path log = dir.resolve(pod.getMetadata().getName() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(podDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", podDir.toString());
        pb.environment().put("CURL_HOME", podDir.toString());
        Process process = pb.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(pod.getMetadata().getName() + " did not finish in 90 s:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new AssertionError("helm test pod " + pod.getMetadata().getName() + " failed (exit " + process.exitValue()
                    + "):\n" + output);
        }
        return output;
    }

    String logTail(String podName) {
        try (Stream<String> lines = Files.lines(dir.resolve(podName + ".log"))) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM to every process (workers deregister), then SIGKILL after 20 s; proxies closed. */
    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        for (TcpProxy proxy : proxies) {
            try {
                proxy.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
