package org.jfoundry.adapters.catalog;

import java.net.URI;

/** Keeps SAS signatures and tokens in query strings out of messages and logs. */
final class Redaction {
    private Redaction() {
    }

    static String redact(URI uri) {
        if (uri == null) {
            return "null";
        }
        String text = uri.toString();
        int query = text.indexOf('?');
        return query < 0 ? text : text.substring(0, query) + "?<query omitted>";
    }
}
