package dev.mw.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/** The objects of one render, strictly parsed, with typed look-ups. */
record Rendered(String source, List<HasMetadata> objects) {

    static final String COMPONENT = "app.kubernetes.io/component";
    static final String GROUP = "master-worker/group";

    static Rendered parse(String yaml, String source) {
        return new Rendered(source, List.copyOf(StrictKubernetesParser.parse(yaml, source)));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                source + ": no " + type.getSimpleName() + " named " + name + "; there are "
                        + all(type).stream().map(o -> o.getMetadata().getName()).toList()));
    }

    Deployment master() {
        List<Deployment> masters = all(Deployment.class).stream()
                .filter(d -> "master".equals(labels(d).get(COMPONENT))).toList();
        if (masters.size() != 1) {
            throw new AssertionError(source + ": want one master Deployment, found " + masters.size());
        }
        return masters.get(0);
    }

    List<StatefulSet> workers() {
        return all(StatefulSet.class).stream().filter(s -> "worker".equals(labels(s).get(COMPONENT))).toList();
    }

    StatefulSet worker(String group) {
        return workers().stream().filter(s -> group.equals(labels(s).get(GROUP))).findFirst()
                .orElseThrow(() -> new AssertionError(source + ": no worker StatefulSet for group " + group));
    }

    /** The helm test pods ({@code helm.sh/hook: test}). */
    List<Pod> testPods() {
        return all(Pod.class).stream().filter(p -> p.getMetadata().getAnnotations() != null
                && "test".equals(p.getMetadata().getAnnotations().get("helm.sh/hook"))).toList();
    }

    List<Service> services() {
        return all(Service.class);
    }

    List<Secret> secrets() {
        return all(Secret.class);
    }

    List<ConfigMap> configMaps() {
        return all(ConfigMap.class);
    }

    List<PodDisruptionBudget> pdbs() {
        return all(PodDisruptionBudget.class);
    }

    List<NetworkPolicy> networkPolicies() {
        return all(NetworkPolicy.class);
    }

    List<ServiceMonitor> serviceMonitors() {
        return all(ServiceMonitor.class);
    }

    /** Services whose selector picks the pods of this template. */
    List<Service> servicesSelecting(PodTemplateSpec template) {
        Map<String, String> podLabels = template.getMetadata().getLabels();
        return services().stream().filter(s -> selects(s.getSpec().getSelector(), podLabels)).toList();
    }

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static Map<String, String> labels(HasMetadata object) {
        return object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
    }

    static Container container(PodTemplateSpec template, String name) {
        return template.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name + " in the pod template"));
    }

    static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv() == null ? Optional.empty()
                : container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    static String envValue(Container container, String name) {
        return env(container, name).map(EnvVar::getValue)
                .orElseThrow(() -> new AssertionError("container " + container.getName() + " has no env " + name));
    }

    static <T> List<T> filter(List<T> items, Predicate<T> predicate) {
        return items.stream().filter(predicate).toList();
    }
}
