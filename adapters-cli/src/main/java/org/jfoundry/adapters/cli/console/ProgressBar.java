package org.jfoundry.adapters.cli.console;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Download progress: on a terminal one redrawn line,
 * {@code [#####.....] 42.50 % [Time remaining: about 10s]  19.8 MB/s}; elsewhere a plain line at every tenth,
 * so logs stay short. Speed and time remaining need the total size; without it only the percentage shows.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean redraw;
    private final long totalBytes;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private int lastTenth = -1;
    private int lastLength;

    /** @param totalBytes 0 when unknown */
    public ProgressBar(PrintWriter out, boolean terminal, long totalBytes, LongSupplier nanoTime) {
        this.out = out;
        this.redraw = terminal;
        this.totalBytes = totalBytes;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    public synchronized void update(double percent) {
        double clamped = Math.max(0, Math.min(100, percent));
        if (redraw) {
            String line = render(clamped);
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            out.flush();
        } else {
            int tenth = (int) (clamped / 10);
            if (tenth > lastTenth) {
                lastTenth = tenth;
                out.println(String.format(Locale.ROOT, "%.2f %%", clamped) + rateText(clamped));
                out.flush();
            }
        }
    }

    /** Ends the redrawn line. */
    public synchronized void finish() {
        if (redraw && lastLength > 0) {
            out.println();
            out.flush();
        }
    }

    String render(double percent) {
        int filled = (int) Math.round(percent / 100 * WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%.2f %%", percent) + rateText(percent);
    }

    private String rateText(double percent) {
        double seconds = (nanoTime.getAsLong() - startNanos) / 1e9;
        if (seconds <= 0 || percent <= 0) {
            return "";
        }
        double remaining = seconds * (100 - percent) / percent;
        String text = " [Time remaining: about " + duration(remaining) + "]";
        if (totalBytes > 0) {
            double bytesPerSecond = totalBytes * percent / 100 / seconds;
            text += String.format(Locale.ROOT, "  %.1f MB/s", bytesPerSecond / (1024 * 1024));
        }
        return text;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }
}
