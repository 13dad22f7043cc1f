// The npm foundry-local-sdk, as an app uses it: init (finds the service through `foundry service status`), the
// catalog, the cache, downloads (fresh and forced, many in a row), load, chat through its endpoint with openai-node,
// unload. Usage: node foundry_sdk.cjs <sdk version> <alias> <the model's cache folder> <downloads of each kind>.
// Prints one JSON line of findings; a download that throws is counted, not fatal, so the test sees how many failed.
const fs = require("fs");
const [version, alias, folder, repeats] = process.argv.slice(2);
const { FoundryLocalManager } = require(`foundry-local-sdk-${version}`);
const OpenAI = require("openai");

// 0.3.x has no device parameter; 0.5.x takes one after the alias.
const withDevice = !version.startsWith("0.3.");
const download = (manager, force, onProgress) => withDevice
  ? manager.downloadModel(alias, undefined, undefined, force, onProgress)
  : manager.downloadModel(alias, undefined, force, onProgress);

async function downloads(manager, force) {
  const failures = [];
  let percents = [];
  for (let i = 0; i < Number(repeats); i++) {
    if (!force) {
      fs.rmSync(folder, { recursive: true, force: true }); // as `foundry cache remove` does
    }
    percents = [];
    try {
      await download(manager, force, (p) => percents.push(p));
    } catch (e) {
      failures.push(`${force ? "forced" : "fresh"} download ${i + 1}: ${e.message}`);
    }
  }
  return { failures, lastPercents: percents };
}

(async () => {
  const manager = new FoundryLocalManager();
  await manager.init(null);
  const found = { serviceUrl: manager.serviceUrl, endpoint: manager.endpoint };
  found.catalog = (await manager.listCatalogModels()).map((m) => ({ alias: m.alias, id: m.id }));
  found.cachedBefore = (await manager.listCachedModels()).map((m) => m.id);
  found.fresh = await downloads(manager, false);
  found.forced = await downloads(manager, true);
  found.cachedAfter = (await manager.listCachedModels()).map((m) => m.id);

  const info = await (withDevice ? manager.loadModel(alias, undefined, 600) : manager.loadModel(alias, 600));
  found.loaded = (await manager.listLoadedModels()).map((m) => m.id);
  const openai = new OpenAI({ baseURL: manager.endpoint, apiKey: manager.apiKey, maxRetries: 0 });
  const messages = [{ role: "user", content: "Say hello" }];
  const whole = await openai.chat.completions.create({ model: info.id, messages, temperature: 0 });
  found.chat = whole.choices[0].message.content;
  let streamed = "";
  for await (const chunk of await openai.chat.completions.create({ model: info.id, messages, temperature: 0, stream: true })) {
    streamed += chunk.choices[0]?.delta?.content ?? "";
  }
  found.streamedChat = streamed;
  await (withDevice ? manager.unloadModel(alias, undefined, true) : manager.unloadModel(alias, true));
  found.loadedAfterUnload = (await manager.listLoadedModels()).map((m) => m.id);
  console.log(JSON.stringify(found));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
