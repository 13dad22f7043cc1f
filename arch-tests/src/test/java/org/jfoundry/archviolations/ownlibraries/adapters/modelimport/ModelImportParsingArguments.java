package org.jfoundry.archviolations.ownlibraries.adapters.modelimport;

/** Breaks "the modelimport adapter depends only on the ports, the JDK and its own libraries": it uses picocli. */
public final class ModelImportParsingArguments {
    final picocli.CommandLine.Help.Ansi ansi = picocli.CommandLine.Help.Ansi.OFF;
}
