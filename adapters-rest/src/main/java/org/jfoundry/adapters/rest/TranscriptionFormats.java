package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.Transcription;

/** The five {@code response_format}s of OpenAI's transcriptions endpoint, rendered from one transcription. */
enum TranscriptionFormats {
    JSON("application/json"),
    TEXT("text/plain; charset=utf-8"),
    SRT("application/x-subrip; charset=utf-8"),
    VTT("text/vtt; charset=utf-8"),
    VERBOSE_JSON("application/json");

    final String contentType;

    TranscriptionFormats(String contentType) {
        this.contentType = contentType;
    }

    static TranscriptionFormats parse(String value) {
        if (value == null) {
            return JSON;
        }
        for (TranscriptionFormats format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(value)) {
                return format;
            }
        }
        throw new InvalidRequestException("response_format must be one of json, text, srt, verbose_json or vtt, not '"
                + value + "'", "response_format");
    }

    String render(Transcription transcription) {
        return switch (this) {
            case JSON -> Json.write(Json.object().put("text", transcription.text()));
            case TEXT -> transcription.text() + "\n";
            case SRT -> subtitles(transcription, false);
            case VTT -> subtitles(transcription, true);
            case VERBOSE_JSON -> Json.write(verbose(transcription));
        };
    }

    private static ObjectNode verbose(Transcription transcription) {
        ObjectNode out = Json.object().put("task", "transcribe").put("language", transcription.language())
                .put("duration", transcription.durationSeconds()).put("text", transcription.text());
        ArrayNode segments = out.putArray("segments");
        for (Transcription.Segment segment : transcription.segments()) {
            ObjectNode node = segments.addObject().put("id", segment.id()).put("seek", segment.seek())
                    .put("start", segment.start()).put("end", segment.end()).put("text", segment.text());
            ArrayNode tokens = node.putArray("tokens");
            segment.tokens().forEach(tokens::add);
            node.put("temperature", segment.temperature()).put("avg_logprob", segment.avgLogprob())
                    .put("compression_ratio", segment.compressionRatio())
                    .put("no_speech_prob", segment.noSpeechProb());
        }
        return out;
    }

    /** SubRip numbers its cues and writes {@code 00:00:01,500}; WebVTT starts with a header and writes a dot. */
    private static String subtitles(Transcription transcription, boolean vtt) {
        StringBuilder out = new StringBuilder(vtt ? "WEBVTT\n\n" : "");
        int cue = 1;
        for (Transcription.Segment segment : transcription.segments()) {
            if (!vtt) {
                out.append(cue++).append('\n');
            }
            out.append(time(segment.start(), vtt)).append(" --> ").append(time(segment.end(), vtt)).append('\n')
                    .append(segment.text().strip()).append("\n\n");
        }
        return out.toString();
    }

    private static String time(double seconds, boolean vtt) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%s%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, vtt ? "." : ",", millis % 1000);
    }
}
