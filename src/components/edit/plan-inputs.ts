/**
 * The three ways the plan editor makes an edit, and the choices they share: draw on the map (with
 * {@link PlanDrawing}), use the twin's selected feature, or type coordinates. A lit reactive
 * controller: its state re-renders the editor; the edits it makes go to the host's `addEdits`.
 */
import type { Position } from 'geojson';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MessageKey } from '../../core/i18n/messages.js';
import { editProblem, type EditAction, type GreeneryEdit } from '../../core/sim/greenery-edits.js';
import type { LiveAnnouncer } from '../announcer/live-announcer.js';
import type { TwinController } from '../base/twin-controller.js';
import type { DtMap } from '../map/dt-map.js';
import { PlanDrawing, type DrawingMode } from './plan-drawing.js';
import {
  cornerCount,
  editFeature,
  isCoordinateProblem,
  newEditId,
  parseCoordinates,
  pointsOf,
  polygonOf,
  type CoordinateProblem,
} from './plan-geometry.js';

/** What the controller needs of the editor. */
export interface PlanInputsHost extends ReactiveControllerHost {
  /** Localized text. */
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** Adds edits to the plan as one undoable step. */
  addEdits(edits: readonly GreeneryEdit[]): GreeneryEdit[];
  /** The editor's polite live region. */
  readonly announcer: LiveAnnouncer;
}

/** The choices and messages of the inputs (what the view shows). */
export interface PlanInputState {
  /** The action new edits get. */
  action: EditAction;
  /** `add-trees`: each click (or typed pair) is one tree instead of a corner. */
  treePoints: boolean;
  /** `add-trees` with points: the crown radius, metres. */
  crownRadiusM: number;
  /** The name new edits get. */
  label: string;
  /** The typed coordinates. */
  coordinates: string;
  /** Why the typed coordinates (or the drawn shape) could not be used. */
  coordinateProblem: CoordinateProblem | undefined;
  /** Why the last "use selected feature" or drawing did not give an edit. */
  editMessage: string | undefined;
  /** Corners drawn so far while drawing, else undefined. */
  drawnPoints: readonly Position[] | undefined;
}

/** The twin's MapLibre map (its `<dt-map>` child, or the one it made), if it exists yet. */
function mapOf(twin: TwinController | undefined) {
  const host = twin?.host;
  const element: DtMap | null =
    host?.querySelector('dt-map') ?? host?.shadowRoot?.querySelector('dt-map') ?? null;
  return element?.map;
}

/** The inputs of one plan editor. */
export class PlanInputs implements ReactiveController, PlanInputState {
  action: EditAction = 'add-park';
  treePoints = false;
  crownRadiusM = 4;
  label = '';
  coordinates = '';
  coordinateProblem: CoordinateProblem | undefined;
  editMessage: string | undefined;
  drawnPoints: readonly Position[] | undefined;

  #twin: TwinController | undefined;
  #drawing: PlanDrawing | undefined;

  constructor(private readonly host: PlanInputsHost) {
    host.addController(this);
  }

  /** Changes choices or messages and re-renders. */
  set(patch: Partial<PlanInputState>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  /** Whether new tree edits are points (single trees). */
  get singleTrees(): boolean {
    return this.action === 'add-trees' && this.treePoints;
  }

  /** Whether the twin has a selected feature to make an edit of. */
  get hasSelection(): boolean {
    return Boolean(this.#twin?.selection?.feature.geometry);
  }

  /** Follows the editor's twin: drawing happens on its map, keys are heard on it. */
  attach(twin: TwinController | undefined): void {
    this.#drawing?.dispose();
    this.#twin = twin;
    this.#drawing = twin ? new PlanDrawing(twin.host, this.#callbacks) : undefined;
    this.drawnPoints = undefined;
  }

  /** Outlines the plan's edits on the map. */
  showPlan(edits: readonly GreeneryEdit[]): void {
    this.#drawing?.showPlan(mapOf(this.#twin), edits);
  }

  /** Ends a drawing in progress without an edit (another plan is loaded). */
  stopDrawing(): void {
    this.#drawing?.stop();
    this.drawnPoints = undefined;
  }

  hostDisconnected(): void {
    this.#drawing?.stop();
    this.drawnPoints = undefined;
  }

  /** A new edit of the chosen action with `geometry`, or the reason it is not valid (shown). */
  #newEdit(geometry: GreeneryEdit['geometry']): GreeneryEdit | undefined {
    const points = geometry.type === 'Point' || geometry.type === 'MultiPoint';
    const edit = editFeature(newEditId(), this.action, geometry, {
      label: this.label.trim() || undefined,
      crownRadiusM: points ? this.crownRadiusM : undefined,
    });
    const problem = editProblem(edit);
    this.set({
      editMessage: problem ? this.host.t('edit.invalid', { reason: problem }) : undefined,
    });
    return problem ? undefined : edit;
  }

  #addOne(geometry: GreeneryEdit['geometry']): boolean {
    const edit = this.#newEdit(geometry);
    if (!edit) return false;
    this.host.addEdits([edit]);
    return true;
  }

  /** Starts drawing on the map (or says there is no map yet). */
  startDrawing(): void {
    const map = mapOf(this.#twin);
    const drawing = this.#drawing;
    if (!map || !drawing) {
      this.set({ editMessage: this.host.t('edit.noMap') });
      return;
    }
    drawing.start(map, this.singleTrees ? 'points' : 'polygon');
    this.set({ editMessage: undefined, coordinateProblem: undefined, drawnPoints: [] });
    this.host.announcer.announce('draw', () => this.host.t('announce.drawStarted'));
  }

  /** Closes the shape being drawn (the finish button; Enter and double-click do it too). */
  finishDrawing(): void {
    this.#drawing?.finish();
  }

  /** Cancels drawing (the cancel button; Escape does it too). */
  cancelDrawing(): void {
    this.#drawing?.cancel();
  }

  readonly #callbacks = {
    onChange: (points: readonly Position[]) => {
      this.set({ drawnPoints: points });
      this.host.announcer.announce('draw', () =>
        this.host.t('announce.drawPoint', { count: points.length }),
      );
    },
    onTree: (point: Position) => {
      this.#addOne({ type: 'Point', coordinates: point });
    },
    onFinish: (points: readonly Position[], mode: DrawingMode) => {
      this.set({ drawnPoints: undefined });
      if (mode === 'points') return; // each tree was added as it was placed
      const polygon = polygonOf(points);
      if (!polygon) {
        this.set({
          coordinateProblem: { key: 'edit.coords.tooFew', params: { count: cornerCount(points) } },
        });
        return;
      }
      this.set({ coordinateProblem: undefined });
      this.#addOne(polygon);
    },
    onCancel: () => {
      this.set({ drawnPoints: undefined });
      this.host.announcer.announce('draw', () => this.host.t('announce.drawCancelled'));
    },
  };

  /** Makes an edit of the twin's selected feature's geometry. */
  useSelection(): void {
    const geometry = this.#twin?.selection?.feature.geometry;
    if (!geometry) {
      this.set({ editMessage: this.host.t('edit.noSelection') });
      return;
    }
    this.#addOne(geometry as GreeneryEdit['geometry']);
  }

  /** Makes an edit of the typed coordinates (a polygon; tree points with "single trees"). */
  addTypedCoordinates(): void {
    const parsed = parseCoordinates(this.coordinates);
    if (isCoordinateProblem(parsed)) {
      this.set({ coordinateProblem: parsed });
      return;
    }
    const geometry = this.singleTrees ? pointsOf(parsed.points) : polygonOf(parsed.points);
    if (!geometry) {
      this.set({
        coordinateProblem: {
          key: 'edit.coords.tooFew',
          params: { count: cornerCount(parsed.points) },
        },
      });
      return;
    }
    this.set({ coordinateProblem: undefined });
    if (this.#addOne(geometry)) this.set({ coordinates: '' });
  }
}
