package io.starloom.moderation.api;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.google.protobuf.ByteString;

import io.grpc.StatusRuntimeException;

import io.starloom.mesh.support.grpc.InvalidArgument;

/**
 * Decodes the frames of a CheckFrames request, refusing what is not a PNG or JPEG, and images so large that
 * decoding them would be the attack (the size is read from the header before any pixel is decoded).
 */
final class FrameImages {
    static final int MAX_FRAMES = 64;
    static final int MAX_SIDE = 4096;

    private FrameImages() {
    }

    /** @throws StatusRuntimeException INVALID_ARGUMENT naming the bad frame ({@code frames[2]}) */
    static List<BufferedImage> decode(List<ByteString> frames) {
        if (frames.isEmpty()) {
            throw InvalidArgument.of("frames", "NO_FRAMES", "frames is empty: send 1 to " + MAX_FRAMES + " PNG or JPEG images");
        }
        if (frames.size() > MAX_FRAMES) {
            throw InvalidArgument.of("frames", "TOO_MANY_FRAMES",
                    String.format("%d frames, more than the limit of %d", frames.size(), MAX_FRAMES));
        }
        List<BufferedImage> images = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            images.add(decode(frames.get(i), "frames[" + i + "]"));
        }
        return images;
    }

    private static BufferedImage decode(ByteString bytes, String field) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Iterator<ImageReader> readers = in == null ? Collections.emptyIterator() : ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!format.equals("png") && !format.equals("jpeg")) {
                    continue;
                }
                try {
                    reader.setInput(in, true, true);
                    int width = reader.getWidth(0);
                    int height = reader.getHeight(0);
                    if (width > MAX_SIDE || height > MAX_SIDE) {
                        throw InvalidArgument.of(field, "FRAME_TOO_LARGE",
                                String.format("%s is %d×%d pixels, more than %d a side", field, width, height, MAX_SIDE));
                    }
                    return reader.read(0);
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof StatusRuntimeException status) {
                throw status;
            }
            // Falls through: a truncated or corrupt image is not an image.
        }
        throw InvalidArgument.of(field, "NOT_AN_IMAGE", field + " is not a readable PNG or JPEG image");
    }
}
