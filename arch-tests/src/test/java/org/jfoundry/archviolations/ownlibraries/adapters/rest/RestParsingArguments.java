package org.jfoundry.archviolations.ownlibraries.adapters.rest;

/** Breaks "the rest adapter depends only on ...": it uses picocli. */
public final class RestParsingArguments {
    picocli.CommandLine commandLine;
}
