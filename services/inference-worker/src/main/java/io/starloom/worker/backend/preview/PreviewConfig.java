package io.starloom.worker.backend.preview;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the preview backend. */
@ConfigMapping(prefix = "starloom.worker.preview")
public interface PreviewConfig {
    /** libx264 preset: veryfast or faster keeps a 720p shot well under its own running time. */
    @WithDefault("veryfast")
    String preset();

    /** libx264 constant rate factor; 20 keeps the faint stars. */
    @WithDefault("20")
    int crf();
}
