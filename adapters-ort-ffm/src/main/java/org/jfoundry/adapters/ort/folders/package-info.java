/**
 * The kinds of model folder the {@code ort} engine loads: each engine package (embeddings, generate, speech) offers a
 * {@link org.jfoundry.adapters.ort.folders.ModelFolderLoader}, and the engine in the adapter's root package picks one.
 * Its own package so the engine packages never depend back on the root package that lists them.
 */
package org.jfoundry.adapters.ort.folders;
