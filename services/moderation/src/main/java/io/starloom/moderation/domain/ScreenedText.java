package io.starloom.moderation.domain;

/** One text to judge and what it is ("story", "shot 2 prompt"); the label may be empty. */
public record ScreenedText(String text, String label) {
}
