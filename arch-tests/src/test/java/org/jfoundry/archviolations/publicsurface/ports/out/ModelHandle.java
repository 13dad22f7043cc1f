package org.jfoundry.archviolations.publicsurface.ports.out;

/** Stands in for the port a loaded model implements. */
public interface ModelHandle {
}
