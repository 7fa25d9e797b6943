// Types for context-validator.generated.js (written by scripts/build-context-validator.mjs).

/** One error as ajv reports it. */
export interface GeneratedValidatorError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** ajv's standalone validator for docs/schemas/context-document.schema.json; errors of the last call on `.errors`. */
export declare const validate: ((data: unknown) => boolean) & {
  errors?: GeneratedValidatorError[] | null;
};
export default validate;
