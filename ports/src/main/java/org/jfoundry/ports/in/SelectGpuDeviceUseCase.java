package org.jfoundry.ports.in;

/**
 * Which GPU models load on (Foundry Local's {@code getgpudevice}/{@code setgpudevice}): the device index passed to GPU
 * providers that take one (CUDA, TensorRT). A choice applies to models loaded afterwards; loaded ones stay put.
 */
public interface SelectGpuDeviceUseCase {
    /** The device index GPU loads use; 0 until one is selected. */
    int gpuDevice();

    /** Selects the device index for later GPU loads; a negative index is an {@code InvalidRequestException}. */
    void selectGpuDevice(int deviceId);
}
