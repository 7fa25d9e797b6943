/**
 * The admission rules of the store, without the DOM: what a store entry must satisfy before its code
 * may run (a valid entry, not revoked, made for this SDK version, no tag or scenario kind already
 * taken) and the SHA-384 check of the module's bytes. The loader (loader.ts) applies them in order.
 */
import { satisfies } from './semver-range.generated.js';
import type { StoreEntry } from './store-entry.js';
import { validateEntry, type EntryValidationError } from './validate-entry.js';

/** Why the store refused or dropped a component. */
export type StoreErrorCode =
  | 'invalid-entry' // the entry does not validate against the schema
  | 'revoked' // the publisher or the store revoked it
  | 'sdk-range' // its `sdk` range does not admit this SDK version
  | 'tag-taken' // a tag or scenario kind it defines is already defined on the page
  | 'integrity' // the module's SHA-384 differs from the entry's `integrity`
  | 'load-failed' // the module could not be fetched, or threw while loading
  | 'render-failed'; // one of its elements threw while connecting or rendering

/**
 * An error of one store entry: it names the entry, the code and the reason, and the URL involved.
 * @public
 */
export class DtStoreError extends Error {
  /** Always `DtStoreError`. */
  override readonly name = 'DtStoreError';
  /** The id of the entry (`nl.acme.tree-canopy`), or `(unknown)` when the entry has none. */
  readonly entryId: string;
  /** What kind of refusal or failure it was. */
  readonly code: StoreErrorCode;
  /** The reason alone, in English: "revoked: leaks API keys". */
  readonly reason: string;
  /** The URL concerned (the module or the entry), when there is one. */
  readonly url: string | undefined;

  constructor(
    entryId: string,
    code: StoreErrorCode,
    reason: string,
    options: { url?: string; cause?: unknown } = {},
  ) {
    super(`DtStoreError: entry "${entryId}": ${code}: ${reason}`, { cause: options.cause });
    this.entryId = entryId;
    this.code = code;
    this.reason = reason;
    this.url = options.url;
  }

  /** The detail of the `dt-store-error` event for this error. */
  get detail(): StoreErrorDetail {
    return { entryId: this.entryId, code: this.code, reason: this.reason, url: this.url };
  }
}

/** Detail of the `dt-store-error` event. @public */
export interface StoreErrorDetail {
  /** The id of the entry. */
  entryId: string;
  /** Why it was refused or dropped. */
  code: StoreErrorCode;
  /** The reason, in English. */
  reason: string;
  /** The module or entry URL concerned, if any. */
  url: string | undefined;
}

/** The admission checks, in the order the loader applies them. */
export type AdmissionCheckName = 'schema' | 'status' | 'sdk-range' | 'names' | 'integrity';

/** The outcome of one admission check. @public */
export interface AdmissionCheck {
  /** Which check. */
  check: AdmissionCheckName;
  /** `pass`, `fail`, `warn` (admitted with a warning: deprecated, experimental) or `pending`. */
  outcome: 'pass' | 'fail' | 'warn' | 'pending';
  /** The error code a failure gives. */
  code?: StoreErrorCode;
  /** What was found, in English. */
  reason: string;
  /**
   * The facts behind `reason`, for a localized text: `count` (schema errors), `status` and
   * `statusReason`, `version` and `range` (SDK), `names` (taken names, comma-separated).
   */
  params?: Record<string, string | number>;
}

/** The outcome of the admission checks that need no download (see {@link checkAdmission}). @public */
export interface Admission {
  /** Whether no check failed (the integrity check is still `pending`: it needs the module). */
  admitted: boolean;
  /** Every check, in order. */
  checks: AdmissionCheck[];
  /** The schema errors, if any. */
  schemaErrors: EntryValidationError[];
  /** The first failure as an error, when not admitted. */
  error: DtStoreError | undefined;
}

/** What {@link checkAdmission} needs to know about the page. */
export interface AdmissionContext {
  /** The SDK version to check the `sdk` range against. */
  sdkVersion: string;
  /** Whether a tag is defined by something other than an earlier install of this same entry. */
  isTagTaken(tag: string): boolean;
  /** Whether a scenario kind is registered by something other than an earlier install of this entry. */
  isScenarioKindTaken(name: string): boolean;
}

/**
 * The checks that need no download: the entry validates, is not revoked, admits this SDK version,
 * and defines no tag or scenario kind already taken on the page. The integrity check stays `pending`.
 * @public
 */
export function checkAdmission(json: unknown, context: AdmissionContext): Admission {
  const validation = validateEntry(json);
  const checks: AdmissionCheck[] = [];
  const entryId =
    typeof json === 'object' && json !== null && typeof (json as { id?: unknown }).id === 'string'
      ? (json as { id: string }).id
      : '(unknown)';
  if (!validation.valid) {
    const first = validation.errors[0];
    const reason = `${validation.errors.length} schema error(s), first: ${first?.path || '/'} ${first?.message ?? ''}`;
    checks.push({
      check: 'schema',
      outcome: 'fail',
      code: 'invalid-entry',
      reason,
      params: { count: validation.errors.length },
    });
    return {
      admitted: false,
      checks,
      schemaErrors: validation.errors,
      error: new DtStoreError(entryId, 'invalid-entry', reason),
    };
  }
  checks.push({ check: 'schema', outcome: 'pass', reason: 'valid store entry' });
  const entry = json as StoreEntry;
  const component = entry.properties['tweeling:component'];
  const { status } = component;
  if (status.value === 'revoked') {
    checks.push({
      check: 'status',
      outcome: 'fail',
      code: 'revoked',
      reason: `revoked: ${status.reason ?? 'no reason given'}`,
      params: { status: status.value, statusReason: status.reason ?? '' },
    });
  } else if (status.value === 'deprecated') {
    const replacement = status.replacedBy ? `; replaced by ${status.replacedBy}` : '';
    checks.push({
      check: 'status',
      outcome: 'warn',
      reason: `deprecated: ${status.reason ?? 'no reason given'}${replacement}`,
      params: { status: status.value, statusReason: status.reason ?? '' },
    });
  } else {
    checks.push({
      check: 'status',
      outcome: status.value === 'stable' ? 'pass' : 'warn',
      reason: status.value,
      params: { status: status.value, statusReason: status.reason ?? '' },
    });
  }
  if (satisfies(context.sdkVersion, component.sdk)) {
    checks.push({
      check: 'sdk-range',
      outcome: 'pass',
      reason: `${context.sdkVersion} is in ${component.sdk}`,
      params: { version: context.sdkVersion, range: component.sdk },
    });
  } else {
    checks.push({
      check: 'sdk-range',
      outcome: 'fail',
      code: 'sdk-range',
      reason: `SDK ${context.sdkVersion} is outside the supported range ${component.sdk}`,
      params: { version: context.sdkVersion, range: component.sdk },
    });
  }
  const taken = [
    ...component.tags.filter((tag) => context.isTagTaken(tag)).map((tag) => `<${tag}>`),
    ...(component.scenarioKinds ?? [])
      .filter((name) => context.isScenarioKindTaken(name))
      .map((name) => `scenario kind "${name}"`),
  ];
  checks.push(
    taken.length > 0
      ? {
          check: 'names',
          outcome: 'fail',
          code: 'tag-taken',
          reason: `already defined on this page: ${taken.join(', ')}`,
          params: { names: taken.join(', ') },
        }
      : { check: 'names', outcome: 'pass', reason: 'its tags and scenario kinds are free' },
  );
  checks.push({
    check: 'integrity',
    outcome: 'pending',
    reason: 'checked when the module is fetched',
  });
  const failed = checks.find((check) => check.outcome === 'fail');
  return {
    admitted: failed === undefined,
    checks,
    schemaErrors: [],
    error: failed?.code ? new DtStoreError(entryId, failed.code, failed.reason) : undefined,
  };
}

/** Base64 of bytes (btoa works on a binary string; chunked so large files do not overflow the stack). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * The Subresource Integrity value of `bytes`: `sha384-` and the base64 SHA-384 digest (crypto.subtle,
 * which exists in secure contexts: https and loopback pages, workers and Node).
 * @public
 */
export async function sha384Integrity(bytes: BufferSource): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-384', bytes);
  return `sha384-${toBase64(new Uint8Array(digest))}`;
}
