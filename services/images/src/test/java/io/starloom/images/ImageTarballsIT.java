package io.starloom.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The image tarballs this module's build wrote, opened as a container runtime would: the manifest and the
 * image config (entrypoint, user, tags), and the files of the layers. The postprocess image must carry FFmpeg,
 * a CJK font and espeak-ng itself; the others must not carry the media layer.
 */
class ImageTarballsIT {
    static final List<String> SERVICES = BuildImages.SERVICES;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each tarball's file list, read once: the layers are large. */
    private static final Map<Path, Set<String>> FILES = new ConcurrentHashMap<>();

    @ParameterizedTest
    @FieldSource("SERVICES")
    void runsTheServiceAsANonRootUserWithATaggedName(String service) throws IOException {
        Image image = Image.read(tarball(service));
        String tag = Files.readString(out().resolve("tag")).strip();
        assertThat(tag).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?(-[0-9a-f]{12})?");
        assertThat(image.repoTags()).contains("starloom/" + service + ":" + tag).noneMatch(t -> t.endsWith(":latest"));
        JsonNode config = image.config().path("config");
        assertThat(config.path("User").asText()).isEqualTo("185:185");
        assertThat(JSON.convertValue(config.path("Entrypoint"), List.class))
                .startsWith("/opt/java/bin/java").endsWith("-jar", "/deployments/quarkus-run.jar");
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/deployments");
        Set<String> files = image.files();
        assertThat(files).contains("opt/java/bin/java", "opt/java/lib/server/libjvm.so", "lib/x86_64-linux-gnu/libc.so.6",
                "deployments/quarkus-run.jar", "etc/passwd");
        assertThat(new String(image.file("etc/passwd"))).contains(":185:185:");
    }

    @Test
    void theManifestsPinTheTagsTheImagesCarry() throws IOException {
        JsonNode images = new ObjectMapper(new YAMLFactory()).readTree(deploy().resolve("kubernetes/components/images/kustomization.yaml").toFile())
                .path("images");
        List<String> pinned = new ArrayList<>();
        images.forEach(i -> pinned.add(i.path("name").asText() + ":" + i.path("newTag").asText()));
        List<String> built = new ArrayList<>();
        for (String service : SERVICES) {
            built.addAll(Image.read(tarball(service)).repoTags());
        }
        assertThat(pinned).hasSize(SERVICES.size()).allSatisfy(p -> assertThat(built).contains(p));
    }

    @Test
    void postprocessCarriesFfmpegACjkFontAndEspeak() throws IOException {
        Image image = Image.read(tarball("postprocess"));
        Set<String> files = image.files();
        assertThat(files).contains("usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "usr/bin/espeak-ng",
                "usr/lib/x86_64-linux-gnu/espeak-ng-data/phontab", "usr/lib/x86_64-linux-gnu/libpulse.so.0",
                "usr/lib/x86_64-linux-gnu/libfontconfig.so.1");
        assertThat(files).anyMatch(f -> f.startsWith("usr/lib/x86_64-linux-gnu/espeak-ng-data/") && f.contains("cmn"));
        // FFmpeg's own executables come inside org.bytedeco:ffmpeg's platform jar, which the image holds.
        String ffmpegJar = files.stream().filter(f -> f.matches("deployments/lib/main/org\\.bytedeco\\.ffmpeg-.*linux-x86_64.*\\.jar")).findFirst()
                .orElseThrow(() -> new AssertionError("no org.bytedeco:ffmpeg linux-x86_64 jar in the image"));
        assertThat(jarEntries(image.file(ffmpegJar))).contains("org/bytedeco/ffmpeg/linux-x86_64/ffmpeg", "org/bytedeco/ffmpeg/linux-x86_64/ffprobe");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void onlyPostprocessCarriesTheMediaTools(String service) throws IOException {
        if (!service.equals("postprocess")) {
            assertThat(Image.read(tarball(service)).files()).doesNotContain("usr/bin/espeak-ng", "usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
        }
    }

    private static Set<String> jarEntries(byte[] jar) throws IOException {
        Set<String> names = new HashSet<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    static Path out() {
        return Path.of(System.getProperty("starloom.images.out", "target/images"));
    }

    static Path deploy() {
        return Path.of(System.getProperty("starloom.deploy.dir", "../../deploy"));
    }

    static Path tarball(String service) {
        Path tar = out().resolve(service + ".tar");
        assertThat(tar).as("the build writes %s", tar).isRegularFile();
        return tar;
    }

    /** A {@code docker load} tarball: manifest.json, the config it names, and gzipped layer tarballs. */
    record Image(Path tarball, List<String> repoTags, JsonNode config, List<String> layers) {
        static Image read(Path tarball) throws IOException {
            JsonNode manifest = JSON.readTree(entry(tarball, "manifest.json")).get(0);
            List<String> tags = new ArrayList<>();
            manifest.path("RepoTags").forEach(t -> tags.add(t.asText()));
            List<String> layers = new ArrayList<>();
            manifest.path("Layers").forEach(l -> layers.add(l.asText()));
            return new Image(tarball, tags, JSON.readTree(entry(tarball, manifest.path("Config").asText())), layers);
        }

        /** Every regular file of every layer, as a path without the leading slash. */
        Set<String> files() throws IOException {
            Set<String> known = FILES.get(tarball);
            if (known != null) {
                return known;
            }
            Set<String> files = new HashSet<>();
            for (String layer : layers) {
                try (TarArchiveInputStream tar = layer(layer)) {
                    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                        if (e.isFile()) {
                            files.add(e.getName().replaceFirst("^\\.?/", ""));
                        }
                    }
                }
            }
            FILES.put(tarball, files);
            return files;
        }

        byte[] file(String path) throws IOException {
            for (String layer : layers) {
                try (TarArchiveInputStream tar = layer(layer)) {
                    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                        if (e.isFile() && e.getName().replaceFirst("^\\.?/", "").equals(path)) {
                            return tar.readAllBytes();
                        }
                    }
                }
            }
            throw new AssertionError(path + " is in no layer of " + tarball);
        }

        private TarArchiveInputStream layer(String name) throws IOException {
            byte[] bytes = entry(tarball, name);
            InputStream in = new ByteArrayInputStream(bytes);
            return new TarArchiveInputStream(bytes.length > 1 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b ? new GZIPInputStream(in) : in);
        }

        private static byte[] entry(Path tarball, String name) throws IOException {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    if (e.getName().equals(name)) {
                        return tar.readAllBytes();
                    }
                }
            }
            throw new AssertionError(name + " is not in " + tarball);
        }
    }
}
