package io.starloom.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Port;

/**
 * Builds one image per service with Jib Core, from scratch (no base image is pulled, no Docker is needed), and
 * writes each to {@code OUT/<service>.tar} (the {@code docker load} format). Layers, from the least to the most
 * often changed: the JVM and its libraries, postprocess' media tools, the service's dependencies, Quarkus'
 * generated code, the service itself. File times and the creation time are Jib's fixed epoch, so the same
 * inputs give the same image digest. Tags: {@code <version>-<commit>} (reproducible) and {@code <version>},
 * the tag deploy/kubernetes/components/images pins; never {@code latest}.
 *
 * <p>Arguments: repository root, staged root file systems (deploy/images/stage-rootfs), output directory,
 * project version.
 */
public final class BuildImages {
    /** The services that run in the cluster, each from services/NAME/target/quarkus-app; postprocess also gets the media layer. */
    static final List<String> SERVICES = List.of("scheduler", "enrichment", "moderation", "postprocess", "inference-worker", "studio");
    static final String USER = "185:185";
    private static final AbsoluteUnixPath DEPLOYMENTS = AbsoluteUnixPath.get("/deployments");

    private BuildImages() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path rootfs = Path.of(args[1]);
        Path out = Path.of(args[2]);
        String version = args[3];
        String tag = version + commit(root).map(c -> "-" + c).orElse("");
        Files.createDirectories(out);
        for (String service : SERVICES) {
            long started = System.nanoTime();
            Path image = out.resolve(service + ".tar");
            build(service, root.resolve("services").resolve(service), rootfs, tag).containerize(Containerizer
                    .to(TarImage.at(image).named(ImageReference.parse("starloom/" + service + ":" + tag)))
                    .withAdditionalTag(version)
                    .setApplicationLayersCache(out.resolve(".cache/application"))
                    .setBaseImageLayersCache(out.resolve(".cache/base"))
                    .setToolName("starloom-images"));
            System.out.printf("image starloom/%s:%s -> %s (%d MiB, %d s)%n", service, tag, image, Files.size(image) >> 20,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        }
        Files.writeString(out.resolve("tag"), tag + "\n");
    }

    private static JibContainerBuilder build(String service, Path module, Path rootfs, String tag) throws IOException {
        Path app = module.resolve("target/quarkus-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app + " has no quarkus-run.jar: package " + module + " first");
        }
        JibContainerBuilder image = Jib.fromScratch()
                .addFileEntriesLayer(tree("jvm", rootfs.resolve("jvm"), AbsoluteUnixPath.get("/")));
        if (service.equals("postprocess")) {
            image.addFileEntriesLayer(tree("media", rootfs.resolve("media"), AbsoluteUnixPath.get("/")));
        }
        return image
                .addFileEntriesLayer(tree("dependencies", app.resolve("lib"), DEPLOYMENTS.resolve("lib")))
                .addFileEntriesLayer(tree("quarkus", app.resolve("quarkus"), DEPLOYMENTS.resolve("quarkus")))
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("application")
                        .addEntryRecursive(app.resolve("app"), DEPLOYMENTS.resolve("app"), BuildImages::permissions, FileEntriesLayer.DEFAULT_MODIFICATION_TIME_PROVIDER)
                        .addEntry(app.resolve("quarkus-run.jar"), DEPLOYMENTS.resolve("quarkus-run.jar"))
                        .build())
                .setUser(USER)
                .setWorkingDirectory(DEPLOYMENTS)
                // HOME is /tmp (an emptyDir in the pods, the root file system is read-only): the FFmpeg executables
                // inside org.bytedeco:ffmpeg unpack under it, and fontconfig keeps its cache there.
                .setEnvironment(Map.of("JAVA_HOME", "/opt/java", "HOME", "/tmp", "LANG", "C.UTF-8"))
                .setEntrypoint(List.of("/opt/java/bin/java", "-XX:MaxRAMPercentage=75", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                        "-jar", "/deployments/quarkus-run.jar"))
                .setExposedPorts(Set.of(Port.tcp(httpPort(module))))
                .setCreationTime(Instant.EPOCH)
                .setLabels(Map.of("org.opencontainers.image.title", "starloom-" + service,
                        "org.opencontainers.image.version", tag));
    }

    /** Every file under {@code source}, at the same relative path under {@code target}, with its own permissions. */
    private static FileEntriesLayer tree(String name, Path source, AbsoluteUnixPath target) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new IllegalStateException(source + " is missing: run deploy/images/stage-rootfs first");
        }
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        // Child by child: the image's "/" itself is no entry of a layer.
        try (Stream<Path> children = Files.list(source)) {
            for (Path child : children.sorted().toList()) {
                layer.addEntryRecursive(child, target.resolve(child.getFileName().toString()), BuildImages::permissions,
                        FileEntriesLayer.DEFAULT_MODIFICATION_TIME_PROVIDER);
            }
        }
        return layer.build();
    }

    private static FilePermissions permissions(Path source, AbsoluteUnixPath ignored) {
        try {
            return FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port the service's HTTP server (and gRPC on it) listens on: quarkus.http.port in its application.properties. */
    private static int httpPort(Path module) throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(module.resolve("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return Integer.parseInt(properties.getProperty("quarkus.http.port", "8080").strip());
    }

    /** The checkout's commit (12 hex digits), for the reproducible tag; none outside a git checkout. */
    private static Optional<String> commit(Path root) throws IOException, InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 && output.matches("[0-9a-f]{12}") ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
