package io.starloom.studio.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The scheduler's refusals the pages tell apart (the bodies as its JsonProblems and the fleet's 403 write them). */
class SchedulerProblemTest {
    @Test
    void anUnknownStoryboardFieldIsAnOlderSchedulerNotABadBoard() {
        SchedulerProblem unknown = new SchedulerProblem(400, "unknown field 'storyboard'",
                List.of(Map.of("field", "storyboard", "message", "is not a field of this request; the fields are text, style")));
        assertThat(unknown.unknownField("storyboard")).isTrue();
        SchedulerProblem badShot = new SchedulerProblem(400, "the storyboard is not valid",
                List.of(Map.of("field", "storyboard.shots[1].prompt", "message", "every shot needs a prompt")));
        assertThat(badShot.unknownField("storyboard")).isFalse();
        assertThat(badShot.invalidInput()).isTrue();
        SchedulerProblem noPriority = new SchedulerProblem(400, "unknown field 'priority'",
                List.of(Map.of("field", "priority", "message", "is not a field of this request; the fields are text, style")));
        assertThat(noPriority.priorityUnknown()).isTrue();
        assertThat(noPriority.unknownField("storyboard")).isFalse();
        assertThat(unknown.priorityUnknown()).isFalse();
        // The scheduler's code says it in any language the detail is written in.
        SchedulerProblem inChinese = new SchedulerProblem(400, "storyboard: 不是此请求的字段；可用的字段：text, style",
                List.of(Map.of("field", "storyboard", "code", "JSON_UNKNOWN_FIELD", "message", "不是此请求的字段；可用的字段：text, style")));
        assertThat(inChinese.unknownField("storyboard")).isTrue();
        assertThat(new SchedulerProblem(400, "storyboard: 不是预览所返回的格式", List.of(Map.of("field", "storyboard", "code",
                "STORYBOARD_UNREADABLE", "message", "…"))).unknownField("storyboard")).isFalse();
    }

    @Test
    void aPriorityAboveTheEntitlementIsShownNextToTheFormOtherForbiddensAreNot() {
        SchedulerProblem denied = new SchedulerProblem(403, "priority interactive is not allowed for this tenant",
                List.of(Map.of("field", "priority", "message", "not allowed")));
        assertThat(denied.priorityDenied()).isTrue();
        assertThat(denied.invalidInput()).isTrue();
        SchedulerProblem role = new SchedulerProblem(403, "", List.of());
        assertThat(role.priorityDenied()).isFalse();
        assertThat(role.invalidInput()).isFalse();
    }
}
