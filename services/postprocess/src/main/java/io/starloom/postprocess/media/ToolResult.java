package io.starloom.postprocess.media;

/**
 * How one run of ffmpeg or ffprobe ended.
 *
 * @param stderrTail the last lines of its diagnostics, short enough for an error message
 * @param stderr the last 64 KiB of its diagnostics, for reports a filter prints there
 */
public record ToolResult(int exitCode, String stdout, String stderrTail, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /**
     * @throws MediaToolException naming {@code what} failed, with the tool's last words
     */
    public ToolResult requireSuccess(String what) {
        if (!succeeded()) {
            throw new MediaToolException(what + " failed (exit " + exitCode + "): " + stderrTail);
        }
        return this;
    }
}
