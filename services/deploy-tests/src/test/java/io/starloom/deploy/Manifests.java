package io.starloom.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Renders deploy/kubernetes with {@code kubectl kustomize} and parses the result into fabric8's typed objects. */
final class Manifests {
    static final List<String> OVERLAYS = List.of("local", "gpu", "hosted");

    private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /** deploy/ of this checkout (set by the build; the module's ../../deploy otherwise). */
    static Path deployDirectory() {
        return Path.of(System.getProperty("starloom.deploy.dir", "../../deploy")).toAbsolutePath().normalize();
    }

    static Path kubernetesDirectory() {
        return deployDirectory().resolve("kubernetes");
    }

    /** kubectl from {@code -Dstarloom.kubectl=PATH} or the PATH; its built-in Kustomize renders the overlays. */
    static Optional<Path> kubectl() {
        String configured = System.getProperty("starloom.kubectl");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The objects {@code kubectl kustomize} makes of an overlay, rendered once per test run. */
    static List<HasMetadata> rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Manifests::render);
    }

    private static List<HasMetadata> render(String overlay) {
        Path kubectl = kubectl().orElseThrow(() -> new IllegalStateException("kubectl is not on the PATH"));
        Path dir = kubernetesDirectory().resolve("overlays").resolve(overlay);
        try {
            Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
            Path err = Files.createTempFile("kustomize-" + overlay, ".err");
            try {
                Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 120 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + Files.readString(err));
                }
                return parse(Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every object of a multi-document YAML stream, typed where fabric8 knows the kind. */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.strip().isEmpty() || document.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
                continue;
            }
            Object parsed = Serialization.unmarshal(document);
            if (parsed instanceof HasMetadata object) {
                objects.add(object);
            } else if (parsed instanceof List<?> list) {
                list.forEach(each -> objects.add((HasMetadata) each));
            } else {
                throw new IllegalArgumentException("not a Kubernetes object: " + document);
            }
        }
        return objects;
    }

    /** The manifest files under deploy/kubernetes that are whole objects (not kustomizations or JSON patches). */
    static List<Path> rawObjectFiles() {
        try (Stream<Path> files = Files.walk(kubernetesDirectory())) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                    .filter(f -> read(f).lines().anyMatch(l -> l.startsWith("kind:")))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
    }

    /** A workload's pod template with the workload's kind and name, for messages. */
    record Workload(String kind, String name, PodTemplateSpec template) {
        @Override
        public String toString() {
            return kind + "/" + name;
        }

        String component() {
            Map<String, String> labels = template.getMetadata().getLabels();
            return labels == null ? "" : labels.getOrDefault("app.kubernetes.io/component", "");
        }
    }

    static List<Workload> workloads(List<HasMetadata> objects) {
        List<Workload> workloads = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof Deployment d) {
                workloads.add(new Workload("Deployment", d.getMetadata().getName(), d.getSpec().getTemplate()));
            } else if (object instanceof StatefulSet s) {
                workloads.add(new Workload("StatefulSet", s.getMetadata().getName(), s.getSpec().getTemplate()));
            } else if (object instanceof Job j) {
                workloads.add(new Workload("Job", j.getMetadata().getName(), j.getSpec().getTemplate()));
            }
        }
        return workloads;
    }
}
