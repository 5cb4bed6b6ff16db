package io.starloom.postprocess.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The film's sound. First pass: every shot's speech placed at its narration start, the bed under it —
 * the music, faded in and out, plus the sound a model made with a clip (its ambience, placed at its
 * shot and faded out at the shot's end) — ducked by a sidechain compressor keyed on the speech, summed
 * into one 48 kHz stereo float WAV of exactly the film's length. The same run measures the mix's
 * loudness (EBU R128, loudnorm's first pass); {@link #secondPass} turns the measurement into the linear
 * gain, and {@link #encode} applies it while encoding the AAC track that the film's mux copies, so the
 * film lands on the target integrated loudness with its true peak under the ceiling. Audio only: this
 * runs while the pictures encode.
 */
final class AudioMix {
    static final double TARGET_LUFS = -16;
    /** Under the −1 dBTP delivery ceiling, leaving room for the AAC encoder's overshoot. */
    static final double TRUE_PEAK_CEILING = -1.5;
    static final double LOUDNESS_RANGE = 11;
    private static final double MUSIC_FADE_IN = 2.0;
    private static final double MUSIC_FADE_OUT = 3.0;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOUDNORM_JSON = Pattern.compile("\\{[^{}]*\"input_i\"[^{}]*\\}");

    /** One shot's speech and when it starts in the film. */
    record Voice(Path audio, long startMillis) {
    }

    /** The sound a model made with a shot's clip, from the shot's start for at most {@code millis}. */
    record Ambience(Path audio, long startMillis, long millis) {
    }

    private static final double AMBIENCE_FADE_OUT = 0.3;

    private AudioMix() {
    }

    /**
     * @param music a track to loop (an operator's file) or the generated bed of the film's length
     * @param musicGainDb level of the bed before ducking
     */
    static List<String> firstPass(List<Voice> voices, List<Ambience> ambience, Path music, boolean loopMusic, double musicGainDb,
            double seconds, Path mix) {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-y"));
        voices.forEach(voice -> args.addAll(List.of("-i", "file:" + voice.audio().toAbsolutePath())));
        ambience.forEach(sound -> args.addAll(List.of("-i", "file:" + sound.audio().toAbsolutePath())));
        if (loopMusic) {
            args.addAll(List.of("-stream_loop", "-1"));
        }
        args.addAll(List.of("-i", "file:" + music.toAbsolutePath()));
        String duration = String.format(Locale.ROOT, "%.6f", seconds);
        StringJoiner graph = new StringJoiner(";");
        String format = "aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo";
        double fadeOutStart = Math.max(0, seconds - MUSIC_FADE_OUT);
        int musicInput = voices.size() + ambience.size();
        String musicOut = ambience.isEmpty() ? "bed" : "music";
        graph.add(String.format(Locale.ROOT, "[%d:a]%s,atrim=duration=%s,apad=whole_dur=%s,volume=%.1fdB,afade=t=in:d=%.1f,"
                + "afade=t=out:st=%.3f:d=%.1f[%s]", musicInput, format, duration, duration, musicGainDb,
                Math.min(MUSIC_FADE_IN, seconds / 3), fadeOutStart, Math.min(MUSIC_FADE_OUT, seconds), musicOut));
        if (!ambience.isEmpty()) {
            StringBuilder layers = new StringBuilder("[music]");
            for (int a = 0; a < ambience.size(); a++) {
                Ambience sound = ambience.get(a);
                double length = sound.millis() / 1000.0;
                graph.add(String.format(Locale.ROOT, "[%d:a]%s,atrim=duration=%.3f,afade=t=out:st=%.3f:d=%.3f,adelay=%d:all=1[amb%d]",
                        voices.size() + a, format, length, Math.max(0, length - AMBIENCE_FADE_OUT), Math.min(AMBIENCE_FADE_OUT, length),
                        sound.startMillis(), a));
                layers.append("[amb").append(a).append(']');
            }
            // duration=first: the music bed has the film's exact length, the ambience never lengthens it.
            graph.add(layers + "amix=inputs=" + (ambience.size() + 1) + ":normalize=0:duration=first[bed]");
        }
        if (voices.isEmpty()) {
            graph.add("[bed]asplit=2[out][measure]");
        } else {
            StringBuilder inputs = new StringBuilder();
            for (int v = 0; v < voices.size(); v++) {
                graph.add(String.format(Locale.ROOT, "[%d:a]%s,adelay=%d:all=1[v%d]", v, format, voices.get(v).startMillis(), v));
                inputs.append("[v").append(v).append(']');
            }
            String summed = voices.size() == 1 ? inputs + "anull" : inputs + "amix=inputs=" + voices.size() + ":normalize=0:duration=longest";
            graph.add(summed + ",apad=whole_dur=" + duration + ",atrim=duration=" + duration + ",asplit=2[voice][key]");
            // Speech pulls the bed down by up to ~15 dB within 20 ms and lets it back over 0.6 s.
            graph.add("[bed][key]sidechaincompress=threshold=0.02:ratio=8:attack=20:release=600:knee=4[ducked]");
            graph.add("[voice][ducked]amix=inputs=2:normalize=0:duration=first,asplit=2[out][measure]");
        }
        graph.add(String.format(Locale.ROOT, "[measure]loudnorm=I=%.1f:TP=%.1f:LRA=%.1f:print_format=json[measured]",
                TARGET_LUFS, TRUE_PEAK_CEILING, LOUDNESS_RANGE));
        args.addAll(List.of("-filter_complex", graph.toString(),
                "-map", "[out]", "-c:a", "pcm_f32le", "-f", "wav", "file:" + mix.toAbsolutePath(),
                "-map", "[measured]", "-f", "null", "-"));
        return args;
    }

    /**
     * Second pass: the mix brought to the target by {@code loudnorm} (or {@code anull} for silence), cut or padded to exactly
     * {@code seconds}, encoded as the film's AAC track into an MP4 audio file that the film's mux copies (the fast coder: half the CPU of the default two-loop search; astats finds RMS and peak within 0.15 dB of it at 160 kb/s).
     */
    static List<String> encode(Path mix, String loudnorm, double seconds, Path aac) {
        String duration = String.format(Locale.ROOT, "%.6f", seconds);
        return List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y", "-i", "file:" + mix.toAbsolutePath(),
                "-af", loudnorm + ",aresample=48000,atrim=duration=" + duration + ",apad=whole_dur=" + duration,
                "-c:a", "aac", "-aac_coder", "fast", "-b:a", "160k", "-ar", "48000", "-f", "mp4", "file:" + aac.toAbsolutePath());
    }

    /** loudnorm's second pass from the first pass's report; empty when the report is missing or silent. */
    static Optional<String> secondPass(String stderr) {
        Matcher matcher = LOUDNORM_JSON.matcher(stderr);
        String report = null;
        while (matcher.find()) {
            report = matcher.group();
        }
        if (report == null) {
            return Optional.empty();
        }
        JsonNode measured;
        try {
            measured = JSON.readTree(report);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        double inputI = measured.path("input_i").asDouble(Double.NEGATIVE_INFINITY);
        if (!Double.isFinite(inputI) || inputI < -70) {
            // Silence: there is nothing to normalise (loudnorm reports -inf).
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "loudnorm=I=%.1f:TP=%.1f:LRA=%.1f:measured_I=%s:measured_TP=%s:measured_LRA=%s:measured_thresh=%s:offset=%s:linear=true",
                TARGET_LUFS, TRUE_PEAK_CEILING, LOUDNESS_RANGE, measured.path("input_i").asText(), measured.path("input_tp").asText(),
                measured.path("input_lra").asText(), measured.path("input_thresh").asText(), measured.path("target_offset").asText()));
    }
}
