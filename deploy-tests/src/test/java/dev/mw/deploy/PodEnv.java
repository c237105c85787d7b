package dev.mw.deploy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * A container's environment as the kubelet sets it: downward API fields of the pod, Secret and
 * ConfigMap keys of the render, and {@code $(VAR)} references to variables defined above.
 * Anything it does not know (envFrom, another fieldRef) fails instead of being guessed.
 */
final class PodEnv {

    private static final Pattern VAR_REF = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    /** What the downward API tells a pod about itself. */
    record PodFacts(String name, String namespace, String ip, String serviceAccount) {
    }

    private PodEnv() {
    }

    static Map<String, String> resolve(Rendered rendered, PodFacts pod, Container c) {
        if (c.getEnvFrom() != null && !c.getEnvFrom().isEmpty()) {
            throw new IllegalStateException(c.getName() + ": envFrom is not played here");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            env.put(var.getName(), var.getValueFrom() != null ? valueFrom(rendered, pod, var) : expand(var.getValue(), env));
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
            m.appendReplacement(out, Matcher.quoteReplacement(defined.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    private static String valueFrom(Rendered rendered, PodFacts pod, EnvVar var) {
        EnvVarSource from = var.getValueFrom();
        if (from.getFieldRef() != null) {
            return switch (from.getFieldRef().getFieldPath()) {
                case "metadata.name" -> pod.name();
                case "metadata.namespace" -> pod.namespace();
                case "status.podIP" -> pod.ip();
                case "spec.serviceAccountName" -> pod.serviceAccount();
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
}
