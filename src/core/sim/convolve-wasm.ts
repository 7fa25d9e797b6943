/**
 * The FFT of fft.ts as a small WebAssembly SIMD kernel, for the convolutions of convolve.ts: the same radix-2 decimation in time with
 * two stages fused per radix-4 pass, the same operations in the same order (no fused
 * multiply-add), so the results are bit for bit those of the plain JavaScript FFT (tests check
 * this); the radix-4 passes handle two butterflies per instruction (`f64x2`). Internal: `fft`
 * uses it when both arrays are views on this module's memory ({@link fftScratch}) and falls back
 * to JavaScript where WebAssembly SIMD is missing or blocked (a Content-Security-Policy without
 * `wasm-unsafe-eval`).
 *
 * Memory (fixed, never grown, so views stay valid): twiddle tables for sizes up to
 * {@link WASM_FFT_MAX} (`cos[half + j]`, `sin[half + j]` as in fft.ts), the bit-reversal swap
 * lists per size, and scratch for two rows and a block of columns. The module, written out
 * (`$s` = 1 forward, -1 inverse; byte offsets; locals named as in the code below):
 *
 * ```wat
 * (func (export "fft") (param $re i32) (param $im i32) (param $n i32) (param $swaps i32)
 *     (param $count i32) (param $odd i32) (param $s f64)
 *   ;; bit reversal: swap re/im at the $count index pairs at $swaps
 *   ;; if $odd: one radix-2 stage on pairs, $h = 2; else one radix-4 pass with twiddles 1, $h = 4
 *   ;;   (x0 + x1) +- (x2 + x3), (x0 - x1) -+ s i (x2 - x3)
 *   ;; then while $h < $n: for j = 0, 2, 4 .. < $h (two butterflies per step):
 *   ;;   w1 = (cos, -s sin)[h + j .. h + j + 1], w2 = (cos, -s sin)[2h + j ..]
 *   ;;   for a = j; a < n; a += 4h:  b = a + h, c = b + h, d = c + h
 *   ;;     B = x[b] w1, D = x[d] w1; t0 = x[a] + B, t1 = x[a] - B, t2 = x[c] + D, t3 = x[c] - D
 *   ;;     U2 = t2 w2, U3 = t3 w2
 *   ;;     x[a] = t0 + U2, x[c] = t0 - U2, x[b] = t1 + s (U3i, -U3r), x[d] = t1 - s (U3i, -U3r)
 *   ;;   $h *= 4
 * )
 * ```
 */

/** The largest FFT size the kernel handles (larger ones run in JavaScript). */
export const WASM_FFT_MAX = 1 << 14;
/** Columns in a scratch block ({@link fftScratch}). */
export const WASM_BLOCK_COLUMNS = 4;

const COS = 0;
const SIN = COS + WASM_FFT_MAX * 8;
const SWAPS = SIN + WASM_FFT_MAX * 8;
const ROW_RE = SWAPS + WASM_FFT_MAX * 8;
const ROW_IM = ROW_RE + WASM_FFT_MAX * 8;
const BLOCK_RE = ROW_IM + WASM_FFT_MAX * 8;
const BLOCK_IM = BLOCK_RE + WASM_BLOCK_COLUMNS * WASM_FFT_MAX * 8;
const END = BLOCK_IM + WASM_BLOCK_COLUMNS * WASM_FFT_MAX * 8;
const PAGES = Math.ceil(END / 65536);

/** Unsigned LEB128. */
function uleb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

/** Signed LEB128 (for i32.const). */
function sleb(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      bytes.push(byte);
      return bytes;
    }
    bytes.push(byte | 0x80);
  }
}

// Locals: parameters, then i32, f64 and v128 locals.
const [RE, IM, N, SW, COUNT, ODD, S] = [0, 1, 2, 3, 4, 5, 6];
const [K, I, J, H, HB, QB, A, B, C, D, END_B] = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
const F = 18; // 17 f64 locals: F .. F + 16
const V = F + 17; // v128 locals
const [W1R, W1I, W2R, W2I, SV, NSV, XR, XI, BR, BI, DR, DI, AR, AI, CR, CI] = Array.from(
  { length: 16 },
  (_, k) => V + k,
);
const [T0R, T0I, T1R, T1I, T2R, T2I, T3R, T3I, U2R, U2I, U3R, U3I] = Array.from(
  { length: 12 },
  (_, k) => V + 16 + k,
);

const get = (x: number) => [0x20, ...uleb(x)];
const set = (x: number) => [0x21, ...uleb(x)];
const i32 = (v: number) => [0x41, ...sleb(v)];
const [ADD, MUL, SHL, GE_U] = [0x6a, 0x6c, 0x74, 0x4f];
const [F_ADD, F_SUB, F_MUL] = [0xa0, 0xa1, 0xa2];
const mem = (align: number, offset = 0) => [align, ...uleb(offset)];
const i32Load = (offset = 0) => [0x28, ...mem(2, offset)];
const f64Load = (offset = 0) => [0x2b, ...mem(3, offset)];
const f64Store = (offset = 0) => [0x39, ...mem(3, offset)];
const simd = (op: number) => [0xfd, ...uleb(op)];
const vLoad = (offset = 0) => [...simd(0x00), ...mem(3, offset)];
const vStore = (offset = 0) => [...simd(0x0b), ...mem(3, offset)];
const [V_SPLAT, V_ADD, V_SUB, V_MUL] = [simd(0x14), simd(0xf0), simd(0xf1), simd(0xf2)];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const IF = [0x04, 0x40];
const ELSE = [0x05];
const END_ = [0x0b];
const br = (depth: number) => [0x0c, depth];
const brIf = (depth: number) => [0x0d, depth];

/** `(x * y) - (u * v)` or `(x * y) + (u * v)` on v128 locals. */
const mulPair = (x: number, y: number, u: number, v: number, op: number[]) => [
  ...get(x),
  ...get(y),
  ...V_MUL,
  ...get(u),
  ...get(v),
  ...V_MUL,
  ...op,
];
/** `a op b` on v128 locals. */
const vop = (a: number, b: number, op: number[]) => [...get(a), ...get(b), ...op];
/** Stores the v128 on the stack produced by `value` at `base + offset` (i32 locals). */
const vStoreAt = (base: number, offset: number, value: number[]) => [
  ...get(base),
  ...get(offset),
  ADD,
  ...value,
  ...vStore(),
];
const vLoadAt = (base: number, offset: number) => [...get(base), ...get(offset), ADD, ...vLoad()];

/** Swaps the f64 at `base + I` and `base + J`, via f64 local F. */
const swap = (base: number) => [
  ...get(base),
  ...get(I),
  ADD,
  ...f64Load(),
  ...set(F),
  ...get(base),
  ...get(I),
  ADD,
  ...get(base),
  ...get(J),
  ADD,
  ...f64Load(),
  ...f64Store(),
  ...get(base),
  ...get(J),
  ADD,
  ...get(F),
  ...f64Store(),
];

function bitReversal(): number[] {
  // prettier-ignore
  return [
    ...i32(0), ...set(K),
    ...BLOCK, ...LOOP,
    ...get(K), ...get(COUNT), GE_U, ...brIf(1),
    ...get(SW), ...get(K), ...i32(3), SHL, ADD, ...set(A),
    ...get(A), ...i32Load(0), ...i32(3), SHL, ...set(I),
    ...get(A), ...i32Load(4), ...i32(3), SHL, ...set(J),
    ...swap(RE), ...swap(IM),
    ...get(K), ...i32(1), ADD, ...set(K),
    ...br(0), ...END_, ...END_,
  ];
}

/** One radix-2 stage on pairs (twiddle 1), scalar. */
function radix2(): number[] {
  const p = (k: number) => F + 1 + k;
  // prettier-ignore
  const one = (base: number) => [
    ...get(base), ...get(A), ADD, ...f64Load(0), ...set(p(0)),
    ...get(base), ...get(A), ADD, ...f64Load(8), ...set(p(1)),
    ...get(base), ...get(A), ADD, ...get(p(0)), ...get(p(1)), F_ADD, ...f64Store(0),
    ...get(base), ...get(A), ADD, ...get(p(0)), ...get(p(1)), F_SUB, ...f64Store(8),
  ];
  // prettier-ignore
  return [
    ...i32(0), ...set(A),
    ...BLOCK, ...LOOP,
    ...get(A), ...get(END_B), GE_U, ...brIf(1),
    ...one(RE), ...one(IM),
    ...get(A), ...i32(16), ADD, ...set(A),
    ...br(0), ...END_, ...END_,
  ];
}

/** The first radix-4 pass (twiddles 1), scalar: the JavaScript formulas with w1 = w2 = 1. */
function radix4First(): number[] {
  // f64 locals: x0r..x3r, x0i..x3i at F+1..F+8, t0r..t3i at F+9..F+16 (F+1+k).
  const x = (k: number, imag: boolean) => F + 1 + k + (imag ? 4 : 0);
  const t = (k: number, imag: boolean) => F + 9 + k + (imag ? 4 : 0);
  const load = (base: number, imag: boolean) =>
    [0, 1, 2, 3].flatMap((k) => [
      ...get(base),
      ...get(A),
      ADD,
      ...f64Load(8 * k),
      ...set(x(k, imag)),
    ]);
  const sum = (target: number, p: number, q: number, op: number) => [
    ...get(p),
    ...get(q),
    op,
    ...set(target),
  ];
  const ts = (imag: boolean) => [
    ...sum(t(0, imag), x(0, imag), x(1, imag), F_ADD),
    ...sum(t(1, imag), x(0, imag), x(1, imag), F_SUB),
    ...sum(t(2, imag), x(2, imag), x(3, imag), F_ADD),
    ...sum(t(3, imag), x(2, imag), x(3, imag), F_SUB),
  ];
  // prettier-ignore
  const store = (base: number, k: number, value: number[]) => [
    ...get(base), ...get(A), ADD, ...value, ...f64Store(8 * k),
  ];
  const sTimes = (local: number) => [...get(S), ...get(local), F_MUL];
  // prettier-ignore
  return [
    ...i32(0), ...set(A),
    ...BLOCK, ...LOOP,
    ...get(A), ...get(END_B), GE_U, ...brIf(1),
    ...load(RE, false), ...load(IM, true), ...ts(false), ...ts(true),
    ...store(RE, 0, [...get(t(0, false)), ...get(t(2, false)), F_ADD]),
    ...store(IM, 0, [...get(t(0, true)), ...get(t(2, true)), F_ADD]),
    ...store(RE, 2, [...get(t(0, false)), ...get(t(2, false)), F_SUB]),
    ...store(IM, 2, [...get(t(0, true)), ...get(t(2, true)), F_SUB]),
    // b: t1r + s t3i, t1i - s t3r; d: t1r - s t3i, t1i + s t3r
    ...store(RE, 1, [...get(t(1, false)), ...sTimes(t(3, true)), F_ADD]),
    ...store(IM, 1, [...get(t(1, true)), ...sTimes(t(3, false)), F_SUB]),
    ...store(RE, 3, [...get(t(1, false)), ...sTimes(t(3, true)), F_SUB]),
    ...store(IM, 3, [...get(t(1, true)), ...sTimes(t(3, false)), F_ADD]),
    ...get(A), ...i32(32), ADD, ...set(A),
    ...br(0), ...END_, ...END_,
  ];
}

/** The radix-4 passes with h >= 2, two butterflies (j, j + 1) per step, f64x2. */
function radix4Passes(): number[] {
  // prettier-ignore
  const twiddle = (table: number, hMul: number, target: number) => [
    ...get(H), ...i32(hMul), MUL, ...get(J), ADD, ...i32(3), SHL, ...vLoad(table), ...set(target),
  ];
  // prettier-ignore
  const butterfly = [
    ...get(A), ...get(HB), ADD, ...set(B),
    ...get(B), ...get(HB), ADD, ...set(C),
    ...get(C), ...get(HB), ADD, ...set(D),
    ...vLoadAt(RE, B), ...set(XR), ...vLoadAt(IM, B), ...set(XI),
    ...mulPair(XR, W1R, XI, W1I, V_SUB), ...set(BR),
    ...mulPair(XR, W1I, XI, W1R, V_ADD), ...set(BI),
    ...vLoadAt(RE, D), ...set(XR), ...vLoadAt(IM, D), ...set(XI),
    ...mulPair(XR, W1R, XI, W1I, V_SUB), ...set(DR),
    ...mulPair(XR, W1I, XI, W1R, V_ADD), ...set(DI),
    ...vLoadAt(RE, A), ...set(AR), ...vLoadAt(IM, A), ...set(AI),
    ...vLoadAt(RE, C), ...set(CR), ...vLoadAt(IM, C), ...set(CI),
    ...vop(AR, BR, V_ADD), ...set(T0R), ...vop(AI, BI, V_ADD), ...set(T0I),
    ...vop(AR, BR, V_SUB), ...set(T1R), ...vop(AI, BI, V_SUB), ...set(T1I),
    ...vop(CR, DR, V_ADD), ...set(T2R), ...vop(CI, DI, V_ADD), ...set(T2I),
    ...vop(CR, DR, V_SUB), ...set(T3R), ...vop(CI, DI, V_SUB), ...set(T3I),
    ...mulPair(T2R, W2R, T2I, W2I, V_SUB), ...set(U2R),
    ...mulPair(T2R, W2I, T2I, W2R, V_ADD), ...set(U2I),
    ...mulPair(T3R, W2R, T3I, W2I, V_SUB), ...set(U3R),
    ...mulPair(T3R, W2I, T3I, W2R, V_ADD), ...set(U3I),
    ...vStoreAt(RE, A, vop(T0R, U2R, V_ADD)),
    ...vStoreAt(IM, A, vop(T0I, U2I, V_ADD)),
    ...vStoreAt(RE, C, vop(T0R, U2R, V_SUB)),
    ...vStoreAt(IM, C, vop(T0I, U2I, V_SUB)),
    ...vStoreAt(RE, B, [...get(T1R), ...vop(SV, U3I, V_MUL), ...V_ADD]),
    ...vStoreAt(IM, B, [...get(T1I), ...vop(SV, U3R, V_MUL), ...V_SUB]),
    ...vStoreAt(RE, D, [...get(T1R), ...vop(SV, U3I, V_MUL), ...V_SUB]),
    ...vStoreAt(IM, D, [...get(T1I), ...vop(SV, U3R, V_MUL), ...V_ADD]),
  ];
  // prettier-ignore
  return [
    ...BLOCK, ...LOOP, // while h < n
    ...get(H), ...get(N), GE_U, ...brIf(1),
    ...get(H), ...i32(3), SHL, ...set(HB),
    ...get(HB), ...i32(2), SHL, ...set(QB),
    ...i32(0), ...set(J),
    ...BLOCK, ...LOOP, // for j = 0; j < h; j += 2
    ...get(J), ...get(H), GE_U, ...brIf(1),
    ...twiddle(COS, 1, W1R),
    ...twiddle(SIN, 1, W1I), ...get(W1I), ...get(NSV), ...V_MUL, ...set(W1I),
    ...twiddle(COS, 2, W2R),
    ...twiddle(SIN, 2, W2I), ...get(W2I), ...get(NSV), ...V_MUL, ...set(W2I),
    ...get(J), ...i32(3), SHL, ...set(A),
    ...BLOCK, ...LOOP, // for a = j; a < n; a += 4h (bytes)
    ...get(A), ...get(END_B), GE_U, ...brIf(1),
    ...butterfly,
    ...get(A), ...get(QB), ADD, ...set(A),
    ...br(0), ...END_, ...END_,
    ...get(J), ...i32(2), ADD, ...set(J),
    ...br(0), ...END_, ...END_,
    ...get(H), ...i32(2), SHL, ...set(H),
    ...br(0), ...END_, ...END_,
  ];
}

/** The module's bytes. */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  // prettier-ignore
  const code = [
    ...get(N), ...i32(3), SHL, ...set(END_B),
    ...get(S), ...V_SPLAT, ...set(SV),
    ...get(S), ...get(S), F_SUB, ...get(S), F_SUB, ...V_SPLAT, ...set(NSV), // -s
    ...bitReversal(),
    ...get(ODD), ...IF,
    ...radix2(), ...i32(2), ...set(H),
    ...ELSE,
    ...radix4First(), ...i32(4), ...set(H),
    ...END_,
    ...radix4Passes(),
    ...END_,
  ];
  // Locals after the 7 parameters: 11 i32, 17 f64, 28 v128.
  const body = [3, 11, 0x7f, 17, 0x7c, 28, 0x7b, ...code];
  const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
  const name = (text: string) => [text.length, ...Array.from(text, (ch) => ch.charCodeAt(0))];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    // type: (i32 x 6, f64) -> ()
    ...section(1, [1, 0x60, 7, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7c, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, ...uleb(PAGES)]),
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('fft'), 0x00, 0]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}

/** The instantiated kernel. */
interface WasmFft {
  buffer: ArrayBuffer;
  run: (
    re: number,
    im: number,
    n: number,
    swaps: number,
    count: number,
    odd: number,
    s: number,
  ) => void;
  /** Sizes whose swap lists are in memory. */
  swapsReady: Set<number>;
  memory: Uint8Array;
}

let kernel: WasmFft | null | undefined;

function wasmFft(): WasmFft | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  try {
    const bytes = moduleBytes();
    if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(bytes)) return kernel;
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    const memory = exports.memory as WebAssembly.Memory;
    const cos = new Float64Array(memory.buffer, COS, WASM_FFT_MAX);
    const sin = new Float64Array(memory.buffer, SIN, WASM_FFT_MAX);
    for (let half = 1; half < WASM_FFT_MAX; half *= 2) {
      for (let j = 0; j < half; j++) {
        const angle = (Math.PI * j) / half;
        cos[half + j] = Math.cos(angle);
        sin[half + j] = Math.sin(angle);
      }
    }
    kernel = {
      buffer: memory.buffer,
      run: exports.fft as WasmFft['run'],
      swapsReady: new Set(),
      memory: new Uint8Array(memory.buffer),
    };
  } catch {
    kernel = null;
  }
  return kernel;
}

/** Whether the WebAssembly SIMD FFT is available here. */
export function hasWasmFft(): boolean {
  return wasmFft() !== null;
}

/** Byte offset of the swap list of size `n` (a power of two <= WASM_FFT_MAX). */
function swapsOffset(n: number): number {
  return SWAPS + (n / 2 - 1) * 8;
}

/**
 * Runs the WebAssembly FFT when it applies (kernel available, `4 <= n <= WASM_FFT_MAX`, both arrays
 * views on its memory) and returns true; else returns false and does nothing. `swaps` and the
 * twiddles must be those of fft.ts (same formulas).
 */
export function fftWasm(
  n: number,
  swaps: Uint32Array,
  re: Float64Array,
  im: Float64Array,
  inverse: boolean,
): boolean {
  const k = kernel === undefined ? wasmFft() : kernel;
  if (!k || n < 4 || n > WASM_FFT_MAX || re.buffer !== k.buffer || im.buffer !== k.buffer) {
    return false;
  }
  const at = swapsOffset(n);
  if (!k.swapsReady.has(n)) {
    new Uint32Array(k.buffer, at, swaps.length).set(swaps);
    k.swapsReady.add(n);
  }
  const odd = Math.round(Math.log2(n)) & 1;
  k.run(re.byteOffset, im.byteOffset, n, at, swaps.length / 2, odd, inverse ? -1 : 1);
  return true;
}

/** Scratch for the FFT convolutions: two rows and a block of columns. */
export interface FftScratch {
  /** A row, real parts (`n` values). */
  re: Float64Array;
  /** A row, imaginary parts. */
  im: Float64Array;
  /** `columns * n` values: a block of columns, real parts. */
  blockRe: Float64Array;
  /** See {@link FftScratch.blockRe}. */
  blockIm: Float64Array;
}

/**
 * Scratch for FFTs of size up to `n` and `columns` columns per block: views on the WebAssembly
 * kernel's memory where it applies (so `fft` runs there without copying), else fresh arrays. The
 * views are shared: use them only between two awaits (no other code runs in between).
 */
export function fftScratch(n: number, columns: number): FftScratch {
  const k = wasmFft();
  if (k && n <= WASM_FFT_MAX && columns <= WASM_BLOCK_COLUMNS) {
    return {
      re: new Float64Array(k.buffer, ROW_RE, n),
      im: new Float64Array(k.buffer, ROW_IM, n),
      blockRe: new Float64Array(k.buffer, BLOCK_RE, columns * n),
      blockIm: new Float64Array(k.buffer, BLOCK_IM, columns * n),
    };
  }
  return {
    re: new Float64Array(n),
    im: new Float64Array(n),
    blockRe: new Float64Array(columns * n),
    blockIm: new Float64Array(columns * n),
  };
}
