package io.starloom.moderation.frames;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.protobuf.util.Durations;

import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.support.media.WorkDirectory;
import io.starloom.mesh.v1.FramesScreened;
import io.starloom.mesh.v1.ScreenFramesCommand;
import io.starloom.moderation.media.FrameSampler;
import io.starloom.moderation.media.SampledFrame;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Evidence;
import io.starloom.proto.v1.FrameEvidence;
import io.starloom.proto.v1.Verdict;

/**
 * Screens frames: samples a clip, classifies the samples in batches and turns every label that reached its
 * threshold into a finding. The flagged frames with the highest scores (at most {@code maxEvidence}) get a
 * JPEG thumbnail next to the clip in the media store, so that a reviewer sees what the classifier saw.
 * Blocking throughout: run it on a worker thread.
 */
public final class FrameScreener {
    private final FrameSampler sampler;
    private final FrameClassifier classifier;
    private final FrameRules rules;
    private final MediaStore store;
    private final int maxEvidence;
    private final int batchSize;

    /** One frame with the labels that flagged it. */
    private record Flagged(int index, Duration offset, BufferedImage image, List<FrameRules.Hit> hits) {
        float top() {
            return hits.get(0).score();
        }
    }

    public FrameScreener(FrameSampler sampler, FrameClassifier classifier, FrameRules rules, MediaStore store, int maxEvidence,
            int batchSize) {
        this.sampler = sampler;
        this.classifier = classifier;
        this.rules = rules;
        this.store = store;
        this.maxEvidence = maxEvidence;
        this.batchSize = batchSize;
    }

    public String classifierName() {
        return classifier.name();
    }

    /**
     * The answer for one generated clip.
     *
     * @throws io.starloom.mesh.support.media.MediaReferenceException when the URI is not one of the store's
     * @throws io.starloom.mesh.support.media.MediaNotFoundException when the clip is not there
     * @throws FrameSampler.UnreadableClipException when the clip is no readable video
     */
    public FramesScreened screen(ScreenFramesCommand command) {
        long started = System.nanoTime();
        Path clip = store.localFile(command.getClipUri());
        List<SampledFrame> frames = sampler.sample(clip);
        List<Map<String, Float>> scores = classify(frames.stream().map(SampledFrame::image).toList());
        List<Flagged> flagged = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            List<FrameRules.Hit> hits = rules.hits(scores.get(i));
            if (!hits.isEmpty()) {
                SampledFrame frame = frames.get(i);
                flagged.add(new Flagged(frame.index(), frame.offset(), frame.image(), hits));
            }
        }
        FramesScreened.Builder answer = FramesScreened.newBuilder()
                .setShotIndex(command.getShotIndex())
                .setAttempt(command.getAttempt())
                .setVerdict(flagged.isEmpty() ? Verdict.VERDICT_ALLOW : Verdict.VERDICT_BLOCK)
                .setFramesSampled(frames.size())
                .setClassifier(classifier.name());
        for (Flagged frame : strongest(flagged)) {
            String thumbnail = thumbnail(command, frame);
            for (FrameRules.Hit hit : frame.hits()) {
                answer.addFindings(finding(hit, FrameEvidence.newBuilder()
                        .setOffset(Durations.fromNanos(frame.offset().toNanos()))
                        .setThumbnailUri(thumbnail)
                        .setShotIndex(command.getShotIndex())
                        .setFrameIndex(frame.index())));
            }
        }
        return answer.setScreenDuration(Durations.fromNanos(System.nanoTime() - started)).build();
    }

    /** Findings for still frames (CheckFrames): no clip, so no thumbnail or offset; the index is the frame's position. */
    public List<Finding> judge(List<BufferedImage> images) {
        List<Map<String, Float>> scores = classify(images);
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            for (FrameRules.Hit hit : rules.hits(scores.get(i))) {
                findings.add(finding(hit, FrameEvidence.newBuilder().setFrameIndex(i)));
            }
        }
        return findings;
    }

    private List<Map<String, Float>> classify(List<BufferedImage> images) {
        List<Map<String, Float>> scores = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += batchSize) {
            scores.addAll(classifier.classify(images.subList(from, Math.min(images.size(), from + batchSize))));
        }
        if (scores.size() != images.size()) {
            throw new IllegalStateException(classifier.name() + " answered " + scores.size() + " scores for " + images.size() + " frames");
        }
        return scores;
    }

    private List<Flagged> strongest(List<Flagged> flagged) {
        return flagged.stream().sorted(Comparator.comparingDouble(Flagged::top).reversed()).limit(maxEvidence)
                .sorted(Comparator.comparingInt(Flagged::index)).toList();
    }

    private static Finding finding(FrameRules.Hit hit, FrameEvidence.Builder evidence) {
        return Finding.newBuilder()
                .setCategory(hit.rule().category())
                .setTerm(hit.rule().label())
                .setEvidence(Evidence.newBuilder().setFrame(evidence.setLabel(hit.rule().label()).setScore(hit.score())))
                .build();
    }

    /** The frame as a JPEG next to the clip: shot-000-a1.mp4 gets shot-000-a1-frame-02500ms.jpg. Same key on redelivery. */
    private String thumbnail(ScreenFramesCommand command, Flagged frame) {
        String clipKey = MediaKey.clip(command.getStoryId(), command.getShotIndex(), command.getAttempt()).path();
        MediaKey key = new MediaKey(clipKey.substring(0, clipKey.length() - ".mp4".length())
                + String.format("-frame-%05dms.jpg", frame.offset().toMillis()));
        try (WorkDirectory work = store.newWorkDirectory()) {
            Path file = work.path().resolve("thumbnail.jpg");
            if (!ImageIO.write(frame.image(), "jpg", file.toFile())) {
                throw new IllegalStateException("no JPEG writer in this JVM");
            }
            return store.put(key, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the thumbnail of frame " + frame.index(), e);
        }
    }
}
