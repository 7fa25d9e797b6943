/** What went wrong while sharing or restoring a twin. */
export type DtShareErrorCode =
  | 'invalid-permalink' // the `#dt=` fragment is not a permalink this SDK can read
  | 'invalid-document' // the context document does not follow the schema or has inconsistent parts
  | 'mismatch' // valid, but it does not fit this twin (a scenario or layer it names is not there)
  | 'unsupported'; // valid, but asks for something this SDK cannot do (a CRS it cannot read)

/** Where the rejected state came from. */
export type DtShareOrigin = 'permalink' | 'context-document';

/**
 * An error of a permalink or a context document. It says where the input came from, what was wrong
 * and where in it (a JSON Pointer, `""` for the whole input). When it is raised nothing in the twin
 * has changed.
 */
export class DtShareError extends Error {
  /** Always `DtShareError`. */
  override readonly name = 'DtShareError';
  /** What kind of failure it was. */
  readonly code: DtShareErrorCode;
  /** Where the input came from: a permalink or a context document. */
  readonly origin: DtShareOrigin;
  /** JSON Pointer to the offending value inside the decoded input (`""`: the input as a whole). */
  readonly path: string;
  /** The reason alone, in English: `/scene/cameras/0/tilt: must be <= 90`. */
  readonly reason: string;

  constructor(
    origin: DtShareOrigin,
    code: DtShareErrorCode,
    reason: string,
    options: { path?: string; cause?: unknown } = {},
  ) {
    const path = options.path ?? '';
    const where = origin === 'permalink' ? 'permalink' : 'context document';
    super(`DtShareError: ${where}: ${path ? `${path}: ` : ''}${reason}`, { cause: options.cause });
    this.origin = origin;
    this.code = code;
    this.path = path;
    this.reason = path ? `${path}: ${reason}` : reason;
  }
}
