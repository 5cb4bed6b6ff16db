package io.starloom.postprocess.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.proto.v1.Style;

class MoodTest {
    @TempDir
    Path temp;

    @Test
    void theNarrationChoosesTheMood() {
        assertEquals(Mood.TENSE, Mood.of(List.of("突然，海怪破浪而出，天空电闪雷鸣。"), Style.STYLE_CINEMATIC));
        assertEquals(Mood.TENDER, Mood.of(List.of("牛郎织女在鹊桥相会，泪光映着星光。"), Style.STYLE_CINEMATIC));
        assertEquals(Mood.TENSE, Mood.of(List.of("The storm breaks and the monster rises."), Style.STYLE_CINEMATIC));
        assertEquals(Mood.SERENE, Mood.of(List.of("Vega shines over the summer sky."), Style.STYLE_CINEMATIC));
        assertEquals(Mood.MYSTERIOUS, Mood.of(List.of("Vega shines over the summer sky."), Style.STYLE_PLANETARIUM));
    }

    @Test
    void theGeneratedScoreIsAudibleStereoOfTheAskedLength() throws IOException, UnsupportedAudioFileException {
        Path wav = temp.resolve("bed.wav");
        AmbientScore.render(Mood.TENSE, 3.5, wav);
        var stream = AudioSystem.getAudioInputStream(wav.toFile());
        assertEquals(2, stream.getFormat().getChannels());
        assertEquals(3.5, stream.getFrameLength() / (double) stream.getFormat().getFrameRate(), 0.001);
        byte[] pcm = stream.readAllBytes();
        int peak = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            peak = Math.max(peak, Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))));
        }
        assertTrue(peak > 2000 && peak < 32000, "audible and not clipped: peak " + peak);
    }

    @Test
    void anOperatorsFolderIsPickedByMood() throws IOException {
        Files.writeString(temp.resolve("serene-harp.ogg"), "x");
        Files.writeString(temp.resolve("tense-drums.mp3"), "x");
        Files.writeString(temp.resolve("notes.txt"), "x");
        MusicLibrary library = new MusicLibrary(Optional.of(temp));
        assertEquals(temp.resolve("tense-drums.mp3"), library.track(Mood.TENSE, "story").orElseThrow());
        assertTrue(library.track(Mood.TENDER, "story").orElseThrow().getFileName().toString().matches("(serene|tense).*"));
        assertEquals(Optional.empty(), new MusicLibrary(Optional.empty()).track(Mood.TENSE, "story"));
    }
}
