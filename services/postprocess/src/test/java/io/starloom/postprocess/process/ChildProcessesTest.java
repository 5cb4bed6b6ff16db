package io.starloom.postprocess.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measured defect: kill -9 of postprocess left its ffmpeg running. A separate JVM starts a long child
 * through {@link ChildProcesses} from a short-lived thread, as a worker would, and is then killed with
 * SIGKILL; its child must die too.
 */
class ChildProcessesTest {
    @TempDir
    Path temp;

    /** Run in the separate JVM: starts {@code sleep 300} from a thread that ends, prints its pid, waits. */
    public static void main(String[] args) throws Exception {
        Process[] child = new Process[1];
        Thread worker = new Thread(() -> {
            try {
                child[0] = ChildProcesses.start(new ProcessBuilder("sleep", "300"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        worker.start();
        worker.join();
        Files.writeString(Path.of(args[0]), String.valueOf(child[0].pid()));
        Thread.sleep(300_000);
    }

    @Test
    void aChildDiesWhenTheServiceIsKilled() throws Exception {
        assumeTrue(ChildProcesses.diesWithService(), "needs util-linux's setpriv (Linux); without it the service warns at start");
        Path pidFile = temp.resolve("child.pid");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process service = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ChildProcessesTest.class.getName(),
                pidFile.toString()).inheritIO().start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            Optional<ProcessHandle> child = ProcessHandle.of(pid);
            assertTrue(child.isPresent() && child.get().isAlive(), "the child runs while the service does");
            assertTrue(child.get().info().command().orElse("").endsWith("sleep"), "setpriv has exec'd the real command");
            // The thread that started the child is gone; the child must survive that...
            Thread.sleep(300);
            assertTrue(child.get().isAlive(), "the child outlives the thread that forked it");
            // ...and must not survive the service.
            new ProcessBuilder("kill", "-9", String.valueOf(service.pid())).start().waitFor();
            await().atMost(Duration.ofSeconds(10)).until(() -> !child.get().isAlive());
        } finally {
            service.destroyForcibly();
        }
    }
}
