"""foundry-local-sdk (Python) as an app uses it: the manager finds the service through `foundry service status`,
lists the catalog, downloads, loads, chats through its endpoint with openai-python, unloads.
Usage: foundry_sdk.py <alias or id>... ; prints one JSON line of findings."""
import json
import sys

import openai
from foundry_local import FoundryLocalManager

found = {}
manager = FoundryLocalManager()
found["endpoint"] = manager.endpoint
found["catalog"] = [{"alias": m.alias, "id": m.id, "publisher": m.publisher, "task": m.task, "license": m.license}
                    for m in manager.list_catalog_models()]
found["cachedBefore"] = [m.id for m in manager.list_cached_models()]
found["models"] = []
for name in sys.argv[1:]:
    info = manager.download_model(name)
    cached = [m.id for m in manager.list_cached_models()]
    manager.load_model(name)
    loaded = [m.id for m in manager.list_loaded_models()]
    client = openai.OpenAI(base_url=manager.endpoint, api_key=manager.api_key, max_retries=0)
    answer = client.chat.completions.create(model=info.id, messages=[{"role": "user", "content": "Say hello"}])
    manager.unload_model(name, force=True)
    found["models"].append({"name": name, "id": info.id, "cached": info.id in cached, "loaded": loaded,
                            "chat": answer.choices[0].message.content,
                            "loadedAfterUnload": [m.id for m in manager.list_loaded_models()]})
print(json.dumps(found))
