package io.starloom.cli.command;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import io.starloom.cli.ExitCode;
import io.starloom.cli.client.Starloom;
import io.starloom.cli.view.StoryText;
import io.starloom.proto.v1.Story;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", mixinStandardHelpOptions = true, description = "Show a story: state, shots, film or why it failed.")
public final class GetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "the story")
    String storyId;

    @Option(names = "--json", description = "print the story as the API's JSON (proto3 JSON mapping)")
    boolean json;

    @ParentCommand
    StarloomCommand top;

    @Override
    public Integer call() throws InvalidProtocolBufferException {
        Story story;
        try (Starloom starloom = top.connection.connect()) {
            story = starloom.get(storyId);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonFormat.printer().print(story));
        } else {
            StoryText.summary(story, ZoneId.systemDefault()).forEach(out::println);
        }
        return ExitCode.OK;
    }
}
