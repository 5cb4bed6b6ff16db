package io.starloom.cli.command;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;
import io.starloom.cli.client.Starloom;
import io.starloom.cli.view.ProgressView;
import io.starloom.cli.view.StoryText;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.StoryState;

/** Following a story to its end (WatchStory) and the verdict: shared by {@code watch} and {@code submit --wait}. */
final class StoryFollower {
    private StoryFollower() {
    }

    /** Shows the progress until the story is final and returns it in its final state. */
    static Story follow(Starloom starloom, String storyId, PrintWriter out, boolean terminal) {
        AtomicReference<Story> last = new AtomicReference<>();
        try (ProgressView view = new ProgressView(out, terminal, Clock.systemUTC())) {
            starloom.watch(storyId, story -> {
                last.set(story);
                view.show(story);
            });
        }
        Story end = last.get() != null && StoryText.isFinal(last.get()) ? last.get() : starloom.get(storyId);
        if (!StoryText.isFinal(end)) {
            throw new CliException("the progress stream ended while story " + storyId + " is " + StoryText.state(end)
                    + "; follow it again with 'starloom watch " + storyId + "'", ExitCode.FAILED);
        }
        return end;
    }

    /** Prints the verdict; 0 only for a COMPLETED story. */
    static int report(Story story, PrintWriter out, PrintWriter err) {
        if (story.getState() == StoryState.STORY_STATE_COMPLETED) {
            out.println(StoryText.verdict(story));
            return ExitCode.OK;
        }
        err.println(StoryText.verdict(story));
        return ExitCode.FAILED;
    }
}
