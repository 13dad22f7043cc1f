package org.jfoundry.adapters.cli.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfoundry.adapters.ort.testing.TestRuntime;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Transcription;
import org.jfoundry.ports.inference.TranscriptionRequest;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whisper tiny.en, converted from CTranslate2 by the model importer, run by the ORT engine on espeak-ng speech. */
class WhisperTranscriptionTest {

    static final List<String> SENTENCES = List.of(
            "The quick brown fox jumps over the lazy dog.",
            "Please call Stella and ask her to bring these things with her from the store.",
            "The weather today is sunny with a light breeze from the west.",
            "She sells sea shells by the sea shore.",
            "Open the window and let the fresh air come into the room.");

    private static ModelHandle whisper;

    @BeforeAll
    static void load() throws Exception {
        Path folder = SpeechFixtures.whisperTinyEn();
        CachedModel model = new CachedModel(ModelId.parse("whisper-tiny-en:1"), "whisper-tiny-en", folder,
                Files.size(folder.resolve("decoder.onnx.data")), "automatic-speech-recognition", null);
        whisper = TestRuntime.get().inferenceEngine().load(new ModelLoadSpec(model, ExecutionProvider.CPU, Map.of(), 2));
    }

    @AfterAll
    static void unload() {
        if (whisper != null) {
            whisper.close();
        }
    }

    private static Transcription transcribe(byte[] wav) {
        return whisper.transcribe(new TranscriptionRequest("whisper-tiny-en", wav, null, null, 0, null),
                new CancellationSignal());
    }

    @Test
    void transcribesSpokenSentencesWithFewWordErrors() throws Exception {
        double errors = 0;
        for (String sentence : SENTENCES) {
            Transcription transcription = transcribe(SpeechFixtures.speak(sentence));
            double wer = SpeechFixtures.wordErrorRate(sentence, transcription.text());
            System.out.printf("WER %.3f  %s  ->  %s%n", wer, sentence, transcription.text());
            errors += wer;
        }
        // faster-whisper (greedy, same weights) reads these espeak-ng clips with a mean word error rate of 0.25.
        assertThat(errors / SENTENCES.size()).as("mean word error rate").isLessThanOrEqualTo(0.30);
    }

    @Test
    void audioLongerThanOneWindowIsTranscribedWholeWithMonotonicTimestamps() throws Exception {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        StringBuilder said = new StringBuilder();
        for (int round = 0; round < 3; round++) {
            for (String sentence : SENTENCES) {
                pcm.writeBytes(pcmOf(SpeechFixtures.speak(sentence)));
                pcm.writeBytes(new byte[22_050]); // half a second of silence
                said.append(sentence).append(' ');
            }
        }
        byte[] wav = wav16(pcm.toByteArray(), 22_050);

        Transcription transcription = transcribe(wav);

        assertThat(transcription.durationSeconds()).isGreaterThan(30);
        assertThat(SpeechFixtures.wordErrorRate(said.toString(), transcription.text())).isLessThan(0.2);
        double previousEnd = 0;
        for (Transcription.Segment segment : transcription.segments()) {
            assertThat(segment.start()).as("segment %d start", segment.id()).isGreaterThanOrEqualTo(previousEnd - 1e-9);
            assertThat(segment.end()).isGreaterThanOrEqualTo(segment.start());
            previousEnd = segment.end();
        }
        assertThat(previousEnd).isLessThanOrEqualTo(transcription.durationSeconds());
        assertThat(transcription.segments().getLast().end()).isGreaterThan(30);
    }

    @Test
    void silenceGivesNoWords() throws Exception {
        byte[] wav = wav16(new byte[16_000 * 2 * 3], 16_000);

        assertThat(SpeechFixtures.words(transcribe(wav).text())).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void anEnglishOnlyModelRefusesAnotherLanguage() throws Exception {
        byte[] wav = SpeechFixtures.speak("hello");

        assertThatThrownBy(() -> whisper.transcribe(new TranscriptionRequest("whisper-tiny-en", wav, "de", null, 0,
                null), new CancellationSignal())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("English-only");
    }

    @Test
    void notAWavFileIsRefusedNamingTheFormat() {
        byte[] mp3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0};

        assertThatThrownBy(() -> transcribe(mp3)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("MP3");
    }

    /** The sample bytes of a 16-bit WAV file as espeak-ng writes it. */
    static byte[] pcmOf(byte[] wav) {
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        in.position(12);
        while (in.remaining() >= 8) {
            byte[] id = new byte[4];
            in.get(id);
            int size = in.getInt();
            if (new String(id).equals("data")) {
                byte[] data = new byte[Math.min(size, in.remaining())];
                in.get(data);
                return data;
            }
            in.position(in.position() + size + (size & 1));
        }
        throw new IllegalArgumentException("no data chunk");
    }

    static byte[] wav16(byte[] pcm, int rate) {
        ByteBuffer out = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes()).putInt(36 + pcm.length).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(pcm.length).put(pcm);
        return out.array();
    }
}
