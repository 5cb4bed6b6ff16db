package io.starloom.postprocess.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

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
    void anExecutableThatCannotStartIsUnavailableAndRepairedOnTheNextRun() throws Exception {
        FfmpegTool tool = new FfmpegTool();
        tool.verify();
        Path bundle = Path.of(org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffprobe.class)).getParent();
        // The bundle ships libva.so; the FFmpeg libraries ask for its soname, which the tool links.
        Path link = bundle.resolve("libva.so.2");
        assertTrue(Files.isSymbolicLink(link), "soname link made by verify()");
        Files.delete(link);

        MediaToolUnavailableException e = assertThrows(MediaToolUnavailableException.class,
                () -> tool.run(Executable.FFPROBE, List.of("-version"), Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("libva.so.2"), e.getMessage());
        assertTrue(tool.run(Executable.FFPROBE, List.of("-version"), Duration.ofSeconds(30)).succeeded());
        assertTrue(Files.isSymbolicLink(link));
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
