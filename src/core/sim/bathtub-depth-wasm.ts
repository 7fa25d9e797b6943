/**
 * The water-level update of the bathtub model as a small WebAssembly SIMD kernel: branch-free, four
 * cells per step, bit-for-bit the same result as the plain loop in `bathtub-depth.ts` (tests check
 * this). A JavaScript loop pays for a data-dependent branch or select per cell; this kernel does not.
 * Internal: {@link floodDepthAt} uses it and falls back to the plain loop where WebAssembly SIMD is
 * missing or blocked (a Content-Security-Policy without `wasm-unsafe-eval`).
 *
 * WebAssembly only reads its own memory, so the grids stream through it in chunks of `CHUNK` cells
 * (three 64 KiB slots that stay in the CPU cache): copy a chunk of the DEM and of the levels in, run
 * the kernel, copy the chunk of depths out. The module, written out (a `v128` holds 4 Float32 or
 * 2 Float64 values; `hc` is the smallest Float32 >= h, so that `x < hc` equals `x < h` for every
 * Float32 `x`; the depth itself is computed in Float64 like the plain loop does, then rounded):
 *
 * ```wat
 * (module
 *   (memory (export "memory") 3)  ;; DEM chunk at 0, levels at 65536, depths at 131072
 *   (func (export "depth") (param $n i32) (param $h f64) (param $hc f32)
 *     (local $i i32) (local $end i32) (local $hv v128) (local $hcv v128)
 *     (local $z v128) (local $l v128) (local $sign v128)
 *     (local.set $end (i32.shl (local.get $n) (i32.const 2)))       ;; bytes; $n is a multiple of 8
 *     (local.set $hv (f64x2.splat (local.get $h)))
 *     (local.set $hcv (f32x4.splat (local.get $hc)))
 *     (local.set $sign (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
 *     (block $done (loop $next
 *       (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
 *       ;; four cells at byte $i, then four more at $i + 16 (the same code with offset 16):
 *       (local.set $z (v128.load (local.get $i)))
 *       (local.set $l (v128.load offset=65536 (local.get $i)))
 *       (v128.store offset=131072 (local.get $i)
 *         (v128.and
 *           (v128.xor                                                 ;; h - z, negated where
 *             (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23  ;; not connected
 *               (f32x4.demote_f64x2_zero (f64x2.sub (local.get $hv) (f64x2.promote_low_f32x4 (local.get $z))))
 *               (f32x4.demote_f64x2_zero (f64x2.sub (local.get $hv) (f64x2.promote_low_f32x4
 *                 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $z) (local.get $z))))))
 *             (v128.andnot (local.get $sign) (f32x4.lt (local.get $l) (local.get $hcv))))
 *           (f32x4.lt (local.get $z) (local.get $hcv))))                ;; 0 where dry or NaN
 *       (local.set $i (i32.add (local.get $i) (i32.const 32)))
 *       (br $next)))))
 * ```
 */

/** Cells per chunk: 64 KiB of Float32 per slot. */
const CHUNK = 16384;
/** Byte offsets of the three chunk slots in the kernel's memory. */
const DEM_BYTE = 0;
const LEVELS_BYTE = CHUNK * 4;
const OUT_BYTE = CHUNK * 8;

/** The kernel's exports. */
interface DepthKernel {
  /** Depths of the first `cells` cells of the chunk slots (`cells` a multiple of 8). */
  depth(cells: number, waterLevel: number, ceilWaterLevel: number): void;
  dem: Float32Array;
  levels: Float32Array;
  out: Float32Array;
}

/** Unsigned LEB128, the integer encoding of WebAssembly binaries. */
function leb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

/** Opcodes used (core, and SIMD after the 0xfd prefix), by their text-format names. */
const CORE = { block: 0x02, loop: 0x03, end: 0x0b, br: 0x0c, brIf: 0x0d } as const;
const SIMD_OPS = {
  'v128.load': 0x00,
  'v128.store': 0x0b,
  'v128.const': 0x0c,
  'i8x16.shuffle': 0x0d,
  'f32x4.splat': 0x13,
  'f64x2.splat': 0x14,
  'f32x4.lt': 0x43,
  'v128.and': 0x4e,
  'v128.andnot': 0x4f,
  'v128.xor': 0x51,
  'f32x4.demote_f64x2_zero': 0x5e,
  'f64x2.promote_low_f32x4': 0x5f,
  'f64x2.sub': 0xf1,
} as const;

const simd = (name: keyof typeof SIMD_OPS): number[] => [0xfd, ...leb(SIMD_OPS[name])];
const get = (local: number): number[] => [0x20, local];
const set = (local: number): number[] => [0x21, local];
/** A memory argument: log2 of the alignment, then the offset. */
const memarg = (offset: number): number[] => [4, ...leb(offset)];

// Locals: 0 $n, 1 $h, 2 $hc (parameters); 3 $i, 4 $end (i32); 5 $hv, 6 $hcv, 7 $z, 8 $l, 9 $sign.
const [N, H, HC, I, END, HV, HCV, Z, L, SIGN] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const HIGH_HALF = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
const JOIN_LOW_HALVES = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];

/** Four cells at byte offset `$i + at`. */
function fourCells(at: number): number[] {
  // prettier-ignore
  return [
    ...get(I),
    ...get(I), ...simd('v128.load'), ...memarg(DEM_BYTE + at), ...set(Z),
    ...get(I), ...simd('v128.load'), ...memarg(LEVELS_BYTE + at), ...set(L),
    ...get(HV), ...get(Z), ...simd('f64x2.promote_low_f32x4'), ...simd('f64x2.sub'),
    ...simd('f32x4.demote_f64x2_zero'),
    ...get(HV), ...get(Z), ...get(Z), ...simd('i8x16.shuffle'), ...HIGH_HALF,
    ...simd('f64x2.promote_low_f32x4'), ...simd('f64x2.sub'),
    ...simd('f32x4.demote_f64x2_zero'),
    ...simd('i8x16.shuffle'), ...JOIN_LOW_HALVES,
    ...get(SIGN), ...get(L), ...get(HCV), ...simd('f32x4.lt'), ...simd('v128.andnot'),
    ...simd('v128.xor'),
    ...get(Z), ...get(HCV), ...simd('f32x4.lt'), ...simd('v128.and'),
    ...simd('v128.store'), ...memarg(OUT_BYTE + at),
  ];
}

/** The module's bytes. */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  const signBits = [0, 0, 0, 0x80, 0, 0, 0, 0x80, 0, 0, 0, 0x80, 0, 0, 0, 0x80];
  // prettier-ignore
  const code = [
    ...get(N), 0x41, 2, 0x74, ...set(END), // i32.const 2, i32.shl
    ...get(H), ...simd('f64x2.splat'), ...set(HV),
    ...get(HC), ...simd('f32x4.splat'), ...set(HCV),
    ...simd('v128.const'), ...signBits, ...set(SIGN),
    CORE.block, 0x40, CORE.loop, 0x40,
    ...get(I), ...get(END), 0x4f, CORE.brIf, 1, // i32.ge_u
    ...fourCells(0), ...fourCells(16),
    ...get(I), 0x41, 32, 0x6a, ...set(I), // i32.const 32, i32.add
    CORE.br, 0, CORE.end, CORE.end, CORE.end,
  ];
  const body = [2, 2, 0x7f, 5, 0x7b, ...code]; // locals: 2 x i32, 5 x v128
  const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
  const name = (text: string) => [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, [1, 0x60, 3, 0x7f, 0x7c, 0x7d, 0]), // type: (i32, f64, f32) -> ()
    ...section(3, [1, 0]), // one function of type 0
    ...section(5, [1, 0x00, 3]), // one memory of 3 pages (64 KiB each)
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('depth'), 0x00, 0]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}

let kernel: DepthKernel | null | undefined;

/** The kernel, built on first use; null where WebAssembly SIMD is unavailable. */
function depthKernel(): DepthKernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  try {
    const bytes = moduleBytes();
    if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(bytes)) return kernel;
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    const memory = exports.memory as WebAssembly.Memory;
    const all = new Float32Array(memory.buffer);
    kernel = {
      depth: exports.depth as DepthKernel['depth'],
      dem: all.subarray(DEM_BYTE / 4, DEM_BYTE / 4 + CHUNK),
      levels: all.subarray(LEVELS_BYTE / 4, LEVELS_BYTE / 4 + CHUNK),
      out: all.subarray(OUT_BYTE / 4, OUT_BYTE / 4 + CHUNK),
    };
  } catch {
    kernel = null; // blocked by a Content-Security-Policy, or no SIMD
  }
  return kernel;
}

/** Whether the WebAssembly SIMD kernel is available here. */
export function hasSimdDepthKernel(): boolean {
  return depthKernel() !== null;
}

const f32 = new Float32Array(1);
const bits = new Int32Array(f32.buffer);

/** The smallest Float32 value >= `h` (for a Float32 `x`, `x < result` exactly when `x < h`). */
export function ceilFloat32(h: number): number {
  const f = Math.fround(h);
  if (!(f < h)) return f; // exact, rounded up, or NaN
  if (f === 0) return 1.401298464324817e-45; // the smallest positive Float32
  f32[0] = f;
  bits[0] += f > 0 ? 1 : -1;
  return f32[0] as number;
}

/**
 * The signed depths of {@link floodDepthAt} through the SIMD kernel. Returns false (and writes
 * nothing) where the kernel is unavailable.
 */
export function floodDepthSimd(
  dem: Float32Array,
  levels: Float32Array,
  waterLevel: number,
  out: Float32Array,
): boolean {
  const k = depthKernel();
  if (!k) return false;
  const n = dem.length;
  const ceil = ceilFloat32(waterLevel);
  let i = 0;
  for (; i + CHUNK <= n; i += CHUNK) {
    k.dem.set(dem.subarray(i, i + CHUNK));
    k.levels.set(levels.subarray(i, i + CHUNK));
    k.depth(CHUNK, waterLevel, ceil);
    out.set(k.out, i);
  }
  const rest = n - i;
  if (rest > 0) {
    const padded = (rest + 7) & ~7;
    k.dem.set(dem.subarray(i));
    k.dem.fill(NaN, rest, padded); // padding lanes are dry; never copied out
    k.levels.set(levels.subarray(i));
    k.depth(padded, waterLevel, ceil);
    out.set(k.out.subarray(0, rest), i);
  }
  return true;
}
