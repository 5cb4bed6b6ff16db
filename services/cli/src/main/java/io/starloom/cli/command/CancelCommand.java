package io.starloom.cli.command;

import java.util.concurrent.Callable;

import io.starloom.cli.ExitCode;
import io.starloom.cli.client.Starloom;
import io.starloom.cli.view.StoryText;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.StoryState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a story that has not finished.")
public final class CancelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "the story")
    String storyId;

    @ParentCommand
    StarloomCommand top;

    @Override
    public Integer call() {
        Story story;
        try (Starloom starloom = top.connection.connect()) {
            story = starloom.cancel(storyId);
        }
        // Canceling a story that already ended changes nothing; say so rather than look like it worked.
        String note = story.getState() == StoryState.STORY_STATE_CANCELED ? "" : " (already ended; not canceled)";
        spec.commandLine().getOut().println(story.getId() + "  " + StoryText.state(story) + note);
        return ExitCode.OK;
    }
}
