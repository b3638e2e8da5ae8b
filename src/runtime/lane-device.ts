// A lane's WebGPU device: watched for loss once a WebGPU session exists, destroyed on request (fault injection).
import type { Ort } from './ort-loader';

/** The WebGPU device of one lane's ORT instance. */
export class LaneDevice {
  /** Whether the device is already watched for loss. */
  private watching = false;
  /** The device, once a WebGPU session exists; null on WASM. */
  private device: GPUDevice | null = null;

  /** Calls `onLost` once when the device is lost (not when it is destroyed on purpose). */
  constructor(private readonly onLost: (message: string) => void) {}

  /** Starts watching ORT's device (once; call after a WebGPU session was created). */
  async watch(ort: Ort): Promise<void> {
    if (this.watching) return;
    this.watching = true;
    const device = (await ort.env.webgpu.device) as GPUDevice | undefined;
    this.device = device ?? null;
    // 'destroyed' is a loss we caused (destroy reports it itself) or a release on the way out.
    void device?.lost.then((info) => {
      if (info.reason !== 'destroyed') this.onLost(`${info.reason}: ${info.message}`);
    });
  }

  /** Resolves when the GPU work submitted so far is done (at once without a device). */
  async workDone(): Promise<void> {
    await this.device?.queue.onSubmittedWorkDone();
  }

  /**
   * Fault injection: destroys the device, as a driver reset would lose it, and returns the loss reason
   * for the caller to report (the `lost` watcher ignores 'destroyed'). Throws when the lane has no
   * WebGPU device (its sessions run on WASM, or none exists yet: `hasSessions` tells which).
   */
  destroy(hasSessions: boolean): string {
    if (this.device === null) {
      throw new Error(hasSessions
        ? 'this lane runs on WASM: it has no WebGPU device to destroy'
        : 'no session in this lane yet, so no WebGPU device to destroy');
    }
    this.device.destroy();
    return "destroyed: GPUDevice.destroy() was called on the lane's WebGPU device (fault injection)";
  }
}
