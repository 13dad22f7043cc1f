package org.jfoundry.ports.in;

import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Transcription;
import org.jfoundry.ports.inference.TranscriptionRequest;

/** Speech to text with a speech recognition model (Whisper). */
public interface TranscribeAudioUseCase {
    Transcription transcribe(TranscriptionRequest request, CancellationSignal cancel);
}
