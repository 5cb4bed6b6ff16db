package io.starloom.cli.command;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;

import io.starloom.cli.ExitCode;
import io.starloom.cli.client.Starloom;
import io.starloom.cli.view.StoryText;
import io.starloom.proto.v1.ListStoriesResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List your tenant's stories, newest first.")
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "20",
            description = "stories per page, 1-100 (default ${DEFAULT-VALUE})")
    int pageSize;

    @Option(names = "--page-token", paramLabel = "TOKEN", description = "the next page, as printed after a full page")
    String pageToken;

    @ParentCommand
    StarloomCommand top;

    @Override
    public Integer call() {
        ListStoriesResponse page;
        try (Starloom starloom = top.connection.connect()) {
            page = starloom.list(pageSize, pageToken);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (page.getStoriesCount() == 0) {
            out.println("no stories");
        }
        page.getStoriesList().forEach(story -> out.println(StoryText.row(story, ZoneId.systemDefault())));
        if (!page.getNextPageToken().isEmpty()) {
            spec.commandLine().getErr()
                    .println("more: starloom list --page-size " + pageSize + " --page-token " + page.getNextPageToken());
        }
        return ExitCode.OK;
    }
}
