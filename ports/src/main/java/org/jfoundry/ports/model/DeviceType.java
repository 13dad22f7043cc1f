package org.jfoundry.ports.model;

/** The kind of device a model variant runs on. */
public enum DeviceType {
    CPU, GPU, NPU;

    public static DeviceType parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
