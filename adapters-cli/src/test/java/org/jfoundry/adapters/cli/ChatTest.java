package org.jfoundry.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.jfoundry.adapters.cli.support.CliHarness;
import org.jfoundry.adapters.cli.support.CliHarness.Result;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.model.ModelId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatTest {
    static final ModelId QWEN = ModelId.parse("qwen2.5-0.5b-instruct-generic-cpu:3");

    @TempDir
    Path home;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(home).withCatalog();
    }

    @Test
    void aPromptArgumentIsAnsweredOnceWithOnlyTheAnswerOnStdout() {
        Result result = cli.run("model", "run", "qwen2.5-0.5b", "Say", "hello");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Hello there!\n");
        assertThat(result.err()).contains("Downloading " + QWEN).contains("🕓 Loading model...")
                .contains("🟢 Model " + QWEN + " loaded successfully");
        assertThat(cli.service.calls).containsExactly("download " + QWEN, "load " + QWEN + " ttl=default ep=null");
        assertThat(cli.service.conversations).containsExactly(List.of(ChatMessage.user("Say hello")));
    }

    @Test
    void pipedInputIsAnsweredOnceAndAppendedToThePrompt() {
        cli.terminal.typing("first line\nsecond line\n");

        Result result = cli.run("model", "run", "qwen2.5-0.5b", "Summarize:");

        assertThat(result.out()).isEqualTo("Hello there!\n");
        assertThat(cli.service.conversations.getFirst().getFirst().content())
                .isEqualTo("Summarize:\n\nfirst line\nsecond line");
    }

    @Test
    void pipedInputAloneIsThePrompt() {
        cli.terminal.typing("What is 2+2?\n");
        assertThat(cli.run("model", "run", "qwen2.5-0.5b").out()).isEqualTo("Hello there!\n");
        assertThat(cli.service.conversations.getFirst()).containsExactly(ChatMessage.user("What is 2+2?"));
    }

    @Test
    void emptyPipedInputIsBadUsage() {
        Result result = cli.run("model", "run", "qwen2.5-0.5b");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("Nothing to answer");
    }

    @Test
    void theInteractiveChatKeepsTheConversationAndClearStartsANewOne() {
        cli.terminal.inputIsTerminal = true;
        cli.terminal.typing("Hi\nAnd again\n/clear\nFresh\n/exit\n");

        Result result = cli.run("model", "run", "qwen2.5-0.5b");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Interactive Chat. Enter /? or /help for help.",
                "Press Ctrl+C to cancel generation. Type /exit to leave the chat.", "> Hello there!\n",
                "Started a new conversation.");
        assertThat(cli.service.conversations).hasSize(3);
        assertThat(cli.service.conversations.get(1)).containsExactly(ChatMessage.user("Hi"),
                ChatMessage.assistant("Hello there!"), ChatMessage.user("And again"));
        assertThat(cli.service.conversations.get(2)).containsExactly(ChatMessage.user("Fresh"));
    }

    @Test
    void ctrlCCancelsTheReplyAndTheChatGoesOn() {
        cli.terminal.inputIsTerminal = true;
        cli.terminal.typing("Tell a long story\nShort one\n");
        cli.service.chunks = List.of("Once", " upon", " a", " time");
        cli.service.actAfterChunks = 2;
        cli.service.action = () -> {
            assertThat(cli.terminal.pressCtrlC()).as("Ctrl+C is handled while a reply streams").isTrue();
            cli.service.actAfterChunks = -1; // only the first reply is interrupted
        };

        Result result = cli.run("model", "run", "qwen2.5-0.5b");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("> Once upon\n(cancelled)\n> Once upon a time\n");
        // The cancelled exchange left the conversation: the second question is asked on its own.
        assertThat(cli.service.conversations.get(1)).containsExactly(ChatMessage.user("Short one"));
        assertThat(cli.terminal.pressCtrlC()).as("no handler is left once the chat is over").isFalse();
    }

    @Test
    void ctrlDLeavesTheChat() {
        cli.terminal.inputIsTerminal = true;
        cli.terminal.typing("Hi\n");
        Result result = cli.run("model", "run", "qwen2.5-0.5b");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).endsWith("> \n");
    }

    @Test
    void multiLineInputByBackslashOrTripleQuotes() {
        cli.terminal.inputIsTerminal = true;
        cli.terminal.typing("one \\\ntwo\n\"\"\"\nthree\nfour\n\"\"\"\n/exit\n");
        cli.run("model", "run", "qwen2.5-0.5b");
        assertThat(cli.service.conversations.get(0).getLast()).isEqualTo(ChatMessage.user("one \ntwo"));
        assertThat(cli.service.conversations.get(1).getLast()).isEqualTo(ChatMessage.user("three\nfour"));
    }

    @Test
    void helpAndUnknownCommandsAnswerWithoutAskingTheModel() {
        cli.terminal.inputIsTerminal = true;
        cli.terminal.typing("/help\n/?\n/nonsense\n/exit\n");
        Result result = cli.run("model", "run", "qwen2.5-0.5b");
        assertThat(result.out()).contains("/clear      start a new conversation")
                .contains("Unknown command '/nonsense'. Type /help for help.");
        assertThat(cli.service.conversations).isEmpty();
    }

    @Test
    void verbosePrintsTimeToFirstTokenAndTokensPerSecond() {
        Result result = cli.run("model", "run", "qwen2.5-0.5b", "--verbose", "Hi");
        // The fake reports 3 tokens, the first after 20 ms, all in 120 ms: 2 tokens in 0.1 s after the first.
        assertThat(result.out()).contains("Time to first token: 20 ms, 20.0 tokens/s (3 tokens in 0.12 s)");
    }

    @Test
    void aFailedReplyInTheInteractiveChatIsReportedAndTheChatGoesOn() {
        cli.terminal.inputIsTerminal = true;
        cli.terminal.typing("Hi\n/exit\n");
        cli.service.chatFailure = "the engine broke";
        Result result = cli.run("model", "run", "qwen2.5-0.5b");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Error: the engine broke");
    }
}
