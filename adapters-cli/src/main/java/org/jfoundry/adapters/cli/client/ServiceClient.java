package org.jfoundry.adapters.cli.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.model.CatalogListing;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;

/**
 * What the commands ask of a running service. The real one speaks the Foundry REST API ({@link HttpServiceClient});
 * command tests use an in-memory one. Failures the service reports arrive as {@link ServiceError}.
 */
public interface ServiceClient {

    URI baseUrl();

    /** {@code GET /foundry/list}: every catalog variant, and which catalog sources the service could not reach. */
    CatalogListing catalogListing();

    /** The models of {@link #catalogListing()}. */
    default List<CatalogModel> catalog() {
        return catalogListing().models();
    }

    /** {@code GET /openai/models}: ids of downloaded models. */
    List<ModelId> cachedModels();

    /**
     * {@code GET /foundry/resolve/{name}?ep=}: the variant the service would use for that name (an alias, an id
     * without version, or a full id): its best downloaded variant this machine runs, else the catalog variant a
     * download would fetch. The CLI never resolves names itself, so it cannot pick another variant than the service.
     *
     * @param provider null: the service's device policy chooses
     */
    ResolvedModel resolve(String name, ExecutionProvider provider);

    /**
     * {@code DELETE /openai/models/{name}?unload=}: the service deletes the cached model, refusing loads of it
     * meanwhile; a loaded one is refused (409) unless {@code unloadFirst}. Returns the removed id.
     */
    ModelId removeCached(String name, boolean unloadFirst);

    /** {@code GET /openai/loadedmodels}: ids of models in memory. */
    List<ModelId> loadedModels();

    /** {@code GET /openai/status}. */
    ServiceInfo status();

    /**
     * {@code GET /openai/load/{name}}.
     *
     * @param ttl      null: the service default; zero: never unload
     * @param provider null: the service chooses
     */
    void load(String name, Duration ttl, ExecutionProvider provider);

    /** {@code GET /openai/unload/{name}?force=}. */
    void unload(String name, boolean force);

    /**
     * {@code POST /openai/download}; reports percentages (0 to 100) as the service sends them and returns when the
     * service says it is done. Fails with {@link ServiceError} when the service reports failure.
     */
    void download(CatalogModel model, DoubleConsumer percentDone);

    /**
     * {@code POST /foundry/import}: the service converts the file (on this machine) into its cache; reports
     * percentages as {@link #download} does and returns the new variant's id.
     *
     * @param alias     null: the service derives it from the file name
     * @param precision {@code int4} or {@code fp32}; null: int4
     */
    ModelId importModel(java.nio.file.Path file, String alias, String precision, DoubleConsumer percentDone);

    /**
     * Streams a chat completion ({@code POST /v1/chat/completions}, {@code stream:true}) to the sink. Cancelling the
     * signal closes the connection, which makes the service stop generating; the call then returns with
     * {@link ChatReply#cancelled()} true.
     */
    ChatReply chat(String model, List<ChatMessage> messages, TokenSink sink, CancellationSignal cancel);

    /**
     * {@code POST /v1/audio/transcriptions} with the file as multipart/form-data; returns the answer's body in the
     * asked {@code response_format} ({@code text}, {@code srt}, {@code vtt}, {@code json}, {@code verbose_json}).
     */
    String transcribe(String model, java.nio.file.Path audio, String responseFormat, String language);
}
