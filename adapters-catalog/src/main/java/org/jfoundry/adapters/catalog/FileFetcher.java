package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.inference.CancellationSignal;

/**
 * Fetches one file into place: resumes a partial file with an HTTP Range request, retries transient failures with
 * backoff, abandons a try when the server stalls, and checks size and checksum when they are known.
 */
final class FileFetcher {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");
    private static final int BUFFER = 1 << 16;
    /** A file whose checksum is wrong twice is wrong at the source; fetching it again would not help. */
    private static final int CHECKSUM_TRIES = 2;

    /** Told the number of bytes of the file on disk whenever it changes. */
    interface FileProgress {
        void onDisk(long bytes);
    }

    private final HttpClient client;
    private final DownloadOptions options;
    private final ScheduledExecutorService watchdog;

    FileFetcher(HttpClient client, DownloadOptions options, ScheduledExecutorService watchdog) {
        this.client = client;
        this.options = options;
        this.watchdog = watchdog;
    }

    void fetch(RemoteFile file, Path destination, FileProgress progress, CancellationSignal cancel) {
        Exception last = null;
        int checksumFailures = 0;
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            if (attempt > 1) {
                options.backoff().pause(attempt, last, cancel);
            }
            cancel.throwIfCancelled();
            try {
                LocalDiskFailure.writing(destination, () -> Files.createDirectories(destination.getParent()));
                long have = Files.exists(destination) ? Files.size(destination) : 0;
                if (file.size() >= 0 && have > file.size()) {
                    have = truncate(destination);
                }
                progress.onDisk(have);
                if (file.size() < 0 || have < file.size()) {
                    transfer(file, destination, have, progress, cancel);
                }
                long size = Files.size(destination);
                if (file.size() >= 0 && size != file.size()) {
                    throw new IOException("the transfer ended after " + size + " of " + file.size() + " bytes");
                }
                String mismatch = file.checksum() == null ? null : file.checksum().mismatch(destination);
                if (mismatch == null) {
                    return;
                }
                progress.onDisk(truncate(destination));
                if (++checksumFailures >= CHECKSUM_TRIES) {
                    throw new DownloadFailedException("Downloaded " + file.path() + " is damaged: " + mismatch);
                }
                last = new IOException(mismatch);
            } catch (LocalDiskFailure failure) {
                throw new DownloadFailedException("Cannot download " + file.path() + ": " + failure.getMessage(), failure);
            } catch (HttpStatusFailure failure) {
                if (!failure.retryable()) {
                    throw new DownloadFailedException("Cannot download " + file.path() + ": " + failure.getMessage()
                            + (failure.notFound() ? " (the file does not exist on the server)" : ""), failure);
                }
                last = failure;
            } catch (IOException failure) {
                cancel.throwIfCancelled();
                last = failure;
            }
        }
        throw new DownloadFailedException("Gave up on " + file.path() + " after " + options.maxAttempts()
                + " attempts: " + (last == null ? "unknown error" : last.getMessage()), last);
    }

    private void transfer(RemoteFile file, Path destination, long have, FileProgress progress, CancellationSignal cancel)
            throws IOException {
        if ("file".equals(file.source().getScheme())) {
            copyLocal(Path.of(file.source()), destination, have, progress, cancel);
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(file.source()).GET()
                .timeout(options.stallTimeout())
                .header("User-Agent", HttpSupport.USER_AGENT);
        file.headers().forEach(request::setHeader);
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = await(client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofInputStream()), cancel);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            long offset;
            if (status == 206) {
                offset = resumedOffset(response, have, destination);
            } else if (status == 200) {
                offset = 0; // the server ignored the Range: start over
            } else if (status == 416) {
                long total = unsatisfiedTotal(response);
                if (total == have) {
                    return; // the partial file was complete already
                }
                progress.onDisk(truncate(destination));
                throw new IOException("the server refused to resume at byte " + have);
            } else {
                throw new HttpStatusFailure(file.source(), status, null, response.headers());
            }
            long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long received = copyBody(body, destination, offset, progress, cancel);
            if (expected >= 0 && received != expected) {
                throw new IOException("the connection closed after " + received + " of " + expected + " bytes");
            }
        }
    }

    private long resumedOffset(HttpResponse<?> response, long have, Path destination) throws IOException {
        Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
        if (!range.find() || Long.parseLong(range.group(1)) != have) {
            truncate(destination);
            throw new IOException("the server resumed at the wrong offset ("
                    + response.headers().firstValue("Content-Range").orElse("no Content-Range") + ")");
        }
        return have;
    }

    private static long unsatisfiedTotal(HttpResponse<?> response) {
        Matcher range = UNSATISFIED_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
        return range.find() ? Long.parseLong(range.group(1)) : -1;
    }

    private <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> pending, CancellationSignal cancel)
            throws IOException {
        Runnable unregister = cancel.onCancel(() -> pending.cancel(true));
        try {
            return pending.get();
        } catch (CancellationException e) {
            throw new CancelledException(reason(cancel));
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(e.getCause()), e.getCause());
        } finally {
            unregister.run();
        }
    }

    /** Copies the body from {@code offset}; a stall or a cancellation closes the stream under the reading thread. */
    private long copyBody(InputStream body, Path destination, long offset, FileProgress progress, CancellationSignal cancel)
            throws IOException {
        Watch watch = new Watch(body);
        long period = Math.max(10, options.stallTimeout().toMillis() / 4);
        ScheduledFuture<?> check = watchdog.scheduleAtFixedRate(
                () -> watch.abortIfIdle(options.stallTimeout()), period, period, TimeUnit.MILLISECONDS);
        Runnable unregister = cancel.onCancel(() -> watch.abort("cancelled"));
        long received = 0;
        try (FileChannel out = open(destination, offset)) {
            byte[] buffer = new byte[BUFFER];
            for (int read; (read = body.read(buffer)) >= 0; ) {
                int length = read;
                LocalDiskFailure.writing(destination, () -> out.write(ByteBuffer.wrap(buffer, 0, length)));
                received += read;
                watch.touch();
                progress.onDisk(offset + received);
            }
        } catch (LocalDiskFailure e) {
            throw e;
        } catch (IOException e) {
            cancel.throwIfCancelled();
            throw watch.reason() == null ? e : new IOException(watch.reason(), e);
        } finally {
            check.cancel(false);
            unregister.run();
        }
        cancel.throwIfCancelled();
        if (watch.reason() != null) {
            throw new IOException(watch.reason());
        }
        return received;
    }

    private static void copyLocal(Path source, Path destination, long have, FileProgress progress, CancellationSignal cancel)
            throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ); FileChannel out = open(destination, have)) {
            long size = in.size();
            long position = have <= size ? have : 0; // a longer leftover came from another file: start over
            out.truncate(position);
            while (position < size) {
                cancel.throwIfCancelled();
                long from = position;
                position += LocalDiskFailure.writing(destination,
                        () -> in.transferTo(from, Math.min(BUFFER * 16L, size - from), out));
                progress.onDisk(position);
            }
        }
    }

    private static FileChannel open(Path destination, long offset) throws IOException {
        return LocalDiskFailure.writing(destination, () -> {
            FileChannel channel = FileChannel.open(destination, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(offset);
            channel.position(offset);
            return channel;
        });
    }

    private static long truncate(Path file) throws IOException {
        Files.deleteIfExists(file);
        return 0;
    }

    private static String reason(CancellationSignal cancel) {
        return cancel.reason() == null ? "cancelled" : cancel.reason();
    }

    /** Watches one body stream; closing it is the only way to stop a blocked read. */
    private static final class Watch {
        private final InputStream stream;
        private volatile long lastActivity = System.nanoTime();
        private volatile String reason;

        Watch(InputStream stream) {
            this.stream = stream;
        }

        void touch() {
            lastActivity = System.nanoTime();
        }

        String reason() {
            return reason;
        }

        void abortIfIdle(Duration limit) {
            if (System.nanoTime() - lastActivity > limit.toNanos()) {
                abort("the server sent nothing for " + limit.toMillis() + " ms");
            }
        }

        void abort(String why) {
            if (reason == null) {
                reason = why;
            }
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing is only a way to wake the reader; the reader reports the failure
            }
        }
    }

}
