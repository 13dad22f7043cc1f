package org.jfoundry.archviolations.adapterdomain.domain;

public final class Core {
}
