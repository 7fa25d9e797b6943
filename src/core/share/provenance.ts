/**
 * Provenance of a scenario run: what produced it (the data sources with their URLs and content
 * hashes, the model and the SDK version, the parameters and edits, when it ran) and a short hash of
 * its inputs. Two runs with the same inputs hash the same and, the models being deterministic, give
 * the same bands byte for byte; the hash lets two people see that they look at the same run.
 */
import type { GreeneryEdit } from '../sim/greenery-edits.js';
import { canonicalJson, sha256Hex, shortHash } from './canonical.js';
import { editForHash } from './edit-snap.js';
import { withoutSecrets } from './secrets.js';

/** One input of a run. */
export interface SourceProvenance {
  /** What the scenario uses it for: `dem`, `dsm`, `landcover`, `buildings`. */
  role: string;
  /** The data source's `id`. */
  id: string;
  /** Its `type` (`geojson`, `geotiff`, a scenario kind, ...). */
  type: string;
  /** Where it was read from (absolute; credentials and secret query parameters left out), or null for inline data. */
  url: string | null;
  /** SHA-256 of its content (see DtDataSourceElement.contentHash), or null when it could not be computed. */
  contentHash: string | null;
  /** The CRS of its raster bands (`EPSG:28992`), or `EPSG:4326` for GeoJSON features (RFC 7946). */
  crs: string;
}

/** What produced a scenario result. */
export interface RunProvenance {
  /** The first 12 hex digits of {@link RunProvenance.inputHashFull}: shown next to the result. */
  inputHash: string;
  /** SHA-256 of the canonical JSON of the run's inputs ({@link runInputs}). */
  inputHashFull: string;
  /** The model. */
  model: {
    /** The model that produced the result (`heat-invest`, `flood-level`, ...). */
    name: string;
    /** The scenario kind that ran: `type`, or `type/mode` when the mode is a kind of its own. */
    kind: string;
    /** The software: always `tweeling`. */
    software: 'tweeling';
    /** The SDK version the model shipped with. */
    version: string;
  };
  /** The scenario element. */
  scenario: {
    /** Its `id`. */
    id: string;
    /** Its tag name. */
    tag: string;
  };
  /** The attributes the run read (presentation attributes and input ids left out), sorted by name: hashed. */
  parameters: Record<string, string>;
  /** The parameters as the model used them, after defaults (the result's `parameters`). */
  modelParameters: Record<string, unknown>;
  /** The greenery edits the run applied, WGS 84, coordinates on the 1e-7 degree grid. */
  edits: GreeneryEdit[];
  /** The inputs. */
  sources: SourceProvenance[];
  /** When the run started and finished (ISO 8601, UTC) and how long it took (ms). */
  startedAt: string;
  /** When the run finished. */
  finishedAt: string;
  /** Wall-clock time of the run, ms. */
  elapsedMs: number;
}

/** Attributes that do not change what a run computes: presentation, identity, the input source ids. */
const NOT_PARAMETERS = new Set([
  'id',
  'class',
  'style',
  'hidden',
  'slot',
  'lang',
  'dir',
  'title',
  'tabindex',
  'role',
  'part',
  'exportparts',
  'dem',
  'dsm',
  'landcover',
  'buildings',
]);

/** The attributes of a scenario that are run parameters (no `aria-*`, `data-*`, ids of inputs...), sorted. */
export function runParameters(
  attributes: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attributes)
      .filter(
        ([name]) =>
          !NOT_PARAMETERS.has(name) && !name.startsWith('aria-') && !name.startsWith('data-'),
      )
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** What a run hash is computed over. */
export interface RunInputs {
  /** The SDK version (the models are part of it). */
  version: string;
  /** The run parameters ({@link runParameters}). */
  parameters: Record<string, string>;
  /** The edits (snapped), in the order they were applied. */
  edits: readonly GreeneryEdit[];
  /** Content hash of each input by role. */
  inputs: Record<string, string | null>;
}

/**
 * The canonical JSON a run hash is the SHA-256 of: format version, SDK version, parameters, edits
 * (action, crown radius, geometry: not ids or labels) and the content hash of each input by role.
 * Source ids and URLs are left out: the same data under another name or address is the same run.
 */
export function runInputs(inputs: RunInputs): string {
  return canonicalJson({
    format: 'tweeling-run/1',
    version: inputs.version,
    parameters: inputs.parameters,
    edits: inputs.edits.map(editForHash),
    inputs: inputs.inputs,
  });
}

/** Everything {@link buildProvenance} needs. */
export interface ProvenanceInput {
  /** The model name of the result. */
  model: string;
  /** The scenario kind that ran (`heat`, `flood/breach`, ...). */
  kind: string;
  /** The SDK version. */
  version: string;
  /** The scenario's id and tag name. */
  scenario: { id: string; tag: string };
  /** All attributes of the scenario at the start of the run. */
  attributes: Readonly<Record<string, string>>;
  /** The parameters as the model used them (the result's `parameters`). */
  modelParameters: Record<string, unknown>;
  /** The edits the run applied. */
  edits: readonly GreeneryEdit[];
  /** The inputs. */
  sources: SourceProvenance[];
  /** When the run started and finished. */
  startedAt: Date;
  /** When the run finished. */
  finishedAt: Date;
}

/** The provenance of a run, with its input hash. */
export async function buildProvenance(input: ProvenanceInput): Promise<RunProvenance> {
  const parameters = runParameters(input.attributes);
  const sources = input.sources.map((source) => ({
    ...source,
    url: source.url === null ? null : withoutSecrets(source.url),
  }));
  const full = await sha256Hex(
    runInputs({
      version: input.version,
      parameters,
      edits: input.edits,
      inputs: Object.fromEntries(sources.map((s) => [s.role, s.contentHash])),
    }),
  );
  return {
    inputHash: shortHash(full),
    inputHashFull: full,
    model: { name: input.model, kind: input.kind, software: 'tweeling', version: input.version },
    scenario: input.scenario,
    parameters,
    modelParameters: input.modelParameters,
    edits: [...input.edits],
    sources,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    elapsedMs: Math.max(0, input.finishedAt.getTime() - input.startedAt.getTime()),
  };
}
