package io.starloom.postprocess.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The one ffmpeg invocation that edits clips into a film: every clip normalised to the output format
 * (scaled and padded keeping its aspect, square pixels, output frame rate, yuv420p), chained
 * crossfades at the timeline's offsets, H.264 with the MP4 index up front, and the subtitles as a
 * soft {@code mov_text} track. Paths are passed with the {@code file:} protocol so that no file name
 * is ever read as another protocol or an option.
 *
 * @param srt the SubRip file to mux, absent when no shot has narration
 */
record FilmCommandLine(List<Path> clips, FilmTimeline timeline, int width, int height, Optional<Path> srt,
        SubtitleLanguage language, String title, String x264Preset, int crf, Path output) {

    /** Output label of the filter graph. */
    private static final String FILM = "film";

    List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y"));
        clips.forEach(clip -> args.addAll(List.of("-i", "file:" + clip.toAbsolutePath())));
        srt.ifPresent(file -> args.addAll(List.of("-f", "srt", "-i", "file:" + file.toAbsolutePath())));
        args.addAll(List.of("-filter_complex", filterGraph(), "-map", "[" + FILM + "]"));
        srt.ifPresent(file -> args.addAll(List.of("-map", clips.size() + ":s", "-c:s", "mov_text",
                "-metadata:s:s:0", "language=" + language.iso639(),
                "-metadata:s:s:0", "handler_name=" + language.trackName(),
                "-disposition:s:0", "default")));
        args.addAll(List.of("-c:v", "libx264", "-preset", x264Preset, "-crf", String.valueOf(crf), "-pix_fmt", "yuv420p",
                "-map_metadata", "-1", "-map_chapters", "-1"));
        if (!title.isBlank()) {
            args.addAll(List.of("-metadata", "title=" + title.strip()));
        }
        args.addAll(List.of("-movflags", "+faststart", "-f", "mp4", "file:" + output.toAbsolutePath()));
        return args;
    }

    String filterGraph() {
        StringJoiner graph = new StringJoiner(";");
        int last = clips.size() - 1;
        for (int k = 0; k <= last; k++) {
            graph.add("[" + k + ":v]" + normalisation() + "[" + (last == 0 ? FILM : "v" + k) + "]");
        }
        String previous = "v0";
        for (int k = 1; k <= last; k++) {
            String out = k == last ? FILM : "x" + k;
            graph.add("[" + previous + "][v" + k + "]xfade=transition=fade:duration=" + timeline.xfadeDuration(k)
                    + ":offset=" + timeline.xfadeOffset(k) + "[" + out + "]");
            previous = out;
        }
        return graph.toString();
    }

    private String normalisation() {
        return "setpts=PTS-STARTPTS"
                + ",scale=" + width + ":" + height + ":force_original_aspect_ratio=decrease:force_divisible_by=2"
                + ",pad=" + width + ":" + height + ":(ow-iw)/2:(oh-ih)/2:color=black"
                + ",setsar=1,fps=" + timeline.fps() + ",format=yuv420p";
    }
}
