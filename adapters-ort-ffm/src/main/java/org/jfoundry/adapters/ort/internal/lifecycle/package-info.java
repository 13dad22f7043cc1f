/** Lifetimes of native objects: the one gate every owner of one uses to refuse calls after close and wait for calls in flight. */
package org.jfoundry.adapters.ort.internal.lifecycle;
