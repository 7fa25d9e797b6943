import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatNumber } from '../../core/i18n/localize.js';
import { DtScenarioElement } from '../base/dt-scenario-element.js';
import type { TwinController } from '../base/twin-controller.js';
import { featuresInView } from '../feature-list/features-in-view.js';
import type { LiveAnnouncer } from './live-announcer.js';

/**
 * What a twin says in its live region, in its language: the view after it settled (zoom and the
 * number of features in view), a data source that loaded or failed, a scenario run that started,
 * finished or failed. It listens for the bubbling, composed `dt-` events on the twin element.
 */
export class TwinAnnouncements implements ReactiveController {
  /** Scenarios whose run has been announced as started and has not ended yet. */
  readonly #running = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly twin: TwinController,
    private readonly announcer: LiveAnnouncer,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('dt-view-change', this.onViewChange);
    this.host.addEventListener('dt-source-load', this.onSourceLoad);
    this.host.addEventListener('dt-source-error', this.onSourceError);
    this.host.addEventListener('dt-scenario-progress', this.onScenarioProgress);
    this.host.addEventListener('dt-scenario-complete', this.onScenarioComplete);
    this.host.addEventListener('dt-scenario-error', this.onScenarioError);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('dt-view-change', this.onViewChange);
    this.host.removeEventListener('dt-source-load', this.onSourceLoad);
    this.host.removeEventListener('dt-source-error', this.onSourceError);
    this.host.removeEventListener('dt-scenario-progress', this.onScenarioProgress);
    this.host.removeEventListener('dt-scenario-complete', this.onScenarioComplete);
    this.host.removeEventListener('dt-scenario-error', this.onScenarioError);
    this.#running.clear();
  }

  private readonly onViewChange = (event: CustomEvent<{ view: { zoom: number } }>) => {
    const { zoom } = event.detail.view;
    this.announcer.announce('view', () => {
      const { total } = featuresInView(this.twin, 0, String);
      const params = { zoom: formatNumber(this.twin.locale, zoom, 1), count: total };
      if (total === 0) return this.twin.t('announce.viewNone', params);
      return this.twin.t(total === 1 ? 'announce.viewOne' : 'announce.view', params);
    });
  };

  private readonly onSourceLoad = (
    event: CustomEvent<{ sourceId: string; featureCount: number }>,
  ) => {
    // A scenario is a data source too: its own start and finish messages say more.
    if (fromScenario(event)) return;
    const { sourceId, featureCount } = event.detail;
    this.announcer.announce(`source:${sourceId}`, () => {
      const name = this.sourceName(sourceId);
      return featureCount > 0
        ? this.twin.t('announce.sourceLoaded', { name, count: featureCount })
        : this.twin.t('announce.sourceLoadedNoCount', { name });
    });
  };

  private readonly onSourceError = (
    event: CustomEvent<{ sourceId: string; error: { reason: string } }>,
  ) => {
    if (fromScenario(event)) return;
    const { sourceId, error } = event.detail;
    this.announcer.announce(`source:${sourceId}`, () =>
      this.twin.t('announce.sourceError', {
        name: this.sourceName(sourceId),
        reason: error.reason,
      }),
    );
  };

  private readonly onScenarioProgress = (event: CustomEvent<{ scenarioId: string }>) => {
    const id = event.detail.scenarioId;
    if (this.#running.has(id)) return;
    this.#running.add(id);
    this.announcer.announce(`scenario:${id}`, () =>
      this.twin.t('announce.scenarioStarted', { id }),
    );
  };

  private readonly onScenarioComplete = (event: CustomEvent<{ scenarioId: string }>) => {
    const id = event.detail.scenarioId;
    this.#running.delete(id);
    this.announcer.announce(`scenario:${id}`, () => this.twin.t('announce.scenarioDone', { id }));
  };

  private readonly onScenarioError = (
    event: CustomEvent<{ scenarioId: string; error: { reason: string } }>,
  ) => {
    const { scenarioId: id, error } = event.detail;
    this.#running.delete(id);
    this.announcer.announce(`scenario:${id}`, () =>
      this.twin.t('announce.scenarioError', { id, reason: error.reason }),
    );
  };

  /** A data source as the user knows it: the label of a layer that draws it, else its id. */
  private sourceName(sourceId: string): string {
    return this.twin.layers.find((layer) => layer.source === sourceId)?.displayName ?? sourceId;
  }
}

/** Whether the event came from a scenario (the element that fired it, inside any shadow root). */
function fromScenario(event: Event): boolean {
  return event.composedPath()[0] instanceof DtScenarioElement;
}
