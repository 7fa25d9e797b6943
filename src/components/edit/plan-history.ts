/**
 * Undo and redo for a plan: each step keeps the plan before and after it (edits are small GeoJSON
 * features, so whole snapshots are simpler and safer than inverse operations) and what it was, for
 * the announcement. A new step clears the redo stack; the oldest steps go beyond {@link HISTORY_LIMIT}.
 */
import type { GreeneryEdit } from '../../core/sim/greenery-edits.js';

/** The most steps kept for undo. */
export const HISTORY_LIMIT = 100;

/** One change of the plan. */
export interface PlanStep {
  /** What the step did, as the user reads it ("Added to the plan: park"). */
  description: string;
  /** The plan before the step. */
  before: readonly GreeneryEdit[];
  /** The plan after it. */
  after: readonly GreeneryEdit[];
}

/** The undo and redo stacks of one plan. */
export class PlanHistory {
  #undo: PlanStep[] = [];
  #redo: PlanStep[] = [];

  /** Whether there is a step to undo. */
  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  /** Whether there is a step to redo. */
  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** Records a step that was just done. */
  push(step: PlanStep): void {
    this.#undo.push(step);
    if (this.#undo.length > HISTORY_LIMIT) this.#undo.shift();
    this.#redo = [];
  }

  /** Takes the last step off the undo stack (onto the redo stack); the caller restores `before`. */
  undo(): PlanStep | undefined {
    const step = this.#undo.pop();
    if (step) this.#redo.push(step);
    return step;
  }

  /** Takes the last undone step back (onto the undo stack); the caller restores `after`. */
  redo(): PlanStep | undefined {
    const step = this.#redo.pop();
    if (step) this.#undo.push(step);
    return step;
  }

  /** Forgets every step (another plan was loaded). */
  clear(): void {
    this.#undo = [];
    this.#redo = [];
  }
}
