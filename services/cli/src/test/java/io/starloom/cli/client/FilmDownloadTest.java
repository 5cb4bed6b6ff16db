package io.starloom.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;
import io.starloom.cli.FakeStarloom;

class FilmDownloadTest {
    @TempDir
    Path dir;

    private FakeStarloom server;
    private Starloom starloom;
    private final byte[] film = new byte[25_000];

    @BeforeEach
    void start() throws Exception {
        new Random(7).nextBytes(film);
        server = new FakeStarloom();
        server.films.put("s-1", film);
        starloom = new Starloom(ServerAddress.parse(server.url()), "t");
    }

    @AfterEach
    void stop() {
        starloom.close();
        server.close();
    }

    @Test
    void filmArrivesWholeFromTheChunksAndMatchesItsAnnouncedSha256() throws Exception {
        Path target = dir.resolve("out/film.mp4");

        starloom.downloadFilm("s-1", target, sha256(film));

        assertThat(Files.readAllBytes(target)).isEqualTo(film);
        assertThat(dir.resolve("out")).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void damagedFilmIsNeitherKeptNorLeftHalfWritten() {
        Path target = dir.resolve("film.mp4");

        assertThatThrownBy(() -> starloom.downloadFilm("s-1", target, "00" + sha256(film).substring(2)))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED))
                .hasMessageContaining("arrived damaged");
        assertThat(dir).isEmptyDirectory();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
