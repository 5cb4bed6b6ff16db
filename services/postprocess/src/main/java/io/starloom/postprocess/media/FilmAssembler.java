package io.starloom.postprocess.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.google.protobuf.util.Durations;

import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaNotFoundException;
import io.starloom.mesh.support.media.MediaReferenceException;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.support.media.WorkDirectory;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.mesh.v1.ClipRef;
import io.starloom.postprocess.media.FfmpegTool.Executable;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.MediaStream;
import io.starloom.proto.v1.ProbeMediaResponse;
import io.starloom.proto.v1.VideoFormat;

/**
 * Edits a story's clips into its film: {@code film.mp4} with a soft subtitle track, plus {@code film.vtt}
 * and {@code film.srt}, under the story's film keys of the media store. Clip lengths come from ffprobe,
 * never from the command. Everything is made in a work directory and then put into the store, the film
 * last, so a reader never sees half a film, and the same command run again replaces the same files.
 * Blocking and CPU-heavy.
 *
 * <p>The film has no audio yet: narration (TTS) and music arrive with the finished-film work, as
 * further inputs and an audio chain of the same ffmpeg run.
 */
@Singleton
public class FilmAssembler {
    static final String FILM_FILE = "film.mp4";
    static final String VTT_FILE = "film.vtt";
    static final String SRT_FILE = "film.srt";
    private static final int MAX_DIMENSION = 4096;
    private static final int MAX_FPS = 120;
    private static final Logger LOG = Logger.getLogger(FilmAssembler.class);

    private final FfmpegTool tool;
    private final MediaProbe probe;
    private final MediaStore store;
    private final MediaSettings settings;

    public FilmAssembler(FfmpegTool tool, MediaProbe probe, MediaStore store, MediaSettings settings) {
        this.tool = tool;
        this.probe = probe;
        this.store = store;
        this.settings = settings;
    }

    /**
     * @throws UnassemblableFilmException when the command can never succeed (no clips, a missing or
     *         unreadable clip, a URI outside the media store, an impossible output format)
     * @throws MediaToolException or {@link UncheckedIOException} when it may succeed on another try
     */
    public Film assemble(AssembleFilmCommand command) {
        long started = System.nanoTime();
        if (command.getClipsCount() == 0) {
            throw new UnassemblableFilmException(UnassemblableFilmException.NO_CLIPS, "the command lists no clips");
        }
        MediaKey filmKey = filmKey(command.getStoryId(), FILM_FILE);
        MediaKey vttKey = filmKey(command.getStoryId(), VTT_FILE);
        MediaKey srtKey = filmKey(command.getStoryId(), SRT_FILE);
        List<Path> clips = new ArrayList<>();
        List<Double> clipSeconds = new ArrayList<>();
        MediaStream firstVideo = null;
        for (int position = 0; position < command.getClipsCount(); position++) {
            ClipRef clip = command.getClips(position);
            Path path = clipPath(position, clip);
            ProbeMediaResponse media = probeClip(position, clip, path);
            clips.add(path);
            clipSeconds.add(Durations.toNanos(media.getDuration()) / 1e9);
            if (firstVideo == null) {
                firstVideo = videoStream(media).orElseThrow();
            }
        }
        VideoFormat format = outputFormat(command.getOutput(), firstVideo);
        FilmTimeline timeline = FilmTimeline.of(clipSeconds, format.getFps(), settings.crossfade());
        List<String> narrations = command.getClipsList().stream().map(ClipRef::getNarration).toList();
        List<NarrationSpan> spans = new ArrayList<>();
        for (int k = 0; k < narrations.size(); k++) {
            spans.add(timeline.span(k, narrations.get(k)));
        }
        Subtitles subtitles = SubtitleWriter.write(spans);

        try (WorkDirectory work = store.newWorkDirectory()) {
            Path vtt = Files.writeString(work.path().resolve(VTT_FILE), subtitles.webVtt(), StandardCharsets.UTF_8);
            Path srt = Files.writeString(work.path().resolve(SRT_FILE), subtitles.srt(), StandardCharsets.UTF_8);
            Path film = work.path().resolve(FILM_FILE);
            FilmCommandLine commandLine = new FilmCommandLine(clips, timeline, format.getWidth(), format.getHeight(),
                    subtitles.isEmpty() ? Optional.empty() : Optional.of(srt),
                    SubtitleLanguage.of(command.getLanguage(), narrations), command.getTitle(), settings.x264Preset(),
                    settings.crf(), film);
            tool.run(Executable.FFMPEG, commandLine.arguments(), settings.encodeTimeout())
                    .requireSuccess("encoding the film of story " + command.getStoryId());
            ProbeMediaResponse encoded = probeOwnOutput(film);
            String sha256 = sha256(film);
            Film.Builder stored = Film.newBuilder()
                    .setVttUri(store.put(vttKey, vtt))
                    .setSrtUri(store.put(srtKey, srt))
                    .setVideoUri(store.put(filmKey, film));
            LOG.infof("film of story %s: %d clips, %.2f s, %dx%d@%d, in %d ms", command.getStoryId(), clips.size(),
                    Durations.toNanos(encoded.getDuration()) / 1e9, format.getWidth(), format.getHeight(), format.getFps(),
                    (System.nanoTime() - started) / 1_000_000);
            return stored.setDuration(encoded.getDuration()).setSha256(sha256).setFormat(format).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the film of story " + command.getStoryId() + ": " + e.getMessage(), e);
        }
    }

    private static MediaKey filmKey(String storyId, String file) {
        try {
            return MediaKey.film(storyId, file);
        } catch (MediaReferenceException e) {
            throw new UnassemblableFilmException(e.reason(), e.getMessage());
        }
    }

    private Path clipPath(int position, ClipRef clip) {
        try {
            return store.localFile(clip.getUri());
        } catch (MediaReferenceException e) {
            throw new UnassemblableFilmException(e.reason(), describe(position, clip) + ": " + e.getMessage());
        } catch (MediaNotFoundException e) {
            throw new UnassemblableFilmException(UnassemblableFilmException.CLIP_NOT_FOUND, describe(position, clip) + ": " + e.getMessage());
        }
    }

    private ProbeMediaResponse probeClip(int position, ClipRef clip, Path path) {
        ProbeMediaResponse media;
        try {
            media = probe.probe(path);
        } catch (UnreadableMediaException e) {
            throw new UnassemblableFilmException(UnassemblableFilmException.UNREADABLE_CLIP, describe(position, clip) + ": " + e.getMessage());
        }
        if (videoStream(media).isEmpty() || Durations.toNanos(media.getDuration()) <= 0) {
            throw new UnassemblableFilmException(UnassemblableFilmException.UNREADABLE_CLIP,
                    describe(position, clip) + " holds no video");
        }
        return media;
    }

    private static Optional<MediaStream> videoStream(ProbeMediaResponse media) {
        return media.getStreamsList().stream().filter(s -> s.getKind() == MediaStream.Kind.KIND_VIDEO).findFirst();
    }

    /** The requested format; an unset size is the first clip's, an unset frame rate the configured one. */
    private VideoFormat outputFormat(VideoFormat requested, MediaStream firstVideo) {
        int width = requested.getWidth();
        int height = requested.getHeight();
        if (width == 0 && height == 0) {
            width = firstVideo.getWidth() & ~1;
            height = firstVideo.getHeight() & ~1;
        }
        int fps = requested.getFps() == 0 ? settings.defaultFps() : requested.getFps();
        if (!encodable(width) || !encodable(height) || fps < 1 || fps > MAX_FPS) {
            throw new UnassemblableFilmException(UnassemblableFilmException.INVALID_OUTPUT_FORMAT, String.format(
                    "output %dx%d at %d fps cannot be encoded: width and height must be even and 2–%d, the frame rate 1–%d",
                    width, height, fps, MAX_DIMENSION, MAX_FPS));
        }
        return VideoFormat.newBuilder().setWidth(width).setHeight(height).setFps(fps).build();
    }

    /** H.264 in yuv420p needs even sizes. */
    private static boolean encodable(int dimension) {
        return dimension >= 2 && dimension <= MAX_DIMENSION && dimension % 2 == 0;
    }

    private ProbeMediaResponse probeOwnOutput(Path film) {
        try {
            return probe.probe(film);
        } catch (UnreadableMediaException e) {
            throw new MediaToolException("ffmpeg wrote an unreadable film: " + e.getMessage());
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String describe(int position, ClipRef clip) {
        return "clip " + position + " (shot " + clip.getShotIndex() + ")";
    }
}
