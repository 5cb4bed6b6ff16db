package io.starloom.postprocess.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.postprocess.media.FfmpegTool.Executable;

class FfmpegToolTest {

    @Test
    void aMissingLibpulseFromTheJvmLoaderSaysWhichDebianPackageToInstall() {
        String jvmError = "no jniavdevice in java.library.path: /usr/java/packages/lib\n"
                + "/root/.javacpp/cache/ffmpeg-7.1.1-1.5.12-linux-x86_64-gpl.jar/org/bytedeco/ffmpeg/linux-x86_64-gpl/libavdevice.so.61: "
                + "libpulse.so.0: cannot open shared object file: No such file or directory";
        assertEquals(Optional.of("libpulse.so.0"), FfmpegTool.missingLibrary(jvmError));
        assertTrue(FfmpegTool.explain(jvmError).contains("install Debian package libpulse0"), FfmpegTool.explain(jvmError));
    }

    @Test
    void aMissingLibraryFromTheProcessLoaderIsNamed() {
        String loaderError = "/x/ffmpeg: error while loading shared libraries: libva.so.2: cannot open shared object file: "
                + "No such file or directory";
        assertEquals(Optional.of("libva.so.2"), FfmpegTool.missingLibrary(loaderError));
        assertEquals("shared library libva.so.2 is missing", FfmpegTool.explain(loaderError));
    }

    @Test
    void otherErrorsPassThrough() {
        assertEquals(Optional.empty(), FfmpegTool.missingLibrary("Segmentation fault"));
        assertEquals("Segmentation fault", FfmpegTool.explain("Segmentation fault"));
    }

    @Test
    void runsTheBundledExecutablesAndKeepsOnlyTheTailOfTheirComplaints() {
        FfmpegTool tool = new FfmpegTool();
        ToolResult version = tool.run(Executable.FFPROBE, List.of("-hide_banner", "-version"), Duration.ofSeconds(30));
        assertTrue(version.succeeded());
        assertTrue(version.stdout().startsWith("ffprobe version 7.1"), version.stdout());

        ToolResult failure = tool.run(Executable.FFMPEG, List.of("-hide_banner", "-i", "file:/nonexistent/clip.mp4"), Duration.ofSeconds(30));
        assertFalse(failure.succeeded());
        assertTrue(failure.stderrTail().contains("No such file or directory"), failure.stderrTail());
        MediaToolException e = assertThrows(MediaToolException.class,
                () -> failure.requireSuccess("reading a clip"));
        assertTrue(e.getMessage().startsWith("reading a clip failed (exit "), e.getMessage());
    }

    @Test
    void anExecutableThatCannotStartIsUnavailableAndRepairedOnTheNextRun(@TempDir Path dir) throws Exception {
        new FfmpegTool().verify(); // the bundle itself runs: the stand-ins below hand over to it
        Path bundle = Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class)).getParent();
        // The bundle ships libva.so; the FFmpeg libraries ask for its soname, which the tool links. Whether this machine
        // has a libva.so.2 of its own (Debian's ffmpeg brings one) must not matter, so the executables the tool runs are
        // stand-ins in a directory of the test's own, with the bundle's libva.so: each fails as the dynamic loader does
        // while libva.so.2 is missing next to it, and runs the bundle's executable once it is there.
        assertTrue(Files.isRegularFile(bundle.resolve("libva.so")), "the bundle ships libva.so");
        Files.createSymbolicLink(dir.resolve("libva.so"), bundle.resolve("libva.so"));
        FfmpegTool tool = new FfmpegTool(standIn(dir, Loader.load(org.bytedeco.ffmpeg.ffmpeg.class), bundle),
                standIn(dir, Loader.load(org.bytedeco.ffmpeg.ffprobe.class), bundle));
        tool.verify();
        Path link = dir.resolve("libva.so.2");
        assertTrue(Files.isSymbolicLink(link), "soname link made by verify()");
        Files.delete(link);

        MediaToolUnavailableException e = assertThrows(MediaToolUnavailableException.class,
                () -> tool.run(Executable.FFPROBE, List.of("-version"), Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("libva.so.2"), e.getMessage());
        ToolResult repaired = tool.run(Executable.FFPROBE, List.of("-version"), Duration.ofSeconds(30));
        assertTrue(repaired.succeeded());
        assertTrue(repaired.stdout().startsWith("ffprobe version 7.1"), "the bundle's ffprobe ran: " + repaired.stdout());
        assertTrue(Files.isSymbolicLink(link));
    }

    /** A shell script in {@code dir} that starts only while {@code dir} holds libva.so.2, then runs {@code real}. */
    private static Path standIn(Path dir, String real, Path bundle) throws Exception {
        Path script = dir.resolve(Path.of(real).getFileName());
        Files.writeString(script, """
                #!/bin/sh
                if [ ! -e "$(dirname "$0")/libva.so.2" ]; then
                  echo "$0: error while loading shared libraries: libva.so.2: cannot open shared object file: No such file or directory" >&2
                  exit 127
                fi
                LD_LIBRARY_PATH="$LD_LIBRARY_PATH:%s" exec '%s' "$@"
                """.formatted(bundle, real));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void aRunThatTakesTooLongIsKilled() {
        FfmpegTool tool = new FfmpegTool();
        long started = System.nanoTime();
        MediaToolException e = assertThrows(MediaToolException.class,
                () -> tool.run(Executable.FFMPEG, List.of("-hide_banner", "-re", "-f", "lavfi", "-i", "testsrc2=rate=1",
                        "-f", "null", "-"), Duration.ofMillis(700)));
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
        assertTrue(System.nanoTime() - started < 10_000_000_000L, "killed, not waited for");
    }
}
