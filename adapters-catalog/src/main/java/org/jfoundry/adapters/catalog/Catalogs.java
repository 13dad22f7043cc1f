package org.jfoundry.adapters.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.out.CatalogSource;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;

/**
 * Builds the catalog sources named in {@link ServiceSettings#catalogSources()}, in that order, which is their
 * precedence: when two sources offer the same model id, the earlier one wins ({@link #combined}).
 *
 * <ul>
 *   <li>{@code foundry}: the Azure AI Foundry catalog for {@link ServiceSettings#catalogRegion()}, kept offline in
 *       {@code <cache>/foundry.modelinfo.json}. When the environment variable {@code FOUNDRY_CATALOG} names a catalog
 *       file (a path or URL), that file takes this place instead and the online catalog is not asked; without a
 *       {@code foundry} entry it goes first.</li>
 *   <li>{@code builtin}: the models shipped with this module, built from registry packages ({@link BuiltinCatalog});
 *       listed without a network. The default settings name it after {@code foundry}, so that an online entry with
 *       the same id wins.</li>
 *   <li>{@code local:<path or url>}: a JSON array of catalog models; relative paths count from the foundry home.</li>
 *   <li>{@code hf://owner/repo[/subfolder][@revision]}: one Hugging Face ONNX GenAI folder.</li>
 *   <li>{@code hf}: the Hugging Face folders listed in {@code FOUNDRY_HF_MODELS} (comma separated {@code hf://}
 *       references); none listed, it offers nothing (downloads of {@code hf://} uris work regardless).</li>
 * </ul>
 * Endpoints can be moved with {@code FOUNDRY_CATALOG_ENDPOINT}, {@code FOUNDRY_MODEL_REGISTRY_ENDPOINT} and
 * {@code HF_ENDPOINT}; {@code HF_TOKEN} is sent to the Hub when set; {@code HTTPS_PROXY}, {@code HTTP_PROXY} and
 * {@code NO_PROXY} are honoured as curl honours them. Answers from the network are reused for 15
 * minutes; a network source that fails after answering once keeps serving its last answer (retried every minute).
 */
public final class Catalogs {
    /** How long a network source's answer is reused before the source is asked again. */
    private static final Duration REFRESH = Duration.ofMinutes(15);
    private static final Duration OFFLINE_RETRY = Duration.ofMinutes(1);

    private Catalogs() {
    }

    /** The sources in precedence order; fails with {@link InvalidRequestException} on an entry it does not know. */
    public static List<CatalogSource> fromSettings(ServiceSettings settings, FoundryHome home, Map<String, String> env) {
        CatalogConfig config = CatalogConfig.from(settings, home, env);
        HttpSupport http = catalogHttp(config);
        return fromConfig(config, http, REFRESH);
    }

    /** One source over several: every model of every source, the first source winning a duplicate id. */
    public static CatalogSource combined(List<CatalogSource> sources) {
        return new CombinedCatalog(sources);
    }

    static List<CatalogSource> fromConfig(CatalogConfig config, HttpSupport http, Duration refresh) {
        return rawSources(config, http, refresh).stream()
                .map(source -> remembersAnswers(source) ? new RememberingCatalog(source, refresh, OFFLINE_RETRY, System::nanoTime)
                        : source)
                .toList();
    }

    /** The local catalogs among the configured sources; the downloader reads their file lists. */
    static List<LocalCatalog> localCatalogs(CatalogConfig config, HttpSupport http) {
        List<LocalCatalog> locals = new ArrayList<>();
        for (CatalogSource source : rawSources(config, http, Duration.ZERO)) {
            if (source instanceof LocalCatalog local) {
                locals.add(local);
            }
        }
        return locals;
    }

    /**
     * Sources that ask the network each time get a memory; the Foundry catalog keeps its own (with a disk copy),
     * and a local file is cheap to read again, so edits to it show at once.
     */
    private static boolean remembersAnswers(CatalogSource source) {
        return source instanceof HuggingFaceCatalog
                || (source instanceof LocalCatalog local && !"file".equals(local.location().getScheme()));
    }

    private static List<CatalogSource> rawSources(CatalogConfig config, HttpSupport http, Duration refresh) {
        Map<String, CatalogSource> sources = new LinkedHashMap<>();
        boolean overridden = config.catalogOverride() != null;
        if (overridden && !config.sources().contains("foundry")) {
            add(sources, overrideCatalog(config, http));
        }
        for (String entry : config.sources()) {
            String trimmed = entry == null ? "" : entry.trim();
            if (trimmed.equals("foundry")) {
                add(sources, overridden ? overrideCatalog(config, http)
                        : new FoundryCatalog(http, config.foundryCatalogBase(), config.region(), config.cacheDirectory(),
                                FoundryCatalog.allDevices(), refresh));
            } else if (trimmed.startsWith("local:") && trimmed.length() > "local:".length()) {
                add(sources, new LocalCatalog(LocalCatalog.locate(trimmed.substring("local:".length()), config.home()), http));
            } else if (trimmed.equals(BuiltinCatalog.NAME)) {
                add(sources, BuiltinCatalog.shipped());
            } else if (trimmed.equals("hf")) {
                List<HuggingFaceRef> refs = config.huggingFaceModels().stream().map(HuggingFaceRef::parse).toList();
                add(sources, new HuggingFaceCatalog("hf", hub(config, http), refs));
            } else if (HuggingFaceRef.isRef(trimmed)) {
                add(sources, new HuggingFaceCatalog(trimmed, hub(config, http), List.of(HuggingFaceRef.parse(trimmed))));
            } else {
                throw new InvalidRequestException("unknown catalog source '" + entry
                        + "'; use foundry, builtin, local:<path or url>, hf or hf://owner/repo[/folder][@revision]", "catalogSources");
            }
        }
        return List.copyOf(sources.values());
    }

    static HuggingFaceHub hub(CatalogConfig config, HttpSupport http) {
        return new HuggingFaceHub(http, config.huggingFaceBase(), config.huggingFaceToken());
    }

    static HttpSupport catalogHttp(CatalogConfig config) {
        return new HttpSupport(HttpSupport.newClient(Duration.ofSeconds(10), config.proxy()), Duration.ofSeconds(30), 3,
                new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2)));
    }

    private static LocalCatalog overrideCatalog(CatalogConfig config, HttpSupport http) {
        return new LocalCatalog(LocalCatalog.locate(config.catalogOverride(), config.home()), http);
    }

    private static void add(Map<String, CatalogSource> sources, CatalogSource source) {
        sources.putIfAbsent(source.name(), source);
    }
}
