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
        return redact(uri.toString());
    }

    /** Also hides credentials ({@code user:password@}) in a URL's authority. */
    static String redact(String text) {
        text = text.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1<credentials omitted>@");
        int query = text.indexOf('?');
        return query < 0 ? text : text.substring(0, query) + "?<query omitted>";
    }
}
