package org.jfoundry.archviolations.picocli.adapters.rest;

import picocli.CommandLine;

/** Breaks "picocli is used only in the CLI adapter". */
public final class RestParsingACommandLine {
    CommandLine commandLine;
}
