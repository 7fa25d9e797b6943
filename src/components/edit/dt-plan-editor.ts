import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { downloadBlob } from '../../core/export/index.js';
import { formatNumber } from '../../core/i18n/localize.js';
import type { MessageKey } from '../../core/i18n/messages.js';
import { EDIT_ACTIONS, type GreeneryEdit } from '../../core/sim/greenery-edits.js';
import { LiveAnnouncer } from '../announcer/live-announcer.js';
import { DtPanelElement } from '../base/dt-panel-element.js';
import type { TwinController } from '../base/twin-controller.js';
import { EDITS_CHANGE_EVENT } from '../scenario/scenario-edits.js';
import { planEditorStyles } from './dt-plan-editor.styles.js';
import { planEditorView } from './plan-editor-view.js';
import { editIdOf, pageEdits } from './plan-elements.js';
import { editAreaM2 } from './plan-geometry.js';
import { PlanInputs } from './plan-inputs.js';
import { PlanModel, type PlanLoad } from './plan-model.js';
import { planCollection, readPlan } from './plan-store.js';

/** What importing a GeoJSON text did. */
export interface PlanImport {
  /** The edits added to the plan (one undoable step). */
  imported: GreeneryEdit[];
  /** The features left out: 1-based number and reason. */
  problems: { n: number; reason: string }[];
  /** Set when the text was not JSON (`json`) or not a FeatureCollection or Feature (`collection`). */
  error?: 'json' | 'collection';
}

/**
 * The plan editor: the user's greenery edits for the twin's scenarios, as `<dt-edit data-plan>`
 * elements it adds to the twin. `<dt-twin plan="name">` shows it in its panel. The user picks an
 * action and then draws on the map (click corners; double-click or Enter closes; Escape cancels;
 * single trees with one click each), uses the selected feature, or types coordinates (RD New or
 * WGS 84). The plan's edits are listed with their area, each removable; undo and redo (also
 * Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y) cover adding, removing and importing. Every change is saved in
 * `localStorage` under `tweeling:plan:<name>` and restored when the page loads again; a stored plan
 * that cannot be read is kept under a backup key and reported. Export and import as GeoJSON.
 *
 * @summary Draw, list, undo, save, import and export greenery edits for the twin's scenarios.
 * @csspart heading - The editor's heading.
 * @csspart fieldset - The group of action choices.
 * @csspart input - The text, number and file inputs.
 * @csspart button - Every button.
 * @csspart list - The list of the plan's edits.
 * @csspart item - One edit in the list.
 * @csspart message - Error and problem messages.
 */
export class DtPlanEditor extends DtPanelElement {
  static override styles = planEditorStyles;

  /** The plan's name: its edits are saved under `tweeling:plan:<name>`. */
  @property({ reflect: true }) plan: string | null = null;

  /** Messages of the last import. */
  @state() importMessages: string[] = [];
  /** A message about the stored plan: it was damaged and backed up. */
  @state() storageMessage: string | undefined;
  /** Why the plan could not be saved, or undefined. */
  @state() saveMessage: string | undefined;

  /** The polite live region: what each change did. */
  readonly announcer = new LiveAnnouncer(this);
  /** The ways to make an edit (draw, selected feature, typed coordinates) and their choices. */
  readonly inputs = new PlanInputs(this);

  #model: PlanModel | undefined;

  /** The plan's edits, in order. */
  get edits(): GreeneryEdit[] {
    return this.#model?.edits ?? [];
  }

  /** Whether there is a step to undo. */
  get canUndo(): boolean {
    return this.#model?.history.canUndo ?? false;
  }
  /** Whether there is an undone step to redo. */
  get canRedo(): boolean {
    return this.#model?.history.canRedo ?? false;
  }

  /** The name an edit is listed and announced by: its label, else its action. */
  editName(edit: GreeneryEdit): string {
    const action = this.t(`edit.action.${edit.properties.action}` as MessageKey);
    return edit.properties.label ? `${edit.properties.label} (${action})` : action;
  }

  /**
   * Adds edits as one undoable step (taken ids are renewed); returns the edits as added.
   * @throws TypeError naming the edit when one is not valid (`editProblem`); nothing is added then.
   */
  addEdits(edits: readonly GreeneryEdit[]): GreeneryEdit[] {
    if (edits.length === 0) return [];
    return this.#add(
      edits,
      edits.length === 1
        ? this.t('announce.editAdded', { name: this.editName(edits[0] as GreeneryEdit) })
        : this.t('announce.editImported', { count: edits.length }),
    );
  }

  #add(edits: readonly GreeneryEdit[], description: string): GreeneryEdit[] {
    const model = this.#model;
    if (!model) return [];
    const added = model.add(edits, description);
    this.#changed(description);
    return added;
  }

  /** Removes the edit with this id, as one undoable step. */
  removeEdit(id: string): void {
    const edit = this.edits.find((e) => editIdOf(e) === id);
    if (!this.#model || !edit) return;
    const description = this.t('announce.editRemoved', { name: this.editName(edit) });
    this.#model.remove(id, description);
    this.#changed(description);
  }

  /** Undoes the last add, remove or import. */
  undo(): void {
    const step = this.#model?.undo();
    this.#changed(
      step
        ? this.t('announce.editUndone', { what: step.description })
        : this.t('announce.editNothing'),
    );
  }

  /** Redoes the last undone step. */
  redo(): void {
    const step = this.#model?.redo();
    this.#changed(
      step
        ? this.t('announce.editRedone', { what: step.description })
        : this.t('announce.editNothing'),
    );
  }

  /** The plan as a GeoJSON FeatureCollection (WGS 84), as exported. */
  toGeoJson(): string {
    return JSON.stringify(planCollection(this.plan ?? '', this.edits), null, 2);
  }

  /** Offers the plan as a `.geojson` download. */
  exportPlan(): void {
    const file = `${(this.plan || 'plan').replace(/[^\w.-]+/g, '_')}.geojson`;
    downloadBlob(this.toGeoJson(), file, 'application/geo+json');
  }

  /** Imports a GeoJSON FeatureCollection (or Feature): valid edits as one step, the rest reported. */
  importText(text: string, fileName = 'GeoJSON'): PlanImport {
    const read = readPlan(text);
    if ('error' in read) {
      const key = read.error === 'json' ? 'edit.importNotJson' : 'edit.importNotCollection';
      this.importMessages = [this.t(key, { file: fileName })];
      return { imported: [], problems: [], error: read.error };
    }
    this.importMessages =
      read.problems.length > 0
        ? [
            this.t('edit.importSkipped', { count: read.problems.length, file: fileName }),
            ...read.problems.map((p) => this.t('edit.importProblem', { n: p.n, reason: p.reason })),
          ]
        : [];
    const imported =
      read.edits.length > 0
        ? this.#add(read.edits, this.t('announce.editImported', { count: read.edits.length }))
        : [];
    return { imported, problems: read.problems };
  }

  /** After a change: save problems shown, map outline and list redrawn, the change announced. */
  #changed(announcement: string): void {
    this.#showSaveProblem();
    this.inputs.showPlan(this.edits);
    this.announcer.announce('plan', () => announcement);
    this.requestUpdate();
  }

  #showSaveProblem(): void {
    const problem = this.#model?.saveProblem;
    this.saveMessage = problem ? this.t('edit.storageFailed', { reason: problem }) : undefined;
  }

  /** The area of an edit, formatted: `1.234 m²`. */
  areaText(edit: GreeneryEdit): string {
    const locale = this.twin?.locale ?? 'en';
    const area = editAreaM2(edit.geometry, edit.properties.crownRadiusM);
    return this.t('edit.area', { value: formatNumber(locale, area, 0) });
  }

  /** The number of `<dt-edit>` elements of the page itself (not of a plan) in the twin. */
  get pageEditCount(): number {
    const twin = this.twin?.host;
    return twin ? pageEdits(twin).length : 0;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const twin = this.twin?.host;
    const model = this.#model;
    if (!twin || !this.plan) return;
    if (model?.twin === twin && model.name === this.plan) return;
    this.inputs.stopDrawing();
    model?.unload();
    const next = new PlanModel(twin, this.plan);
    this.#model = next;
    this.#reportLoad(next.load());
    this.inputs.showPlan(next.edits);
  }

  #reportLoad(load: PlanLoad): void {
    const name = this.plan ?? '';
    this.storageMessage = load.damaged
      ? this.t('edit.storedCorrupt', {
          name,
          reason: load.damaged.reason,
          key: load.damaged.backupKey,
          count: load.count,
        })
      : undefined;
    this.#showSaveProblem();
    if (load.from === 'storage' && load.count > 0)
      this.announcer.announce('plan', () =>
        this.t('announce.planRestored', { name, count: load.count }),
      );
  }

  protected override twinConnected(twin: TwinController): void {
    super.twinConnected(twin);
    this.inputs.attach(twin);
    twin.host.addEventListener('dt-ready', this.#onMapReady);
    twin.host.addEventListener(EDITS_CHANGE_EVENT, this.#onEditsChange);
  }

  protected override twinDisconnected(twin: TwinController): void {
    super.twinDisconnected(twin);
    this.inputs.attach(undefined);
    twin.host.removeEventListener('dt-ready', this.#onMapReady);
    twin.host.removeEventListener(EDITS_CHANGE_EVENT, this.#onEditsChange);
  }

  readonly #onMapReady = () => this.inputs.showPlan(this.edits);
  readonly #onEditsChange = () => this.requestUpdate();

  /** Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (not inside a text field: it has its own undo). */
  readonly #onKeydown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const target = event.composedPath()[0];
    if (target instanceof HTMLInputElement && ['text', 'number'].includes(target.type)) return;
    const key = event.key.toLowerCase();
    if (key === 'z') {
      event.preventDefault();
      if (event.shiftKey) this.redo();
      else this.undo();
    } else if (key === 'y') {
      event.preventDefault();
      this.redo();
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeydown);
    // Removed from a twin that stays (its `plan` was unset): the plan's edits go with the editor
    // (they stay stored). A twin that moves reconnects the editor in the same task: nothing to do.
    const model = this.#model;
    queueMicrotask(() => {
      if (this.isConnected || !model?.twin.isConnected || this.#model !== model) return;
      model.unload();
      this.#model = undefined;
    });
  }

  override render() {
    if (!this.plan) return nothing;
    return html`${planEditorView(this, { actions: EDIT_ACTIONS })}${this.announcer.region()}`;
  }
}
