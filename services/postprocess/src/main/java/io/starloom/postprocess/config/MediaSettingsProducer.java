package io.starloom.postprocess.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.starloom.postprocess.media.MediaSettings;
import io.starloom.postprocess.music.MusicLibrary;

/** Hands the configured editing settings to the media classes, which know nothing about configuration. */
public class MediaSettingsProducer {

    @Produces
    @Singleton
    MediaSettings mediaSettings(PostprocessConfig config) {
        return new MediaSettings(config.outputFps(), config.crossfade(), config.x264Preset(), config.crf(),
                config.encodeTimeout(), config.probeTimeout(),
                config.maxSlowdown(), config.musicGainDb());
    }

    @Produces
    @Singleton
    MusicLibrary musicLibrary(PostprocessConfig config) {
        return new MusicLibrary(config.musicFolder());
    }
}
