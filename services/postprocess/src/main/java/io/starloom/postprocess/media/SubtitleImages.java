package io.starloom.postprocess.media;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.imageio.ImageIO;

import org.jboss.logging.Logger;

/**
 * Burned-in subtitles drawn with Java2D, because the bundled FFmpeg has neither {@code subtitles} (libass)
 * nor {@code drawtext} (freetype): each cue becomes a transparent PNG band as wide as the film, white
 * text with a dark outline, centred, that the film's filter graph overlays while the cue is shown.
 * Chinese needs a CJK font — Noto Sans CJK (Debian's fonts-noto-cjk) when installed; without one
 * Java's logical sans-serif font is used, and a warning says that Chinese may come out as boxes.
 */
final class SubtitleImages {
    private static final Logger LOG = Logger.getLogger(SubtitleImages.class);
    private static final List<String> PREFERRED = List.of("Noto Sans CJK SC", "Noto Sans SC", "Noto Sans CJK JP",
            "Source Han Sans SC", "WenQuanYi Zen Hei", "Droid Sans Fallback");
    private static final String FAMILY = chooseFamily();

    private SubtitleImages() {
    }

    /** Font family the subtitles are drawn in. */
    static String family() {
        return FAMILY;
    }

    /** Height of the band a cue is drawn in, for a film {@code height} pixels high. */
    static int bandHeight(int width, int height) {
        return (int) Math.ceil(fontSize(width, height) * 1.35 * SubtitleWriter.MAX_LINES_PER_CUE + margin(height));
    }

    /** Top of the band: the text's bottom sits a margin above the frame's bottom. */
    static int bandTop(int width, int height) {
        return height - bandHeight(width, height) - margin(height);
    }

    static void render(List<String> lines, int width, int height, Path png) {
        int band = bandHeight(width, height);
        BufferedImage image = new BufferedImage(width, band, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            FontRenderContext context = g.getFontRenderContext();
            Font base = new Font(FAMILY, Font.PLAIN, fontSize(width, height));
            // A line that is still too wide (wide glyphs, a narrow portrait film) shrinks the cue's font to fit.
            double widest = lines.stream().mapToDouble(line -> new TextLayout(line, base, context).getAdvance()).max().orElse(0);
            Font font = widest > width * 0.94 ? base.deriveFont((float) (base.getSize2D() * width * 0.94 / widest)) : base;
            int size = font.getSize();
            double lineHeight = size * 1.35;
            // Bottom-aligned: one line sits where the last of two would.
            double baseline = band - margin(height) / 2.0 - (lines.size() - 1) * lineHeight - size * 0.3;
            for (String line : lines) {
                TextLayout layout = new TextLayout(line, font, context);
                double x = (width - layout.getAdvance()) / 2;
                Shape outline = layout.getOutline(AffineTransform.getTranslateInstance(x, baseline));
                g.setColor(new Color(0, 0, 0, 200));
                g.setStroke(new BasicStroke(size / 7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(outline);
                g.setColor(Color.WHITE);
                g.fill(outline);
                baseline += lineHeight;
            }
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the subtitle picture " + png, e);
        }
    }

    /** About 5 % of the height, but never so large that a full Chinese line would not fit the width. */
    private static int fontSize(int width, int height) {
        int byHeight = Math.round(Math.min(height, 1080) * 0.052f);
        int byWidth = Math.round(width * 0.92f / (SubtitleLineBreaker.MAX_CJK_LINE + 1));
        return Math.max(10, Math.min(byHeight, byWidth));
    }

    private static int margin(int height) {
        return Math.max(4, height / 24);
    }

    private static String chooseFamily() {
        Set<String> installed;
        try {
            installed = Set.copyOf(Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
        } catch (RuntimeException | Error e) {
            installed = Set.of();
        }
        Optional<String> found = PREFERRED.stream().filter(installed::contains).findFirst();
        if (found.isEmpty()) {
            LOG.warn("no CJK font is installed (Debian: fonts-noto-cjk): burned-in Chinese subtitles may show boxes");
        }
        return found.orElse(Font.SANS_SERIF);
    }
}
