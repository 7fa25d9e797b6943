/**
 * One plan of one twin: its edits (the `<dt-edit data-plan>` children of the twin), its undo and
 * redo history, and its copy in `localStorage`. Every change goes through {@link PlanModel.commit}
 * (or undo/redo): the elements are brought in line, the plan is saved, and the step is recorded.
 * No lit, no rendering: `<dt-plan-editor>` is the view of it.
 */
import { editProblem, type GreeneryEdit } from '../../core/sim/greenery-edits.js';
import type { EditElement } from '../scenario/scenario-edits.js';
import { PlanHistory, type PlanStep } from './plan-history.js';
import { editIdOf, planElements, syncPlanElements } from './plan-elements.js';
import { newEditId } from './plan-geometry.js';
import { loadPlan, savePlan, type StoredPlan } from './plan-store.js';

/** The page's `localStorage`, or the reason it cannot be used (blocked in a sandbox, say). */
function storage(): Storage | string {
  try {
    const store = globalThis.localStorage;
    return store ?? 'localStorage is not available';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What loading a plan found. */
export interface PlanLoad {
  /** Where the edits came from: the twin's markup (already there), storage, or nowhere. */
  from: 'markup' | 'storage' | 'none';
  /** The number of edits in the plan now. */
  count: number;
  /** The stored text could not be read: it was backed up under `backupKey`. */
  damaged?: StoredPlan['damaged'];
}

/** A plan of a twin. */
export class PlanModel {
  /** Undo and redo. */
  readonly history = new PlanHistory();
  /** Why the last save failed, or undefined when it worked. */
  saveProblem: string | undefined;

  /**
   * @param twin The `<dt-twin>` whose children hold the plan's edits.
   * @param name The plan's name (storage key `tweeling:plan:<name>`).
   */
  constructor(
    readonly twin: Element,
    readonly name: string,
  ) {}

  /** The plan's valid edits, in order (what the scenarios run with). */
  get edits(): GreeneryEdit[] {
    return planElements(this.twin, this.name)
      .map((element) => (element as EditElement).toEdit?.())
      .filter((edit): edit is GreeneryEdit => edit !== undefined);
  }

  /**
   * Loads the plan: the twin's own `<dt-edit data-plan="<name>">` children when it has them (a
   * twin that was moved, or markup rendered on a server), else the stored plan. A damaged stored
   * plan is backed up, its readable edits are kept and saved again.
   */
  load(): PlanLoad {
    this.history.clear();
    const present = this.edits;
    if (present.length > 0) return { from: 'markup', count: present.length };
    const store = storage();
    if (typeof store === 'string') {
      this.saveProblem = store;
      return { from: 'none', count: 0 };
    }
    let stored: StoredPlan;
    try {
      stored = loadPlan(store, this.name);
    } catch (error) {
      this.saveProblem = reasonOf(error);
      return { from: 'none', count: 0 };
    }
    syncPlanElements(this.twin, this.name, stored.edits);
    if (stored.damaged) this.save();
    return {
      from: stored.edits.length > 0 || stored.damaged ? 'storage' : 'none',
      count: stored.edits.length,
      ...(stored.damaged ? { damaged: stored.damaged } : {}),
    };
  }

  /** Saves the plan now; a failure is kept in {@link PlanModel.saveProblem} (nothing is thrown). */
  save(): void {
    const store = storage();
    if (typeof store === 'string') {
      this.saveProblem = store;
      return;
    }
    try {
      savePlan(store, this.name, this.edits);
      this.saveProblem = undefined;
    } catch (error) {
      this.saveProblem = reasonOf(error);
    }
  }

  /** Makes `after` the plan, as one undoable step described by `description`. */
  commit(after: readonly GreeneryEdit[], description: string): void {
    const before = this.edits;
    this.history.push({ description, before, after: [...after] });
    this.#apply(after);
  }

  /** Adds edits at the end of the plan as one step (ids that are taken get new ones). */
  add(edits: readonly GreeneryEdit[], description: string): GreeneryEdit[] {
    const current = this.edits;
    const taken = new Set(current.map(editIdOf));
    const added = edits.map((edit) => {
      let id = editIdOf(edit);
      if (!id || taken.has(id)) id = newEditId();
      taken.add(id);
      return { ...edit, id, properties: { ...edit.properties, id } };
    });
    for (const edit of added) {
      const problem = editProblem(edit);
      if (problem) throw new TypeError(`edit ${editIdOf(edit)}: ${problem}`);
    }
    this.commit([...current, ...added], description);
    return added;
  }

  /** Removes the edit with this id as one step. */
  remove(id: string, description: string): void {
    this.commit(
      this.edits.filter((edit) => editIdOf(edit) !== id),
      description,
    );
  }

  /** Undoes the last step; returns it, or undefined when there was none. */
  undo(): PlanStep | undefined {
    const step = this.history.undo();
    if (step) this.#apply(step.before);
    return step;
  }

  /** Redoes the last undone step; returns it, or undefined when there was none. */
  redo(): PlanStep | undefined {
    const step = this.history.redo();
    if (step) this.#apply(step.after);
    return step;
  }

  /** Takes the plan's elements out of the twin (another plan is shown); the stored copy stays. */
  unload(): void {
    syncPlanElements(this.twin, this.name, []);
    this.history.clear();
  }

  #apply(edits: readonly GreeneryEdit[]): void {
    syncPlanElements(this.twin, this.name, edits);
    this.save();
  }
}
