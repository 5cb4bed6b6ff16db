package io.starloom.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The sample stories in samples/stories (copied into the test classpath by the pom) and the readability rule for subtitle lines. */
final class SampleStories {
    private SampleStories() {
    }

    static String read(String name) {
        try (InputStream in = SampleStories.class.getResourceAsStream("/stories/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample story " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ≤16 Chinese characters or ≤42 Latin characters on one subtitle line. */
    static boolean fitsSubtitleLine(String line) {
        long cjk = line.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN).count();
        return cjk > 0 ? line.codePointCount(0, line.length()) <= 16 : line.length() <= 42;
    }
}
