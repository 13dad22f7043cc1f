package org.jfoundry.adapters.cli.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfoundry.adapters.cli.client.ChatReply;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.adapters.cli.client.ServiceError;
import org.jfoundry.adapters.cli.client.ServiceUnreachable;
import org.jfoundry.adapters.cli.console.Terminal;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Timings;

/**
 * The chat of {@code foundry model run}: replies stream as they come; Ctrl+C cancels the reply and keeps the chat;
 * Ctrl+D or {@code /exit} leaves. A line ending in {@code \} continues on the next line, and text between two
 * {@code """} lines is one message.
 */
final class ChatSession {
    static final String BLOCK = "\"\"\"";
    private static final String HELP = """
            Commands:
              /help, /?   show this help
              /clear      start a new conversation
              /exit       leave the chat (Ctrl+D does too)
            Input:
              End a line with \\ to go on typing on the next line, or put a message between two lines of \"\"\".
              Ctrl+C cancels the reply being written; the chat goes on.""";

    private final ServiceClient client;
    private final String model;
    private final Terminal terminal;
    private final PrintWriter out;
    private final boolean verbose;
    private final List<ChatMessage> conversation = new ArrayList<>();

    ChatSession(ServiceClient client, String model, Terminal terminal, PrintWriter out, boolean verbose) {
        this.client = client;
        this.model = model;
        this.terminal = terminal;
        this.out = out;
        this.verbose = verbose;
    }

    /** Chats until /exit or the end of input. */
    void interactive() {
        out.println("Interactive Chat. Enter /? or /help for help.");
        out.println("Press Ctrl+C to cancel generation. Type /exit to leave the chat.");
        while (true) {
            String input = readMessage();
            if (input == null) {
                out.println();
                out.flush();
                return;
            }
            String command = input.strip().toLowerCase(Locale.ROOT);
            switch (command) {
                case "" -> { }
                case "/exit", "/quit", "/bye" -> {
                    return;
                }
                case "/help", "/?" -> out.println(HELP);
                case "/clear" -> {
                    conversation.clear();
                    out.println("Started a new conversation.");
                }
                default -> {
                    if (command.startsWith("/") && !command.contains(" ") && !command.contains("\n")) {
                        out.println("Unknown command '" + input.strip() + "'. Type /help for help.");
                    } else {
                        exchange(input, true);
                    }
                }
            }
        }
    }

    /** Answers one message and returns; for a prompt argument or piped input. */
    ChatReply answerOnce(String message) {
        return exchange(message, false);
    }

    @SuppressWarnings("try") // the registration only has to live as long as the reply
    private ChatReply exchange(String message, boolean keepGoingOnError) {
        conversation.add(ChatMessage.user(message));
        CancellationSignal cancel = new CancellationSignal();
        ChatReply reply;
        try (Terminal.Registration ctrlC = terminal.onInterrupt(() -> cancel.cancel("cancelled with Ctrl+C"))) {
            reply = client.chat(model, List.copyOf(conversation), chunk -> {
                out.print(chunk);
                out.flush();
            }, cancel);
        } catch (ServiceError | ServiceUnreachable failure) {
            conversation.removeLast();
            if (!keepGoingOnError) {
                throw failure;
            }
            out.println();
            out.println("Error: " + failure.getMessage());
            return null;
        }
        out.println();
        if (reply.cancelled()) {
            // The cancelled exchange leaves the conversation, so the model never sees half an answer.
            conversation.removeLast();
            out.println("(cancelled)");
        } else {
            conversation.add(ChatMessage.assistant(reply.text()));
        }
        if (verbose) {
            out.println(timings(reply));
        }
        out.flush();
        return reply;
    }

    /** The service's figures for the reply; a cancelled reply has none. */
    static String timings(ChatReply reply) {
        Timings timings = reply.timings();
        if (timings == null) {
            return String.format(Locale.ROOT, "⏱  Time to first token: -, - tokens/s (%d tokens)", reply.completionTokens());
        }
        return String.format(Locale.ROOT, "⏱  Time to first token: %d ms, %.1f tokens/s (%d tokens in %.2f s)",
                timings.timeToFirstToken().toMillis(), timings.tokensPerSecond(), reply.completionTokens(),
                timings.total().toNanos() / 1e9);
    }

    /** One message, possibly over several lines; null at the end of input (Ctrl+D). */
    private String readMessage() {
        BufferedReader in = terminal.input();
        try {
            prompt("> ");
            String line = in.readLine();
            if (line == null) {
                return null;
            }
            if (line.strip().equals(BLOCK)) {
                return readBlock(in);
            }
            StringBuilder message = new StringBuilder();
            while (line.endsWith("\\")) {
                message.append(line, 0, line.length() - 1).append('\n');
                prompt(". ");
                line = in.readLine();
                if (line == null) {
                    return message.toString();
                }
            }
            return message.append(line).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the input", e);
        }
    }

    private String readBlock(BufferedReader in) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            prompt(". ");
            String line = in.readLine();
            if (line == null || line.strip().equals(BLOCK)) {
                return String.join("\n", lines);
            }
            lines.add(line);
        }
    }

    private void prompt(String text) {
        out.print(text);
        out.flush();
    }
}
