package org.jfoundry.adapters.cli.support;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.concurrent.atomic.AtomicReference;
import org.jfoundry.adapters.cli.console.Terminal;

/** Scripted input, chosen terminal-ness, and a Ctrl+C the test presses with {@link #pressCtrlC()}. */
public final class FakeTerminal implements Terminal {
    public boolean inputIsTerminal;
    public boolean outputIsTerminal;
    private BufferedReader input = new BufferedReader(new StringReader(""));
    private final AtomicReference<Runnable> interruptHandler = new AtomicReference<>();

    public FakeTerminal typing(String text) {
        input = new BufferedReader(new StringReader(text));
        return this;
    }

    @Override
    public boolean inputIsTerminal() {
        return inputIsTerminal;
    }

    @Override
    public boolean outputIsTerminal() {
        return outputIsTerminal;
    }

    @Override
    public BufferedReader input() {
        return input;
    }

    @Override
    public Registration onInterrupt(Runnable handler) {
        interruptHandler.set(handler);
        return () -> interruptHandler.compareAndSet(handler, null);
    }

    /** What Ctrl+C does: runs the registered handler; false when none is registered (the process would end). */
    public boolean pressCtrlC() {
        Runnable handler = interruptHandler.get();
        if (handler == null) {
            return false;
        }
        handler.run();
        return true;
    }
}
