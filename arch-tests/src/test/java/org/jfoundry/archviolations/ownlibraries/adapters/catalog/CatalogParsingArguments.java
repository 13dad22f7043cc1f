package org.jfoundry.archviolations.ownlibraries.adapters.catalog;

/** Breaks "the catalog adapter depends only on the ports, the JDK and its own libraries": it uses picocli. */
public final class CatalogParsingArguments {
    final picocli.CommandLine.Help.Ansi ansi = picocli.CommandLine.Help.Ansi.OFF;
}
