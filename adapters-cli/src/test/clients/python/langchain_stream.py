"""langchain-openai's ChatOpenAI against the service: invoke() and stream() of the same greedy chat.
Usage: langchain_stream.py <model>; prints one JSON line of findings."""
import json
import os
import sys

from langchain_openai import ChatOpenAI

llm = ChatOpenAI(model=sys.argv[1], base_url=os.environ["JFOUNDRY_URL"] + "/v1", api_key="unused", temperature=0,
                 max_retries=0, timeout=120)
whole = llm.invoke("Say hello")
pieces = [chunk.content for chunk in llm.stream("Say hello")]
print(json.dumps({"whole": whole.content, "streamed": "".join(pieces), "pieces": len(pieces)}))
