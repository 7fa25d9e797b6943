/** What went wrong while making an image, a report or a measurement. */
export type DtExportErrorCode =
  | 'invalid-resolution' // the requested image size is not a scale or a width × height in range
  | 'no-map' // the twin has no map (yet) to take an image of
  | 'render' // the map could not be drawn or read back (a lost WebGL context, a tainted canvas)
  | 'invalid-coordinates'; // typed coordinates could not be read, or are too few for the measurement

/** Which tool raised it. */
export type DtExportTool = 'snapshot' | 'report' | 'measure';

/**
 * An error of the image export, the scenario report or the measuring tool. It names the tool and
 * what was wrong; when it is raised nothing has changed (no file, no measurement added).
 */
export class DtExportError extends Error {
  /** Always `DtExportError`. */
  override readonly name = 'DtExportError';
  /** The tool that raised it. */
  readonly tool: DtExportTool;
  /** What kind of failure it was. */
  readonly code: DtExportErrorCode;
  /** The reason alone, in English: `resolution "0x": the scale must be from 0.25 to 8`. */
  readonly reason: string;

  constructor(
    tool: DtExportTool,
    code: DtExportErrorCode,
    reason: string,
    options: { cause?: unknown } = {},
  ) {
    super(`DtExportError: ${tool}: ${reason}`, { cause: options.cause });
    this.tool = tool;
    this.code = code;
    this.reason = reason;
  }
}
