/**
 * The {@code foundry} command line as a whole: the root command, which lists the command groups, and its parser. Its
 * own package so the command groups (model, service, cache) depend on the shared CLI classes one way only.
 */
package org.jfoundry.adapters.cli.foundry;
