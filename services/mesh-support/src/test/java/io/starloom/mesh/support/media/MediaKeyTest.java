package io.starloom.mesh.support.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MediaKeyTest {
    private static final String STORY = "0b7e4a52-6a8e-4c53-9d1e-3f0a2b6c8d11";

    @Test
    void aClipsThumbnailIsNamedTheSameFromItsKeyAsFromItsShotAndAttempt() {
        assertThat(MediaKey.thumbnailOf(MediaKey.clip(STORY, 12, 3))).isEqualTo(MediaKey.clipThumbnail(STORY, 12, 3))
                .extracting(MediaKey::path).isEqualTo("stories/" + STORY + "/shots/shot-012-a3.thumb.jpg");
        assertThat(MediaKey.thumbnailOf(MediaKey.clip(STORY, 1234, 1)).path()).endsWith("/shots/shot-1234-a1.thumb.jpg");
    }

    @Test
    void onlyAClipHasAThumbnail() {
        for (MediaKey other : new MediaKey[] { MediaKey.film(STORY, "film.mp4"), MediaKey.clipAudio(STORY, 0, 1),
                new MediaKey("stories/" + STORY + "/shots/shot-000-a1.mp4/x"), new MediaKey("shots/shot-000-a1.mp4") }) {
            assertThatThrownBy(() -> MediaKey.thumbnailOf(other)).isInstanceOf(MediaReferenceException.class)
                    .hasMessageContaining("not a clip's key");
        }
    }
}
