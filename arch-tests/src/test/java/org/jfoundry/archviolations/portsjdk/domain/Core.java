package org.jfoundry.archviolations.portsjdk.domain;

public final class Core {
}
