/**
 * How `<dt-store>` renders one listed component: title, publisher, facts (kind, status, licence,
 * terms, admission), the install or remove button and the admission report (the checks, the schema
 * errors and, when published, the conformance report's six criteria). Text comes from the entry or
 * the message catalogue and goes into lit templates, which escape it: nothing is parsed as HTML.
 */
import { html, nothing } from 'lit';
import type { MessageKey } from '../../core/i18n/messages.js';
import type { AdmissionCheck } from '../../core/store/admission.js';
import type { CriterionSummary } from './conformance-summary.js';
import type { StoreRow } from './store-listing.js';

/** What the report shows about the conformance report: being read, none, or its criteria. */
export type ConformanceState = 'loading' | 'none' | CriterionSummary[];

/** What the view needs from the element. */
export interface EntryViewContext {
  t(key: MessageKey, params?: Record<string, string | number>): string;
  installed: boolean;
  busy: boolean;
  canInstall: boolean;
  /** A note under the entry (after a removal or a refusal), with an English technical detail. */
  note: { text: string; detail?: string } | undefined;
  conformance: ConformanceState | undefined;
  onInstall(): void;
  onRemove(): void;
  onReportToggle(open: boolean): void;
}

/** The label of a facet value from the catalogue (`store.kind.layer`), or the value itself. */
export function facetLabel(
  t: EntryViewContext['t'],
  facet: 'kind' | 'status' | 'terms' | 'admission',
  value: string,
): string {
  const key = `store.${facet}.${value}` as MessageKey;
  const text = t(key);
  return text === key ? value : text;
}

const field = (record: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (value, key) =>
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined,
    record,
  );

/** A check's finding in the twin's language (the English `reason` is for logs and events). */
function checkText(t: EntryViewContext['t'], check: AdmissionCheck): string {
  const params = check.params ?? {};
  switch (check.check) {
    case 'schema':
      return check.outcome === 'pass'
        ? t('store.reason.schemaValid')
        : t('store.reason.schemaErrors', params);
    case 'status': {
      const label = facetLabel(t, 'status', String(params.status ?? ''));
      return params.statusReason ? `${label}: ${params.statusReason}` : label;
    }
    case 'sdk-range':
      return t(check.outcome === 'pass' ? 'store.reason.sdkIn' : 'store.reason.sdkOut', params);
    case 'names':
      return check.outcome === 'pass'
        ? t('store.reason.namesFree')
        : t('store.reason.namesTaken', params);
    default:
      return t('store.reason.integrityPending');
  }
}

function report(row: StoreRow, context: EntryViewContext) {
  const { t, conformance } = context;
  const errors = row.checks.schemaErrors;
  return html`<details
    part="report"
    @toggle=${(event: Event) => context.onReportToggle((event.target as HTMLDetailsElement).open)}
  >
    <summary>${t('store.report')}</summary>
    <ul class="checks">
      ${row.checks.checks.map(
        (check) =>
          html`<li data-check=${check.check} data-outcome=${check.outcome}>
            <span class="outcome ${check.outcome}">${t(`store.outcome.${check.outcome}`)}</span>
            ${t(`store.check.${check.check}`)}: <span class="reason">${checkText(t, check)}</span>
          </li>`,
      )}
    </ul>
    ${
      errors.length > 0
        ? html`<ul class="schema-errors" part="schema-errors">
            ${errors.map((error) => html`<li><code>${error.path || '/'}</code> ${error.message}</li>`)}
          </ul>`
        : nothing
    }
    <h4>${t('store.conformance')}</h4>
    ${
      conformance === 'loading' || conformance === undefined
        ? html`<p class="muted">${t('store.conformance.loading')}</p>`
        : conformance === 'none'
          ? html`<p class="muted">${t('store.conformance.none')}</p>`
          : html`<ul class="criteria" part="criteria">
              ${conformance.map(
                (criterion) =>
                  html`<li data-passed=${criterion.passed === criterion.total ? 'true' : 'false'}>
                    <span class="outcome ${criterion.passed === criterion.total ? 'pass' : 'fail'}"
                      >${t(criterion.passed === criterion.total ? 'store.outcome.pass' : 'store.outcome.fail')}</span
                    >
                    ${criterion.name}:
                    ${t('store.conformance.passed', { passed: criterion.passed, total: criterion.total })}
                  </li>`,
              )}
            </ul>`
    }
  </details>`;
}

/** One entry of the list. `index` makes the element ids (entry ids are not trusted as ids). */
export function entryView(row: StoreRow, index: number, context: EntryViewContext) {
  const { t, installed, busy } = context;
  const titleId = `entry-title-${index}`;
  const version = field(row.source.record, 'properties', 'tweeling:component', 'version');
  const reason = field(row.source.record, 'properties', 'tweeling:component', 'status', 'reason');
  const replacedBy = field(
    row.source.record,
    'properties',
    'tweeling:component',
    'status',
    'replacedBy',
  );
  const termsUrl = field(row.source.record, 'properties', 'tweeling:component', 'terms', 'url');
  const refused = row.admission === 'refused';
  return html`<li part="entry" data-entry-id=${row.id}>
    <article aria-labelledby=${titleId}>
      <h3 id=${titleId} part="title">${row.title}</h3>
      <p class="muted">
        ${row.publisher ? t('store.by', { publisher: row.publisher }) : nothing}
        ${typeof version === 'string' ? html`· ${t('store.version', { version })}` : nothing}
      </p>
      ${row.description ? html`<p>${row.description}</p>` : nothing}
      <dl part="facts">
        <div>
          <dt>${t('store.facet.kind')}</dt>
          <dd>${facetLabel(t, 'kind', row.kind)}</dd>
        </div>
        <div>
          <dt>${t('store.facet.status')}</dt>
          <dd>
            <span class="badge ${row.status}" part="badge"
              >${facetLabel(t, 'status', row.status)}</span
            >
            ${typeof reason === 'string' ? html`<span>${reason}</span>` : nothing}
            ${
              typeof replacedBy === 'string'
                ? html`<span>${t('store.replacedBy', { id: replacedBy })}</span>`
                : nothing
            }
          </dd>
        </div>
        <div>
          <dt>${t('store.facet.license')}</dt>
          <dd>${row.license}</dd>
        </div>
        <div>
          <dt>${t('store.facet.terms')}</dt>
          <dd>
            ${facetLabel(t, 'terms', row.terms)}
            ${
              typeof termsUrl === 'string' && /^https?:/.test(termsUrl)
                ? html`(<a href=${termsUrl} rel="noopener noreferrer">${t('store.termsLink')}</a>)`
                : nothing
            }
          </dd>
        </div>
        <div>
          <dt>${t('store.facet.admission')}</dt>
          <dd>
            <span class="badge ${row.admission}" part="badge">
              ${facetLabel(t, 'admission', row.admission)}
            </span>
            ${installed ? html`<span class="badge installed">${t('store.installed')}</span>` : nothing}
          </dd>
        </div>
      </dl>
      ${
        // One button that changes role, so keyboard focus stays on it after an install or removal;
        // while busy it is aria-disabled (a disabled button would lose focus).
        html`<button
          part=${installed ? 'button remove' : 'button install'}
          type="button"
          aria-label=${t(installed ? 'store.removeLabel' : 'store.installLabel', { title: row.title })}
          aria-disabled=${busy ? 'true' : 'false'}
          ?disabled=${!installed && (refused || !context.canInstall)}
          @click=${() => {
            if (!busy) (installed ? context.onRemove : context.onInstall)();
          }}
        >
          ${t(installed ? 'store.remove' : 'store.install')}
        </button>`
      }
      ${
        context.note
          ? html`<p class="note" part="note">
              ${context.note.text}
              ${context.note.detail ? html`<code lang="en">${context.note.detail}</code>` : nothing}
            </p>`
          : nothing
      }
      ${report(row, context)}
    </article>
  </li>`;
}
