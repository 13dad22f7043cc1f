package org.jfoundry.adapters.ort.internal.loading;

/** Checks once, at start, that the JVM lets this code call native functions, and names the flag when it does not. */
public final class NativeAccess {
    private NativeAccess() {
    }

    public static void requireEnabled(Module module) {
        if (!module.isNativeAccessEnabled()) {
            throw new IllegalStateException(missingFlagMessage(module));
        }
    }

    static String missingFlagMessage(Module module) {
        String target = module.isNamed() ? module.getName() : "ALL-UNNAMED";
        return "ONNX Runtime is called through java.lang.foreign, which needs native access: start java with "
                + "--enable-native-access=" + target;
    }
}
