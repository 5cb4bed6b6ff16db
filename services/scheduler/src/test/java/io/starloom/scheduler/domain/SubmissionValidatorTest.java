package io.starloom.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.Style;

class SubmissionValidatorTest {
    private final SubmissionValidator validator = new SubmissionValidator(4000,
            Map.of("720p", "wan2.2-t2v-a14b-720p", "480p", "wan2.2-t2v-a14b-480p"));

    @Test
    void picksTheProfileOfTheResolutionWith720pAsTheDefault() {
        assertThat(validator.validate(submission("Orion", Resolution.RESOLUTION_480P, null))).isEqualTo("wan2.2-t2v-a14b-480p");
        assertThat(validator.validate(submission("Orion", Resolution.RESOLUTION_UNSPECIFIED, null))).isEqualTo("wan2.2-t2v-a14b-720p");
    }

    @Test
    void blankOrMissingTextIsInvalid() {
        for (String text : new String[] { null, "", " \n\t　" }) {
            InvalidRequestException e = invalid(submission(text, Resolution.RESOLUTION_720P, null));
            assertThat(e.unprocessable()).isFalse();
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("text");
        }
    }

    @Test
    void theLimitCountsCharactersNotUtf16UnitsOrBytes() {
        String fourThousandStars = "\uD83C\uDF1F".repeat(4000); // 🌟 is two UTF-16 units and four UTF-8 bytes
        assertThat(validator.validate(submission(fourThousandStars, Resolution.RESOLUTION_720P, null))).isNotNull();
        assertThat(validator.validate(submission("银".repeat(4000), Resolution.RESOLUTION_720P, null))).isNotNull();
        InvalidRequestException e = invalid(submission("银".repeat(4001), Resolution.RESOLUTION_720P, null));
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("text");
            assertThat(error.message()).contains("4000").contains("4001");
        });
    }

    @Test
    void everyMalformedFieldIsReportedAtOnce() {
        InvalidRequestException e = invalid(submission(" ", Resolution.RESOLUTION_720P, "k".repeat(129)));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("text", "requestId");
    }

    @Test
    void controlCharactersOtherThanLineBreaksAndTabsAreRefused() {
        for (String text : new String[] { "Orion\u0000", "Ori\u0007on", "Orion\u001B[2J", "Ori\u007Fon", "Orion\u0085", "\u009FOrion" }) {
            InvalidRequestException e = invalid(submission(text, Resolution.RESOLUTION_720P, null));
            assertThat(e.unprocessable()).isFalse();
            assertThat(e.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("text");
                assertThat(error.message()).contains("U+00");
            });
        }
        assertThat(validator.validate(submission("Orion\r\n\tand Vega\n", Resolution.RESOLUTION_720P, null))).isNotNull();
        assertThat(validator.validate(submission("安德洛墨达 🌟 \u00A0 ‍", Resolution.RESOLUTION_720P, null))).isNotNull();
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        for (String text : new String[] { "Orion\uD83C", "\uDF1FOrion", "Or\uDF1F\uD83Cion" }) {
            InvalidRequestException e = invalid(submission(text, Resolution.RESOLUTION_720P, null));
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("text");
        }
    }

    @Test
    void theRequestIdIsPlainTextToo() {
        InvalidRequestException e = invalid(submission("Orion", Resolution.RESOLUTION_720P, "key\u0000"));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("requestId");
        e = invalid(submission("Orion\u0000", Resolution.RESOLUTION_720P, "key\uD800"));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("text", "requestId");
    }

    @Test
    void aResolutionNoProfileRendersIsUnprocessableNotMalformed() {
        InvalidRequestException e = invalid(submission("Orion", Resolution.RESOLUTION_1080P, null));
        assertThat(e.unprocessable()).isTrue();
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("resolution");
            assertThat(error.message()).contains("1080p").contains("480p, 720p");
        });
    }

    private InvalidRequestException invalid(Submission submission) {
        return catchThrowableOfType(InvalidRequestException.class, () -> validator.validate(submission));
    }

    private static Submission submission(String text, Resolution resolution, String requestId) {
        return new Submission(text, Language.LANGUAGE_UNSPECIFIED, Style.STYLE_CINEMATIC, resolution, requestId);
    }
}
