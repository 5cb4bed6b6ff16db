package io.starloom.cli.view;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether output goes to a person at a terminal (a redrawn progress bar) or to a file, pipe or CI log. */
public final class Terminal {
    private Terminal() {
    }

    public static boolean interactive() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        // From JDK 22 System.console() exists even when redirected; Console.isTerminal() tells the truth there.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }
}
