package io.starloom.enrichment.scratch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.google.protobuf.util.JsonFormat;

import io.starloom.enrichment.domain.Samples;
import io.starloom.enrichment.domain.StoryInput;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.Style;

@EnabledIfSystemProperty(named = "scratch", matches = ".+")
class PrintTest {
    @Test
    void print() throws Exception {
        String text = System.getProperty("scratch");
        if (text.endsWith(".txt")) text = Samples.story(text);
        Storyboard b = Samples.planner().plan(new StoryInput(text, Language.LANGUAGE_UNSPECIFIED, Style.STYLE_UNSPECIFIED, "s"));
        System.out.println("TITLE " + b.getTitle() + " myths " + b.getMythsList().stream().map(m -> m.getId()).toList()
                + " chars " + b.getCharactersList().stream().map(c -> c.getId()).toList());
        b.getAssumptionsList().forEach(a -> System.out.println("ASSUME " + a.getShotIndex() + " " + a.getKind() + " " + a.getText()));
        System.out.println("PLAN " + JsonFormat.printer().omittingInsignificantWhitespace().print(b.getPlan()));
        for (Shot s : b.getShotsList()) {
            System.out.println("--- " + s.getIndex() + " [" + s.getBeat() + "] " + s.getTransitionOut() + " mood=" + s.getMood() + " chars=" + s.getCharactersList()
                    + " iau=" + s.getConstellationsList() + " sky=" + s.getSkyList().stream().map(f -> f.getId() + "/" + f.getStarsCount()).toList() + " mw=" + s.getMilkyWay());
            System.out.println("  N: " + s.getNarration());
            System.out.println("  P: " + s.getPrompt());
        }
    }
}
