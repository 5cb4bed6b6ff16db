package io.starloom.cli.command;

import java.util.concurrent.Callable;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import io.starloom.cli.ExitCode;
import io.starloom.cli.client.Starloom;
import io.starloom.proto.v1.Storyboard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "preview", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the storyboard a story would get (JSON, the proto3 JSON mapping), without submitting it. "
                + "The same story and options as submit, checked by the same rules.")
public final class PreviewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoryOptions story;

    @ParentCommand
    StarloomCommand top;

    @Override
    public Integer call() throws InvalidProtocolBufferException {
        Storyboard storyboard;
        try (Starloom starloom = top.connection.connect()) {
            storyboard = starloom.preview(story.request(story.storyText()));
        }
        spec.commandLine().getOut().println(JsonFormat.printer().print(storyboard));
        return ExitCode.OK;
    }
}
