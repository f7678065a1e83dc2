/** A float array (float64 unless said) in a WasmArena: its byte offset for the kernels and a view for TypeScript. */
export interface WasmArray<Data extends Float64Array | Float32Array = Float64Array> {
  readonly offset: number;
  readonly data: Data;
}

/**
 * A fixed WebAssembly memory for one instance of a kernel module, handed out by a bump pointer (a solver allocates
 * its buffers once, so views stay valid: the memory never grows).
 */
export class WasmArena<Exports extends { heapBase(): number }> {
  readonly kernels: Exports;
  private readonly memory: WebAssembly.Memory;
  private next = 0;
  private readonly capacityBytes: number;

  /** `imports`: the module's imports from `env` beside the memory. */
  constructor(module: WebAssembly.Module, float64Count: number, imports: Record<string, (x: number) => number> = {}) {
    // A megabyte beyond the arrays asked for: room for small tables (an FFT plan's factors and twiddles).
    const pages = Math.ceil((float64Count * 8 + (1 << 20)) / 65536);
    this.capacityBytes = pages * 65536;
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    this.kernels = new WebAssembly.Instance(module, { env: { memory: this.memory, ...imports } })
      .exports as unknown as Exports;
    // Below the heap base lies the module's static data, which the arena must neither hand out nor overwrite.
    this.next = Math.ceil(this.kernels.heapBase() / 16) * 16;
  }

  float64(length: number): WasmArray {
    const offset = this.take(length * 8);
    return { offset, data: new Float64Array(this.memory.buffer, offset, length) };
  }

  float32(length: number): WasmArray<Float32Array> {
    const offset = this.take(length * 4);
    return { offset, data: new Float32Array(this.memory.buffer, offset, length) };
  }

  /** A byte array: its offset and a view. */
  uint8(length: number): { offset: number; data: Uint8Array } {
    const offset = this.take(length);
    return { offset, data: new Uint8Array(this.memory.buffer, offset, length) };
  }

  /** An array of uint32: its offset and a view. */
  uint32(length: number): { offset: number; data: Uint32Array } {
    const offset = this.take(length * 4);
    return { offset, data: new Uint32Array(this.memory.buffer, offset, length) };
  }

  int32(values: readonly number[]): number {
    const offset = this.take(values.length * 4);
    new Int32Array(this.memory.buffer, offset, values.length).set(values);
    return offset;
  }

  private take(bytes: number): number {
    const offset = this.next;
    if (offset + bytes > this.capacityBytes)
      throw new Error(`internal error: WebAssembly arena of ${this.capacityBytes} bytes is full`);
    this.next = offset + Math.ceil(bytes / 16) * 16; // 16-byte alignment for v128 loads
    return offset;
  }
}
