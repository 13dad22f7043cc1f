package org.jfoundry.adapters.cli.model;

import java.io.PrintWriter;
import java.util.Locale;
import org.jfoundry.adapters.cli.Messages;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.adapters.cli.client.ServiceError;
import org.jfoundry.adapters.cli.console.ProgressBar;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.ports.model.CatalogListing;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ExecutionProvider;

/** Steps several model commands share: resolving a name, downloading, loading. */
final class Models {
    private Models() {
    }

    /**
     * The variant the service would use for that name, as the service resolves it (a downloaded one first). A name it
     * does not know, while it could not reach a catalog source, fails saying so (and how to work offline).
     *
     * @param provider null: the service's device policy chooses
     */
    static ResolvedModel resolve(ServiceClient client, String name, ExecutionProvider provider) {
        try {
            return client.resolve(name, provider);
        } catch (ServiceError failure) {
            if (failure.status() != 404) {
                throw failure;
            }
            CatalogListing listing = client.catalogListing();
            if (listing.complete()) {
                throw new ModelNotFoundException(name, failure.getMessage());
            }
            throw new ModelNotFoundException(name, failure.getMessage() + ". "
                    + Messages.catalogUnreachable(listing.unreachable()));
        }
    }

    static ResolvedModel resolve(ServiceClient client, String name) {
        return resolve(client, name, null);
    }

    /** Downloads the model unless it is cached, showing progress. */
    static void download(ServiceClient client, ResolvedModel resolved, PrintWriter out, boolean terminal) {
        if (resolved.cached()) {
            return;
        }
        CatalogModel model = resolved.model();
        out.println("Downloading " + model.id() + "...");
        out.flush();
        ProgressBar bar = new ProgressBar(out, terminal, model.fileSizeMb() * 1024 * 1024, System::nanoTime);
        try {
            client.download(model, bar::update);
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
