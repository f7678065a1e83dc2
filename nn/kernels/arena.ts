import { readFileSync } from 'node:fs';

/** The exports of nn/wasm/matmul.wasm (source: nn/wasm/matmul.as.ts). */
interface KernelExports {
  matmul(a: number, b: number, c: number, m: number, k: number, n: number, accumulate: number): void;
  transpose(src: number, dst: number, rows: number, cols: number): void;
}

const wasmModule = new WebAssembly.Module(readFileSync(new URL('../wasm/matmul.wasm', import.meta.url)));

/** A float32 matrix living in the arena's WebAssembly memory. */
export interface Tensor {
  readonly rows: number;
  readonly cols: number;
  /** Byte offset in the arena memory. */
  readonly offset: number;
  /** A view on the memory: valid for the arena's life (the memory never grows). */
  readonly data: Float32Array;
}

/**
 * Fixed-size WebAssembly memory holding the tensors the SIMD kernels work on. Allocation is a bump
 * pointer: a training run allocates its buffers once. The memory never grows, so views stay valid.
 */
export class Arena {
  private readonly memory: WebAssembly.Memory;
  private readonly kernels: KernelExports;
  private next = 0;
  readonly capacityBytes: number;

  constructor(capacityBytes: number) {
    const pages = Math.ceil(capacityBytes / 65536);
    this.capacityBytes = pages * 65536;
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    this.kernels = new WebAssembly.Instance(wasmModule, { env: { memory: this.memory } }).exports as unknown as KernelExports;
  }

  tensor(rows: number, cols: number): Tensor {
    const bytes = rows * cols * 4;
    const offset = this.next;
    if (offset + bytes > this.capacityBytes) {
      throw new Error(`internal error: arena of ${this.capacityBytes} bytes cannot hold another ${rows} x ${cols} tensor`);
    }
    this.next = offset + Math.ceil(bytes / 16) * 16; // 16-byte alignment for v128 loads
    return { rows, cols, offset, data: new Float32Array(this.memory.buffer, offset, rows * cols) };
  }

  /** c = a b, or c += a b with `accumulate`. */
  matmul(a: Tensor, b: Tensor, c: Tensor, accumulate = false): void {
    if (a.cols !== b.rows || c.rows !== a.rows || c.cols !== b.cols) {
      throw new Error(`internal error: matmul of ${a.rows}x${a.cols} by ${b.rows}x${b.cols} into ${c.rows}x${c.cols}`);
    }
    this.kernels.matmul(a.offset, b.offset, c.offset, a.rows, a.cols, b.cols, accumulate ? 1 : 0);
  }

  transpose(src: Tensor, dst: Tensor): void {
    if (dst.rows !== src.cols || dst.cols !== src.rows) throw new Error('internal error: transpose shape');
    this.kernels.transpose(src.offset, dst.offset, src.rows, src.cols);
  }
}
