package io.starloom.mesh.support.grpc;

import static io.starloom.mesh.support.grpc.StatusMessageInterceptor.MAX_ENCODED_LENGTH;
import static io.starloom.mesh.support.grpc.StatusMessageInterceptor.percentEncode;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusMessageInterceptorTest {
    @Test
    void onlyBytesOutsidePrintableAsciiAndThePercentSignAreEscaped() {
        assertThat(percentEncode("text: a story is required (4000 characters); see https://x.dev/?a=b&c#d ~*+"))
                .isEqualTo("text: a story is required (4000 characters); see https://x.dev/?a=b&c#d ~*+");
        assertThat(percentEncode("100% 星")).isEqualTo("100%25 %E6%98%9F");
        assertThat(percentEncode("line\nnext\ttab\u0000\u007F")).isEqualTo("line%0Anext%09tab%00%7F");
        assertThat(percentEncode("🌟")).isEqualTo("%F0%9F%8C%9F");
    }

    @Test
    void aLongMessageIsCutAtACharacterBoundaryWithAnEllipsis() {
        assertThat(percentEncode("a".repeat(MAX_ENCODED_LENGTH))).isEqualTo("a".repeat(MAX_ENCODED_LENGTH));
        String cut = percentEncode("a".repeat(MAX_ENCODED_LENGTH + 1));
        assertThat(cut).hasSizeLessThanOrEqualTo(MAX_ENCODED_LENGTH).endsWith("a%E2%80%A6");

        String stars = percentEncode("星".repeat(MAX_ENCODED_LENGTH));
        assertThat(stars).hasSizeLessThanOrEqualTo(MAX_ENCODED_LENGTH).endsWith("%E6%98%9F%E2%80%A6");
        assertThat(stars.replace("%E6%98%9F", "")).isEqualTo("%E2%80%A6");
    }
}
