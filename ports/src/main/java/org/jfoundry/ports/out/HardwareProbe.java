package org.jfoundry.ports.out;

import org.jfoundry.ports.model.HardwareInfo;

/** Tells which execution providers and devices this machine and runtime can use. */
public interface HardwareProbe {
    HardwareInfo probe();
}
