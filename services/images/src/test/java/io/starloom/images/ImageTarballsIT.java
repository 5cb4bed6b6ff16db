package io.starloom.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;
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
    /** Each tarball's files, read once: the layers are large. */
    private static final Map<Path, Map<String, byte[]>> CONTENTS = new ConcurrentHashMap<>();
    /** The files whose bytes the tests read. */
    private static final Pattern KEPT = Pattern.compile("etc/passwd|deployments/lib/main/org\\.bytedeco\\.ffmpeg-.*linux-x86_64.*\\.jar");

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
        assertThat(jarEntries(image.file(ffmpegJar))).contains("org/bytedeco/ffmpeg/linux-x86_64-gpl/ffmpeg", "org/bytedeco/ffmpeg/linux-x86_64-gpl/ffprobe");
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
            return contents().keySet();
        }

        byte[] file(String path) throws IOException {
            byte[] bytes = contents().get(path);
            if (bytes == null || bytes.length == 0) {
                throw new AssertionError(path + " is in no layer of " + tarball + " or was not kept");
            }
            return bytes;
        }

        /**
         * One pass over the tarball and each layer in it: every file's path, with the bytes of the few files the
         * tests read (others map to an empty array).
         */
        private Map<String, byte[]> contents() throws IOException {
            Map<String, byte[]> known = CONTENTS.get(tarball);
            if (known != null) {
                return known;
            }
            Map<String, byte[]> files = new HashMap<>();
            try (TarArchiveInputStream outer = new TarArchiveInputStream(Files.newInputStream(tarball))) {
                for (TarArchiveEntry blob = outer.getNextEntry(); blob != null; blob = outer.getNextEntry()) {
                    if (!layers.contains(blob.getName())) {
                        continue;
                    }
                    TarArchiveInputStream layer = new TarArchiveInputStream(new GZIPInputStream(CloseShieldInputStream.wrap(outer)));
                    for (TarArchiveEntry e = layer.getNextEntry(); e != null; e = layer.getNextEntry()) {
                        if (e.isFile()) {
                            String path = e.getName().replaceFirst("^\\.?/", "");
                            files.put(path, KEPT.matcher(path).matches() ? layer.readAllBytes() : new byte[0]);
                        }
                    }
                }
            }
            CONTENTS.put(tarball, files);
            return files;
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
