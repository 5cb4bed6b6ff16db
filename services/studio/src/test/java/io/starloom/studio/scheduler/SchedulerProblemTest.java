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
