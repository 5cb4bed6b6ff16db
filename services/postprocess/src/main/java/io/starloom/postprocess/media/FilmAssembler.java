package io.starloom.postprocess.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
import io.starloom.postprocess.music.AmbientScore;
import io.starloom.postprocess.music.Mood;
import io.starloom.postprocess.music.MusicLibrary;
import io.starloom.postprocess.narration.Narration;
import io.starloom.postprocess.narration.NarrationException;
import io.starloom.postprocess.narration.Narrator;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.MediaStream;
import io.starloom.proto.v1.ProbeMediaResponse;
import io.starloom.proto.v1.Transition;
import io.starloom.proto.v1.VideoFormat;

/**
 * Edits a story's clips into its finished film: narration spoken by the configured TTS engine (or found
 * already spoken, see {@link Narrator}), shots held so that no sentence is cut, a music bed chosen by mood
 * with the sound a model made with its clips, ducked under the speech, the mix normalised to −16 LUFS, storyboard transitions, subtitles timed to
 * the speech as SRT, WebVTT and soft tracks (a second language when the storyboard has a translation),
 * optionally burned in, one chapter per shot, a poster and a manifest with checksums. Clip lengths come
 * from ffprobe, never from the command. Everything is made in a work directory and then put into the store,
 * the film after its side files and the manifest last, so a reader never sees half a film, and the same
 * command run again replaces the same files. Blocking and CPU-heavy.
 */
@Singleton
public class FilmAssembler {
    static final String FILM_FILE = "film.mp4";
    static final String VTT_FILE = "film.vtt";
    static final String SRT_FILE = "film.srt";
    static final String POSTER_FILE = "poster.jpg";
    private static final int MAX_DIMENSION = 4096;
    private static final int MIN_CLIP_DIMENSION = 64;
    private static final int MAX_FPS = 120;
    private static final Logger LOG = Logger.getLogger(FilmAssembler.class);

    private final FfmpegTool tool;
    private final MediaProbe probe;
    private final MediaStore store;
    private final MediaSettings settings;
    private final Narrator narrator;
    private final MusicLibrary music;

    public FilmAssembler(FfmpegTool tool, MediaProbe probe, MediaStore store, MediaSettings settings, Narrator narrator,
            MusicLibrary music) {
        this.tool = tool;
        this.probe = probe;
        this.store = store;
        this.settings = settings;
        this.narrator = narrator;
        this.music = music;
    }

    /**
     * @throws UnassemblableFilmException when the command can never succeed (no clips, a missing, unreadable or
     *         wrongly sized clip or narration, a URI outside the media store, an impossible output format, a TTS
     *         engine that refuses or is down when the configuration says fail)
     * @throws MediaToolException or {@link UncheckedIOException} when it may succeed on another try
     */
    public Film assemble(AssembleFilmCommand command) {
        long started = System.nanoTime();
        if (command.getClipsCount() == 0) {
            throw new UnassemblableFilmException(UnassemblableFilmException.NO_CLIPS, "the command lists no clips");
        }
        String storyId = command.getStoryId();
        filmKey(storyId, FILM_FILE);
        List<Path> clips = new ArrayList<>();
        List<Double> clipSeconds = new ArrayList<>();
        List<Double> clipFps = new ArrayList<>();
        MediaStream firstVideo = null;
        for (int position = 0; position < command.getClipsCount(); position++) {
            ClipRef clip = command.getClips(position);
            Path path = clipPath(position, clip);
            ProbeMediaResponse media = probeClip(position, clip, path);
            MediaStream video = videoStream(media).orElseThrow();
            clips.add(path);
            clipSeconds.add(Durations.toNanos(media.getDuration()) / 1e9);
            clipFps.add(video.getFrameRate());
            if (firstVideo == null) {
                firstVideo = video;
            }
        }
        VideoFormat format = outputFormat(command.getOutput(), firstVideo);
        List<String> narrations = command.getClipsList().stream().map(ClipRef::getNarration).toList();
        List<String> translations = command.getClipsList().stream().map(ClipRef::getNarrationTranslation).toList();
        SubtitleLanguage language = SubtitleLanguage.of(command.getLanguage(), narrations);
        Optional<SubtitleLanguage> translation = SubtitleLanguage.translation(command.getTranslationLanguage())
                .filter(t -> translations.stream().anyMatch(text -> !text.isBlank()));

        List<Narration> speech = new ArrayList<>();
        List<Double> speechSeconds = new ArrayList<>();
        for (int k = 0; k < narrations.size(); k++) {
            Narration narration = narrate(command, k, language.language());
            speech.add(narration);
            speechSeconds.add(narration.audio().isPresent() ? speechLength(command, k, narration.audio().get()) : 0.0);
        }
        List<Double> needSeconds = new ArrayList<>();
        for (int k = 0; k < narrations.size(); k++) {
            double reading = Math.max(ReadingSpeed.seconds(narrations.get(k)),
                    translation.isPresent() ? ReadingSpeed.seconds(translations.get(k)) : 0);
            needSeconds.add(Math.max(speechSeconds.get(k), reading));
        }
        List<Transition> transitions = command.getClipsList().stream().map(ClipRef::getTransitionOut).toList();
        FilmPlan plan = FilmPlan.of(format.getFps(), clipSeconds, needSeconds, transitions, settings.crossfade().toNanos() / 1e9,
                settings.maxSlowdown());
        FilmTimeline timeline = plan.timeline();

        List<NarrationSpan> spans = new ArrayList<>();
        List<NarrationSpan> translatedSpans = new ArrayList<>();
        for (int k = 0; k < narrations.size(); k++) {
            long start = narrations.get(k).isBlank() ? timeline.spanStartMillis(k) : plan.narrationStartMillis(k);
            long end = narrations.get(k).isBlank() ? timeline.spanEndMillis(k)
                    : Math.min(timeline.spanEndMillis(k), start + Math.round(needSeconds.get(k) * 1000));
            spans.add(new NarrationSpan(narrations.get(k), start, end));
            translatedSpans.add(new NarrationSpan(translations.get(k), start, end));
        }
        Subtitles subtitles = SubtitleWriter.write(spans);
        Optional<Subtitles> translated = translation.map(t -> SubtitleWriter.write(translatedSpans));
        List<String> beats = command.getClipsList().stream().map(ClipRef::getBeat).toList();
        List<Chapters.Chapter> chapters = Chapters.of(timeline, beats, narrations);
        Mood mood = Mood.of(narrations, command.getStyle());
        List<AudioMix.Ambience> ambience = ambience(command, timeline);

        try (WorkDirectory work = store.newWorkDirectory()) {
            Path dir = work.path();
            Path vtt = Files.writeString(dir.resolve(VTT_FILE), subtitles.webVtt(), StandardCharsets.UTF_8);
            Path srt = Files.writeString(dir.resolve(SRT_FILE), subtitles.srt(), StandardCharsets.UTF_8);
            List<FilmCommandLine.SubtitleTrack> tracks = new ArrayList<>();
            if (!subtitles.isEmpty()) {
                tracks.add(new FilmCommandLine.SubtitleTrack(srt, language, true));
            }
            Optional<Path> translatedVtt = Optional.empty();
            Optional<Path> translatedSrt = Optional.empty();
            if (translated.isPresent() && !translated.get().isEmpty()) {
                String suffix = "." + translation.get().iso639();
                translatedVtt = Optional.of(Files.writeString(dir.resolve("film" + suffix + ".vtt"), translated.get().webVtt(), StandardCharsets.UTF_8));
                translatedSrt = Optional.of(Files.writeString(dir.resolve("film" + suffix + ".srt"), translated.get().srt(), StandardCharsets.UTF_8));
                tracks.add(new FilmCommandLine.SubtitleTrack(translatedSrt.get(), translation.get(), false));
            }
            Path metadata = Files.writeString(dir.resolve("chapters.txt"), Chapters.ffmetadata(command.getTitle(), chapters),
                    StandardCharsets.UTF_8);
            // The sound (music, mix, loudness, AAC) is made on its own thread while the pictures encode here.
            ExecutorService soundWorker = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "film-sound-" + storyId));
            Path film = dir.resolve(FILM_FILE);
            Path poster = dir.resolve(POSTER_FILE);
            try {
                Future<Path> sound = soundWorker.submit(() -> soundtrack(command, plan, speech, ambience, mood, dir));
                List<FilmCommandLine.BurnedCue> burned = command.getBurnInSubtitles()
                        ? burnedCues(subtitles, format, dir) : List.of();
                Path pictures = dir.resolve("pictures.mp4");
                FilmCommandLine commandLine = new FilmCommandLine(clips, clipFps, plan, format.getWidth(), format.getHeight(), burned,
                        settings.x264Preset(), settings.crf());
                ToolResult encoded = tool.run(Executable.FFMPEG, commandLine.videoArguments(posterFrame(timeline), pictures, poster),
                        settings.encodeTimeout());
                if (!encoded.succeeded()) {
                    sound.cancel(true);
                    blameClip(command, clips);
                    encoded.requireSuccess("encoding the film of story " + storyId);
                }
                Path aac = awaitSound(sound);
                tool.run(Executable.FFMPEG, FilmCommandLine.muxArguments(pictures, aac, tracks, metadata, film), settings.encodeTimeout())
                        .requireSuccess("muxing the film of story " + storyId);
            } finally {
                soundWorker.shutdownNow();
            }
            ProbeMediaResponse result = probeOwnOutput(film);

            Film.Builder stored = Film.newBuilder();
            List<FilmManifest.Entry> entries = new ArrayList<>();
            entries.add(new FilmManifest.Entry(FILM_FILE, "video/mp4", "film", "", film));
            entries.add(new FilmManifest.Entry(VTT_FILE, "text/vtt", "subtitles", language.iso639(), vtt));
            entries.add(new FilmManifest.Entry(SRT_FILE, "application/x-subrip", "subtitles", language.iso639(), srt));
            if (translatedVtt.isPresent()) {
                String iso = translation.get().iso639();
                entries.add(new FilmManifest.Entry(translatedVtt.get().getFileName().toString(), "text/vtt", "translation", iso, translatedVtt.get()));
                entries.add(new FilmManifest.Entry(translatedSrt.get().getFileName().toString(), "application/x-subrip", "translation", iso,
                        translatedSrt.get()));
            }
            entries.add(new FilmManifest.Entry(POSTER_FILE, "image/jpeg", "poster", "", poster));
            List<FilmManifest.Speech> spoken = new ArrayList<>();
            for (int k = 0; k < speech.size(); k++) {
                if (!narrations.get(k).isBlank()) {
                    Narration n = speech.get(k);
                    spoken.add(new FilmManifest.Speech(command.getClips(k).getShotIndex(), n.engine(), n.voice(), n.note()));
                }
            }
            Path manifest = Files.writeString(dir.resolve(FilmManifest.FILE), FilmManifest.json(storyId, command.getTitle(),
                    format.getWidth(), format.getHeight(), format.getFps(), Durations.toMillis(result.getDuration()), mood.prefix(),
                    chapters, spoken, entries), StandardCharsets.UTF_8);
            String sha256 = FilmManifest.sha256(film);

            stored.setVttUri(store.put(filmKey(storyId, VTT_FILE), vtt))
                    .setSrtUri(store.put(filmKey(storyId, SRT_FILE), srt))
                    .setPosterUri(store.put(filmKey(storyId, POSTER_FILE), poster));
            if (translatedVtt.isPresent()) {
                stored.setTranslationVttUri(store.put(filmKey(storyId, translatedVtt.get().getFileName().toString()), translatedVtt.get()))
                        .setTranslationSrtUri(store.put(filmKey(storyId, translatedSrt.get().getFileName().toString()), translatedSrt.get()))
                        .setTranslationLanguage(translation.get().language());
            }
            stored.setVideoUri(store.put(filmKey(storyId, FILM_FILE), film))
                    .setManifestUri(store.put(filmKey(storyId, FilmManifest.FILE), manifest));
            LOG.infof("film of story %s: %d clips, %.2f s, %dx%d@%d, music %s, in %d ms", storyId, clips.size(),
                    Durations.toNanos(result.getDuration()) / 1e9, format.getWidth(), format.getHeight(), format.getFps(),
                    mood.prefix(), (System.nanoTime() - started) / 1_000_000);
            return stored.setDuration(result.getDuration()).setSha256(sha256).setFormat(format).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the film of story " + storyId + ": " + e.getMessage(), e);
        }
    }

    private Narration narrate(AssembleFilmCommand command, int position, Language language) {
        ClipRef clip = command.getClips(position);
        if (clip.getNarration().isBlank()) {
            return new Narration(Optional.empty(), "", "", "");
        }
        try {
            return narrator.narrate(command.getStoryId(), clip.getShotIndex(), clip.getNarration(), language, command.getVoice());
        } catch (NarrationException e) {
            throw new UnassemblableFilmException(e.reason(), describe(position, clip) + ": " + e.getMessage());
        }
    }

    private double speechLength(AssembleFilmCommand command, int position, Path audio) {
        return requireSound(audio, UnassemblableFilmException.UNREADABLE_NARRATION,
                describe(position, command.getClips(position)) + ": its narration audio");
    }

    /** The length of a file that must hold sound; the story fails with {@code reason} when it does not. */
    private double requireSound(Path audio, String reason, String what) {
        ProbeMediaResponse media;
        try {
            media = probe.probe(audio);
        } catch (UnreadableMediaException e) {
            throw new UnassemblableFilmException(reason, what + " is not readable: " + e.getMessage());
        }
        double seconds = Durations.toNanos(media.getDuration()) / 1e9;
        boolean hasAudio = media.getStreamsList().stream().anyMatch(s -> s.getKind() == MediaStream.Kind.KIND_AUDIO);
        if (!hasAudio || seconds <= 0) {
            throw new UnassemblableFilmException(reason, what + " holds no sound");
        }
        return seconds;
    }

    /**
     * The speech, the music bed and the clips' own sound mixed, normalised and encoded as the film's AAC track, at exactly
     * the film's length; see {@link AudioMix}.
     */
    private Path soundtrack(AssembleFilmCommand command, FilmPlan plan, List<Narration> speech, List<AudioMix.Ambience> ambience,
            Mood mood, Path dir) {
        FilmTimeline timeline = plan.timeline();
        double seconds = timeline.totalFrames() / (double) timeline.fps();
        List<AudioMix.Voice> voices = new ArrayList<>();
        for (int k = 0; k < speech.size(); k++) {
            int shot = k;
            speech.get(k).audio().ifPresent(audio -> voices.add(new AudioMix.Voice(audio, plan.narrationStartMillis(shot))));
        }
        Optional<Path> track = music.track(mood, command.getStoryId());
        Path bed = track.orElseGet(() -> {
            Path generated = dir.resolve("music.wav");
            AmbientScore.render(mood, seconds, generated);
            return generated;
        });
        Path mix = dir.resolve("mix.wav");
        ToolResult mixed = tool.run(Executable.FFMPEG, AudioMix.firstPass(voices, ambience, bed, track.isPresent(), settings.musicGainDb(),
                seconds, mix), settings.encodeTimeout());
        mixed.requireSuccess("mixing the sound of story " + command.getStoryId());
        Path aac = dir.resolve("sound.m4a");
        tool.run(Executable.FFMPEG, AudioMix.encode(mix, AudioMix.secondPass(mixed.stderr()).orElse("anull"), seconds, aac),
                settings.encodeTimeout()).requireSuccess("encoding the sound of story " + command.getStoryId());
        return aac;
    }

    /** The sound thread's result; its failure is rethrown as it was thrown there. */
    private static Path awaitSound(Future<Path> sound) {
        try {
            return sound.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaToolException("interrupted while the film's sound was made");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new MediaToolException("making the film's sound failed: " + e.getCause());
        }
    }

    /**
     * The sound a model made with each clip, placed at its shot's start and lasting at most the shot; the shots without one
     * are skipped.
     */
    private List<AudioMix.Ambience> ambience(AssembleFilmCommand command, FilmTimeline timeline) {
        List<AudioMix.Ambience> sounds = new ArrayList<>();
        for (int k = 0; k < command.getClipsCount(); k++) {
            ClipRef clip = command.getClips(k);
            if (clip.getAudioUri().isBlank()) {
                continue;
            }
            Path audio;
            try {
                audio = store.localFile(clip.getAudioUri());
            } catch (MediaReferenceException e) {
                throw new UnassemblableFilmException(e.reason(), describe(k, clip) + ": its audio: " + e.getMessage());
            } catch (MediaNotFoundException e) {
                throw new UnassemblableFilmException(UnassemblableFilmException.CLIP_NOT_FOUND,
                        describe(k, clip) + ": its audio: " + e.getMessage());
            }
            requireSound(audio, UnassemblableFilmException.UNREADABLE_CLIP, describe(k, clip) + ": its audio");
            long start = timeline.shotStartMillis(k);
            sounds.add(new AudioMix.Ambience(audio, start, timeline.shotEndMillis(k) - start));
        }
        return sounds;
    }

    /** The frame in the middle of the first shot's own span. */
    private static long posterFrame(FilmTimeline timeline) {
        return Math.round((timeline.spanStartMillis(0) + timeline.spanEndMillis(0)) / 2000.0 * timeline.fps());
    }

    private static List<FilmCommandLine.BurnedCue> burnedCues(Subtitles subtitles, VideoFormat format, Path dir) {
        List<FilmCommandLine.BurnedCue> cues = new ArrayList<>();
        int top = SubtitleImages.bandTop(format.getWidth(), format.getHeight());
        for (int c = 0; c < subtitles.cues().size(); c++) {
            SubtitleCue cue = subtitles.cues().get(c);
            Path png = dir.resolve(String.format(Locale.ROOT, "cue-%03d.png", c));
            SubtitleImages.render(cue.lines(), format.getWidth(), format.getHeight(), png);
            cues.add(new FilmCommandLine.BurnedCue(png, cue.startMillis() / 1000.0, cue.endMillis() / 1000.0, top));
        }
        return cues;
    }

    /**
     * After a failed encoding: decodes each clip to find one that is broken though it probed fine, so that the
     * story fails naming the shot instead of being retried forever.
     */
    private void blameClip(AssembleFilmCommand command, List<Path> clips) {
        for (int k = 0; k < clips.size(); k++) {
            ToolResult decoded = tool.run(Executable.FFMPEG, List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-xerror",
                    "-i", "file:" + clips.get(k).toAbsolutePath(), "-map", "0:v:0", "-f", "null", "-"), settings.encodeTimeout());
            if (!decoded.succeeded()) {
                throw new UnassemblableFilmException(UnassemblableFilmException.UNREADABLE_CLIP,
                        describe(k, command.getClips(k)) + " does not decode: " + decoded.stderrTail());
            }
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
            if (Files.size(path) == 0) {
                throw new UnassemblableFilmException(UnassemblableFilmException.UNREADABLE_CLIP, describe(position, clip) + " is an empty file");
            }
            media = probe.probe(path);
        } catch (UnreadableMediaException e) {
            throw new UnassemblableFilmException(UnassemblableFilmException.UNREADABLE_CLIP, describe(position, clip) + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<MediaStream> video = videoStream(media);
        if (video.isEmpty() || Durations.toNanos(media.getDuration()) <= 0) {
            throw new UnassemblableFilmException(UnassemblableFilmException.UNREADABLE_CLIP,
                    describe(position, clip) + " holds no video");
        }
        int w = video.get().getWidth();
        int h = video.get().getHeight();
        if (w < MIN_CLIP_DIMENSION || h < MIN_CLIP_DIMENSION || w > MAX_DIMENSION || h > MAX_DIMENSION) {
            throw new UnassemblableFilmException(UnassemblableFilmException.UNREADABLE_CLIP, String.format(
                    "%s is %dx%d: a clip must be %d–%d pixels each way", describe(position, clip), w, h, MIN_CLIP_DIMENSION, MAX_DIMENSION));
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

    private static String describe(int position, ClipRef clip) {
        return "clip " + position + " (shot " + clip.getShotIndex() + ")";
    }
}
