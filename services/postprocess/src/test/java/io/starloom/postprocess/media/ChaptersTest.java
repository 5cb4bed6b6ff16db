package io.starloom.postprocess.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChaptersTest {

    @Test
    void titlesComeFromTheBeatOrTheNarrationsFirstClause() {
        assertEquals("海怪来袭", Chapters.title(0, " 海怪来袭 ", "突然，海怪破浪而出。"));
        assertEquals("突然", Chapters.title(0, "", "突然，海怪破浪而出。"));
        assertEquals("Orion hunts", Chapters.title(0, "", "Orion hunts, and the Scorpion follows."));
        assertEquals("Shot 3", Chapters.title(2, "", ""));
        assertEquals(40, Chapters.title(0, "x".repeat(80), "").length());
    }

    @Test
    void metadataIsEscaped() {
        String text = Chapters.ffmetadata("A=B; #1", List.of(new Chapters.Chapter("a\\b\nc", 0, 1500)));
        assertEquals(";FFMETADATA1\ntitle=A\\=B\\; \\#1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1500\ntitle=a\\\\b c\n", text);
    }
}
