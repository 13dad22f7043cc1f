package org.jfoundry.adapters.cli.console;

import java.io.BufferedReader;

/** The console the CLI talks to: whether a person is there, what they type, and Ctrl+C. */
public interface Terminal {

    /** True when standard input is a terminal (a person types), false when it is a pipe or a file. */
    boolean inputIsTerminal();

    /** True when standard output is a terminal, so a progress bar may redraw its line. */
    boolean outputIsTerminal();

    /** Standard input, as UTF-8 lines. */
    BufferedReader input();

    /**
     * Runs the handler when the user presses Ctrl+C, instead of ending the process, until the returned
     * registration is closed.
     */
    Registration onInterrupt(Runnable handler);

    /** Undoes a registration. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
