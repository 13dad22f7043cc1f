package org.jfoundry.adapters.cli.model;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.jfoundry.adapters.cli.Messages;
import org.jfoundry.adapters.cli.client.ModelResolver;
import org.jfoundry.adapters.cli.client.ModelResolver.Resolved;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.adapters.cli.client.ServiceError;
import org.jfoundry.adapters.cli.console.ProgressBar;
import org.jfoundry.ports.failure.ModelNotCachedException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.model.CatalogListing;

/** Steps several model commands share: resolving a name, downloading, loading. */
final class Models {
    private Models() {
    }

    /**
     * The variant the service would use for that name, preferring a downloaded one. A name nothing knows, while the
     * service could not reach a catalog source, fails saying so (and how to work offline).
     */
    static Resolved resolve(ServiceClient client, String name) {
        CatalogListing listing;
        try {
            listing = client.catalogListing();
        } catch (ServiceError noCatalog) {
            // downloaded models can still be named when the catalog is unreachable
            listing = new CatalogListing(List.of(), List.of("the service's catalog: " + noCatalog.getMessage()));
        }
        ModelResolver resolver = new ModelResolver(listing.models(), client.cachedModels(),
                ModelResolver.providers(client.status()));
        try {
            return resolver.resolve(name);
        } catch (ModelNotFoundException notFound) {
            if (listing.complete()) {
                throw notFound;
            }
            throw new ModelNotFoundException(name, notFound.getMessage() + ". "
                    + Messages.catalogUnreachable(listing.unreachable()));
        }
    }

    /** Downloads the model unless it is cached, showing progress. */
    static void download(ServiceClient client, Resolved model, PrintWriter out, boolean terminal) {
        if (model.cached()) {
            return;
        }
        if (model.entry() == null) {
            throw new ModelNotCachedException(model.id().toString());
        }
        out.println("Downloading " + model.id() + "...");
        out.flush();
        ProgressBar bar = new ProgressBar(out, terminal, model.entry().fileSizeMb() * 1024 * 1024, System::nanoTime);
        try {
            client.download(model.entry(), bar::update);
        } finally {
            bar.finish();
        }
        out.println("🟢 Model " + model.id() + " downloaded successfully");
        out.flush();
    }

    static String fileSize(long megabytes) {
        if (megabytes <= 0) {
            return "-";
        }
        return megabytes >= 1024 ? String.format(Locale.ROOT, "%.2f GB", megabytes / 1024.0)
                : String.format(Locale.ROOT, "%d MB", megabytes);
    }
}
