"""openai-python's audio.transcriptions.create against the service, unchanged. Usage:
openai_transcription.py formats MODEL WAV  -> what each response_format gives for one file;
openai_transcription.py refused MODEL FILE -> the SDK's error for a file the service refuses.
Prints one JSON line of findings."""
import json
import os
import sys

import openai
from openai import OpenAI

client = OpenAI(base_url=os.environ["JFOUNDRY_URL"] + "/v1", api_key="unused", max_retries=0, timeout=300)


def transcribe(model, path, response_format, **extra):
    with open(path, "rb") as audio:
        return client.audio.transcriptions.create(model=model, file=audio, response_format=response_format, **extra)


def formats(model, path):
    as_json = transcribe(model, path, "json")
    verbose = transcribe(model, path, "verbose_json", timestamp_granularities=["segment"])
    return {
        "json": {"type": type(as_json).__name__, "text": as_json.text},
        # text, srt and vtt come back from the SDK as plain strings
        "text": transcribe(model, path, "text"),
        "srt": transcribe(model, path, "srt"),
        "vtt": transcribe(model, path, "vtt"),
        "verbose": {"type": type(verbose).__name__, "text": verbose.text, "language": verbose.language,
                    "duration": verbose.duration,
                    "segments": [{"id": s.id, "start": s.start, "end": s.end, "text": s.text}
                                 for s in verbose.segments or []]},
    }


def refused(model, path):
    try:
        result = transcribe(model, path, "json")
        return {"error": None, "text": result.text}
    except openai.APIStatusError as error:
        return {"error": type(error).__name__, "status": error.status_code, "body": error.body,
                "wire": error.response.json()}


case, model, path = sys.argv[1], sys.argv[2], sys.argv[3]
print(json.dumps({"formats": formats, "refused": refused}[case](model, path)))
