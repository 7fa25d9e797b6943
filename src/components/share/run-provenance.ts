/**
 * The provenance of a scenario run, gathered from the twin: the input sources' URLs and content
 * hashes, the SDK version, the attributes and edits of the run. Called by `<dt-scenario>` after
 * each run; the result carries it as `provenance` and its short hash as `inputHash`.
 */
import type { GreeneryEdit } from '../../core/sim/greenery-edits.js';
import type { ScenarioResult } from '../../core/sim/scenario-result.js';
import { buildProvenance, type SourceProvenance } from '../../core/share/provenance.js';
import { SDK_VERSION } from '../../core/store/sdk-version.js';
import type { DtDataSourceElement } from '../base/dt-data-source-element.js';

/** A data source as provenance names it: id, type, URL (absolute), content hash, CRS. */
export async function sourceProvenance(
  role: string,
  source: DtDataSourceElement,
): Promise<SourceProvenance> {
  const src = source.getAttribute('src');
  const grid = Object.values(source.bands)[0];
  let contentHash: string | null = null;
  try {
    contentHash = await source.hashContent();
  } catch {
    contentHash = null; // no Web Crypto (a page on plain http): the run has no content hash
  }
  return {
    role,
    id: source.id,
    type: source.getAttribute('type') ?? source.localName,
    url: src ? new URL(src, source.baseURI).href : null,
    contentHash,
    crs: grid?.crs ?? 'EPSG:4326',
  };
}

/** What {@link attachProvenance} reads of a run. */
export interface RunRecord {
  /** The scenario element. */
  scenario: Element;
  /** The kind that ran (`heat`, `flood/breach`). */
  kind: string;
  /** The input sources by role (roles without a source left undefined). */
  inputs: Record<string, DtDataSourceElement | undefined>;
  /** All attributes at the start of the run. */
  attributes: Readonly<Record<string, string>>;
  /** The edits the run applied. */
  edits: readonly GreeneryEdit[];
  /** When the run started. */
  startedAt: Date;
}

/**
 * Sets `result.provenance` and `result.inputHash`. Never throws: without Web Crypto (plain http)
 * the result simply has no provenance.
 */
export async function attachProvenance(result: ScenarioResult, run: RunRecord): Promise<void> {
  const finishedAt = new Date();
  try {
    const sources = await Promise.all(
      Object.entries(run.inputs)
        .filter((entry): entry is [string, DtDataSourceElement] => entry[1] !== undefined)
        .map(([role, source]) => sourceProvenance(role, source)),
    );
    const provenance = await buildProvenance({
      model: result.model,
      kind: run.kind,
      version: SDK_VERSION,
      scenario: { id: run.scenario.id, tag: run.scenario.localName },
      attributes: run.attributes,
      modelParameters: result.parameters,
      edits: run.edits,
      sources,
      startedAt: run.startedAt,
      finishedAt,
    });
    result.provenance = provenance;
    result.inputHash = provenance.inputHash;
  } catch (error) {
    console.warn('Tweeling: the provenance of the run could not be computed', error);
  }
}
