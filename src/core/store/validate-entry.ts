import { validate as validateSchema } from './entry-validator.generated.js';
import type { GeneratedValidatorError } from './entry-validator.generated.js';
import { validRange } from './semver-range.generated.js';
import { INSTALLABLE_BUILT_INS, RECORD_CORE, type StoreEntry } from './store-entry.js';

/** One reason an entry is invalid: where (a JSON Pointer into the entry) and what. */
export interface EntryValidationError {
  /** JSON Pointer to the offending value, `""` for the entry itself. */
  path: string;
  /** What is wrong, in English. */
  message: string;
}

/** The outcome of {@link validateEntry}. */
export interface EntryValidation {
  /** Whether the entry is valid. */
  valid: boolean;
  /** Every reason it is not (empty when valid). */
  errors: EntryValidationError[];
}

const COMPONENT = '/properties/tweeling:component';

/** What a failed `contains` means, by the schema path of the keyword. */
const CONTAINS_MESSAGES: [RegExp, string][] = [
  [/^#\/properties\/conformsTo\//, `must include "${RECORD_CORE}"`],
  [/\/locales\/allOf\/0\//, 'must include "nl"'],
  [/\/locales\/allOf\/1\//, 'must include "en"'],
  [/^#\/properties\/links\//, 'must include a link with rel "about" (the landing page)'],
];

/** ajv's error, made readable: the path names the missing property, enums list their values. */
function describe(error: GeneratedValidatorError): EntryValidationError | undefined {
  const { keyword, params, instancePath } = error;
  // `if` only says which branch failed; the `then` errors carry the reason.
  if (keyword === 'if') return undefined;
  if (keyword === 'required') {
    return { path: `${instancePath}/${String(params.missingProperty)}`, message: 'is required' };
  }
  if (keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return { path: instancePath, message: `must be one of: ${params.allowedValues.join(', ')}` };
  }
  if (keyword === 'contains') {
    const known = CONTAINS_MESSAGES.find(([pattern]) => pattern.test(error.schemaPath));
    return { path: instancePath, message: known ? known[1] : (error.message ?? keyword) };
  }
  if (keyword === 'const') {
    return { path: instancePath, message: `must be ${JSON.stringify(params.allowedValue)}` };
  }
  if (keyword === 'pattern') {
    return { path: instancePath, message: `must match ${String(params.pattern)}` };
  }
  if (keyword === 'not' && instancePath === `${COMPONENT}/tagPrefix`) {
    return { path: instancePath, message: 'dt- is reserved for the SDK' };
  }
  return { path: instancePath, message: error.message ?? keyword };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The rules JSON Schema cannot express: tags and scenario kinds start with the tag prefix, `sdk` is
 * a semver range. Checked on whatever parts are there, so they are reported beside schema errors.
 */
function checkBeyondSchema(entry: unknown): EntryValidationError[] {
  const errors: EntryValidationError[] = [];
  const properties = isRecord(entry) ? entry.properties : undefined;
  const component = isRecord(properties) ? properties['tweeling:component'] : undefined;
  if (!isRecord(component)) return errors;
  const prefix = typeof component.tagPrefix === 'string' ? component.tagPrefix : undefined;
  const checkNames = (field: 'tags' | 'scenarioKinds', what: string) => {
    const names = component[field];
    if (prefix === undefined || !Array.isArray(names)) return;
    names.forEach((name: unknown, index) => {
      if (typeof name === 'string' && !name.startsWith(prefix)) {
        errors.push({
          path: `${COMPONENT}/${field}/${index}`,
          message: `${what} "${name}" does not start with the tag prefix "${prefix}"`,
        });
      }
    });
  };
  checkNames('tags', 'tag');
  checkNames('scenarioKinds', 'scenario kind');
  const tags: unknown[] = Array.isArray(component.tags) ? component.tags : [];
  const allowed = new Set<unknown>([...tags, ...INSTALLABLE_BUILT_INS]);
  const elements: unknown[] = Array.isArray(component.elements) ? component.elements : [];
  elements.forEach((element, index) => {
    if (isRecord(element) && typeof element.tag === 'string' && !allowed.has(element.tag)) {
      errors.push({
        path: `${COMPONENT}/elements/${index}/tag`,
        message: `"${element.tag}" is neither one of its tags nor ${INSTALLABLE_BUILT_INS.join(', ')}`,
      });
    }
  });
  if (typeof component.sdk === 'string' && validRange(component.sdk) === null) {
    errors.push({ path: `${COMPONENT}/sdk`, message: `"${component.sdk}" is not a semver range` });
  }
  const status = component.status;
  if (isRecord(status) && isRecord(entry) && status.replacedBy === entry.id) {
    errors.push({ path: `${COMPONENT}/status/replacedBy`, message: 'names the entry itself' });
  }
  return errors;
}

/**
 * Validates a store entry (a parsed `tweeling.json` or a catalogue record) against
 * store-entry.schema.json and the rules the schema cannot express (tags and scenario kinds start
 * with `tagPrefix`; `sdk` is a semver range). Runs code generated ahead of time
 * (scripts/build-entry-validator.mjs), so it works under a Content-Security-Policy without
 * `unsafe-eval`, in the page, in workers and in Node.
 * @public
 */
export function validateEntry(json: unknown): EntryValidation {
  const errors: EntryValidationError[] = [];
  if (!validateSchema(json)) {
    const raw = validateSchema.errors ?? [];
    // A failed `contains` also reports every item that did not match: keep the one summary.
    const containsPaths = raw
      .filter((e) => e.keyword === 'contains')
      .map((e) => `${e.instancePath}/`);
    const seen = new Set<string>();
    for (const rawError of raw) {
      if (
        rawError.keyword === 'const' &&
        containsPaths.some((p) => rawError.instancePath.startsWith(p))
      ) {
        continue;
      }
      const error = describe(rawError);
      const key = error && `${error.path}\u0000${error.message}`;
      if (!error || !key || seen.has(key)) continue;
      seen.add(key);
      errors.push(error);
    }
  }
  errors.push(...checkBeyondSchema(json));
  return { valid: errors.length === 0, errors };
}

/** Whether `json` is a valid store entry (a type guard over {@link validateEntry}). @public */
export function isStoreEntry(json: unknown): json is StoreEntry {
  return validateEntry(json).valid;
}
