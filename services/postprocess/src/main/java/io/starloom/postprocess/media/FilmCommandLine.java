package io.starloom.postprocess.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import io.starloom.proto.v1.Transition;

/**
 * The two ffmpeg invocations that make the film. {@link #videoArguments} edits the pictures: every clip
 * is normalised to the output — scaled to fill the frame and centre-cropped (so 16:9 clips fill a 9:16
 * or 1:1 film), square pixels, slowed and held as the plan says, converted to the output rate by
 * blending neighbouring frames ({@code framerate}, see docs/benchmarks.md for why not
 * {@code minterpolate}) and trimmed to its exact frame count; the shots are joined by their storyboard
 * transitions (xfade fade, fadeblack, fadewhite, slideleft; concat for cuts); burned-in subtitles are
 * overlaid as pictures; H.264 High into a bare MP4, and the poster frame taken from the same graph as a
 * JPEG, so the film is never decoded again. The sound is encoded meanwhile ({@link AudioMix#encode}).
 * {@link #muxArguments} then copies pictures and sound into the delivered MP4 without re-encoding
 * either, with the subtitle tracks as soft {@code mov_text} with language tags, chapters and title from
 * an ffmetadata file, and the MP4 index up front. Paths are passed with the {@code file:} protocol so
 * that no file name is ever read as another protocol or an option.
 */
record FilmCommandLine(List<Path> clips, List<Double> clipFps, FilmPlan plan, int width, int height,
        List<BurnedCue> burnedCues, String x264Preset, int crf) {

    /** A subtitle picture shown from {@code startSeconds} to {@code endSeconds}, at {@code y} from the top. */
    record BurnedCue(Path png, double startSeconds, double endSeconds, int y) {
    }

    /** A SubRip file muxed as a soft track. */
    record SubtitleTrack(Path srt, SubtitleLanguage language, boolean isDefault) {
    }

    private static final String FILM = "film";
    private static final String POSTER = "poster";

    /** @param posterFrame the film frame that becomes the poster */
    List<String> videoArguments(long posterFrame, Path video, Path poster) {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y"));
        clips.forEach(clip -> args.addAll(List.of("-i", "file:" + clip.toAbsolutePath())));
        burnedCues.forEach(cue -> args.addAll(List.of("-i", "file:" + cue.png().toAbsolutePath())));
        long frame = Math.max(0, Math.min(posterFrame, plan.timeline().totalFrames() - 1));
        // Each branch names its own pixel format: otherwise the JPEG encoder's full-range yuvj420p is negotiated
        // through split for the film too, and the H.264 stream comes out full range.
        args.addAll(List.of("-filter_complex", filterGraph() + ";[" + FILM + "]split=2[" + FILM + "split][" + POSTER + "in];[" + FILM
                + "split]format=yuv420p[" + FILM + "out];[" + POSTER + "in]trim=start_frame=" + frame + ":end_frame=" + (frame + 1)
                + ",format=yuvj420p[" + POSTER + "]",
                "-map", "[" + FILM + "out]", "-c:v", "libx264", "-profile:v", "high", "-preset", x264Preset, "-crf", String.valueOf(crf),
                "-pix_fmt", "yuv420p", "-r", String.valueOf(plan.timeline().fps()), "-fps_mode", "cfr", "-f", "mp4",
                "file:" + video.toAbsolutePath(),
                "-map", "[" + POSTER + "]", "-frames:v", "1", "-q:v", "3", "-c:v", "mjpeg", "-f", "image2", "-update", "1",
                "file:" + poster.toAbsolutePath()));
        return args;
    }

    /** The delivered film: the encoded pictures and sound copied, soft subtitles, chapters, index up front. */
    static List<String> muxArguments(Path video, Path audio, List<SubtitleTrack> subtitleTracks, Path metadata, Path output) {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y",
                "-i", "file:" + video.toAbsolutePath(), "-i", "file:" + audio.toAbsolutePath()));
        for (SubtitleTrack track : subtitleTracks) {
            args.addAll(List.of("-f", "srt", "-i", "file:" + track.srt().toAbsolutePath()));
        }
        int metadataInput = 2 + subtitleTracks.size();
        args.addAll(List.of("-f", "ffmetadata", "-i", "file:" + metadata.toAbsolutePath(), "-map", "0:v:0", "-map", "1:a:0"));
        for (int s = 0; s < subtitleTracks.size(); s++) {
            SubtitleTrack track = subtitleTracks.get(s);
            args.addAll(List.of("-map", (2 + s) + ":s",
                    "-metadata:s:s:" + s, "language=" + track.language().iso639(),
                    "-metadata:s:s:" + s, "handler_name=" + track.language().trackName(),
                    "-disposition:s:" + s, track.isDefault() ? "default" : "0"));
        }
        if (!subtitleTracks.isEmpty()) {
            args.addAll(List.of("-c:s", "mov_text"));
        }
        args.addAll(List.of("-c:v", "copy", "-c:a", "copy",
                "-map_metadata", String.valueOf(metadataInput), "-map_chapters", String.valueOf(metadataInput),
                "-movflags", "+faststart", "-f", "mp4", "file:" + output.toAbsolutePath()));
        return args;
    }

    String filterGraph() {
        FilmTimeline timeline = plan.timeline();
        StringJoiner graph = new StringJoiner(";");
        int last = clips.size() - 1;
        String chained = burnedCues.isEmpty() ? FILM : "joined";
        for (int k = 0; k <= last; k++) {
            graph.add("[" + k + ":v]" + normalisation(k) + "[" + (last == 0 ? chained : "v" + k) + "]");
        }
        String previous = "v0";
        for (int k = 1; k <= last; k++) {
            String out = k == last ? chained : "x" + k;
            Transition into = timeline.transitionInto(k);
            if (timeline.fadeFrames(k) == 0) {
                graph.add("[" + previous + "][v" + k + "]concat=n=2:v=1:a=0[" + out + "]");
            } else {
                graph.add("[" + previous + "][v" + k + "]xfade=transition=" + xfade(into) + ":duration="
                        + timeline.xfadeDuration(k) + ":offset=" + timeline.xfadeOffset(k) + "[" + out + "]");
            }
            previous = out;
        }
        String picture = chained;
        for (int c = 0; c < burnedCues.size(); c++) {
            BurnedCue cue = burnedCues.get(c);
            String out = c == burnedCues.size() - 1 ? FILM : "b" + c;
            graph.add(String.format(Locale.ROOT, "[%s][%d:v]overlay=x=0:y=%d:eof_action=repeat:enable='between(t,%.3f,%.3f)'[%s]",
                    picture, clips.size() + c, cue.y(), cue.startSeconds(), cue.endSeconds() - 0.001, out));
            picture = out;
        }
        return graph.toString();
    }

    static String xfade(Transition transition) {
        return switch (transition) {
            case TRANSITION_FADE_BLACK -> "fadeblack";
            case TRANSITION_DIP_WHITE -> "fadewhite";
            case TRANSITION_SLIDE -> "slideleft";
            default -> "fade";
        };
    }

    private String normalisation(int k) {
        FilmPlan.ShotTiming shot = plan.shot(k);
        int fps = plan.timeline().fps();
        StringBuilder chain = new StringBuilder("setpts=PTS-STARTPTS")
                .append(",scale=").append(width).append(':').append(height).append(":force_original_aspect_ratio=increase")
                .append(",crop=").append(width).append(':').append(height)
                .append(",setsar=1");
        if (shot.slowdown() > 1.0001) {
            chain.append(String.format(Locale.ROOT, ",setpts=%.6f*PTS", shot.slowdown()));
        }
        boolean sameRate = Math.abs(clipFps.get(k) - fps) < 0.01 && shot.slowdown() <= 1.0001;
        // Same rate and real time: nothing to convert. Otherwise blend neighbouring frames into the new ones.
        chain.append(sameRate ? ",fps=" + fps : ",framerate=fps=" + fps);
        if (shot.holdFrames() > 0) {
            chain.append(",tpad=stop_mode=clone:stop=").append(shot.holdFrames());
        }
        // Timestamps from frame numbers: frames cloned by tpad after framerate carry timestamps that would make
        // the muxer drop them, and xfade needs both inputs on one time base.
        return chain.append(",trim=end_frame=").append(shot.frames()).append(",settb=1/").append(fps)
                .append(",setpts=N,fps=").append(fps).append(",format=yuv420p").toString();
    }
}
