package org.jfoundry.ports.inference;

import java.util.List;
import java.util.Objects;
import org.jfoundry.ports.model.ModelId;

/**
 * What was said, whole and in timed segments.
 *
 * @param language        the spoken language's code
 * @param durationSeconds the audio's length
 */
public record Transcription(ModelId model, String text, String language, double durationSeconds,
                            List<Segment> segments) {

    public Transcription {
        Objects.requireNonNull(text, "text");
        segments = List.copyOf(segments);
    }

    /**
     * One stretch of speech, as in OpenAI's {@code verbose_json}.
     *
     * @param seek             the first 10 ms frame of the 30-second window it was decoded in
     * @param avgLogprob       mean log probability of its tokens
     * @param compressionRatio text length over its deflated length (high when the model repeats itself)
     * @param noSpeechProb     the model's probability that its window holds no speech
     */
    public record Segment(int id, int seek, double start, double end, String text, List<Integer> tokens,
                          double temperature, double avgLogprob, double compressionRatio, double noSpeechProb) {
        public Segment {
            Objects.requireNonNull(text, "text");
            tokens = List.copyOf(tokens);
            if (end < start) {
                throw new IllegalArgumentException("segment ends (" + end + ") before it starts (" + start + ")");
            }
        }
    }
}
