/**
 * The markup of `<dt-plan-editor>`: the action choice, the three ways to make an edit (draw on the
 * map, use the selected feature, type coordinates), the plan's list with undo and redo, and export
 * and import. Every control has a visible label; errors are tied to their field with
 * `aria-invalid` and `aria-describedby`; text from files or the page is only ever inserted as text.
 */
import { html, nothing } from 'lit';
import type { MessageKey } from '../../core/i18n/messages.js';
import type { EditAction } from '../../core/sim/greenery-edits.js';
import type { DtPlanEditor } from './dt-plan-editor.js';
import { editIdOf } from './plan-elements.js';

const valueOf = (event: Event) => (event.target as HTMLInputElement).value;

function actionChoice(editor: DtPlanEditor, actions: readonly EditAction[]) {
  const inputs = editor.inputs;
  const trees = inputs.action === 'add-trees';
  return html`<fieldset part="fieldset">
      <legend>${editor.t('edit.action')}</legend>
      ${actions.map(
        (action) =>
          html`<label>
            <input
              type="radio"
              name="action"
              .value=${action}
              .checked=${inputs.action === action}
              @change=${() => inputs.set({ action })}
            />
            ${editor.t(`edit.action.${action}` as MessageKey)}
          </label>`,
      )}
    </fieldset>
    ${
      trees
        ? html`<div class="row">
            <label>
              <input
                type="checkbox"
                .checked=${inputs.treePoints}
                @change=${(e: Event) =>
                  inputs.set({ treePoints: (e.target as HTMLInputElement).checked })}
              />
              ${editor.t('edit.treePoints')}
            </label>
            ${
              inputs.treePoints
                ? html`<label>
                    ${editor.t('edit.crownRadius')}
                    <input
                      part="input"
                      type="number"
                      min="0.5"
                      max="50"
                      step="0.5"
                      .value=${String(inputs.crownRadiusM)}
                      @change=${(e: Event) => {
                        const value = Number(valueOf(e));
                        if (value > 0 && value <= 50) inputs.set({ crownRadiusM: value });
                      }}
                    />
                  </label>`
                : nothing
            }
          </div>`
        : nothing
    }
    <label class="field" for="label">${editor.t('edit.label')}</label>
    <input
      id="label"
      part="input"
      type="text"
      autocomplete="off"
      .value=${inputs.label}
      @input=${(e: Event) => inputs.set({ label: valueOf(e) })}
    />`;
}

function drawControls(editor: DtPlanEditor) {
  const inputs = editor.inputs;
  const points = inputs.drawnPoints;
  const trees = inputs.singleTrees;
  return html`<div class="row">
      ${
        points === undefined
          ? html`<button
              type="button"
              part="button"
              class="draw"
              aria-describedby="draw-help"
              @click=${() => inputs.startDrawing()}
            >
              ${editor.t('edit.draw')}
            </button>`
          : html`<button
                type="button"
                part="button"
                class="finish"
                @click=${() => inputs.finishDrawing()}
              >
                ${editor.t('edit.finish', { count: points.length })}
              </button>
              <button
                type="button"
                part="button"
                class="cancel"
                @click=${() => inputs.cancelDrawing()}
              >
                ${editor.t('edit.cancel')}
              </button>`
      }
      <button
        type="button"
        part="button"
        class="use-selection"
        aria-disabled=${inputs.hasSelection ? 'false' : 'true'}
        @click=${() => inputs.useSelection()}
      >
        ${editor.t('edit.useSelection')}
      </button>
    </div>
    <p id="draw-help" class="help muted">
      ${editor.t(trees ? 'edit.drawTreesHelp' : 'edit.drawHelp')}
    </p>
    ${
      inputs.editMessage
        ? html`<p class="error" part="message" role="alert">${inputs.editMessage}</p>`
        : nothing
    }`;
}

function coordinateForm(editor: DtPlanEditor) {
  const inputs = editor.inputs;
  const problem = inputs.coordinateProblem;
  return html`<form
    class="coordinates"
    @submit=${(e: Event) => {
      e.preventDefault();
      inputs.addTypedCoordinates();
    }}
  >
    <label class="field" for="coordinates">${editor.t('edit.coords')}</label>
    <p id="coordinates-help" class="help muted">${editor.t('edit.coordsHelp')}</p>
    <div class="row">
      <input
        id="coordinates"
        part="input"
        type="text"
        autocomplete="off"
        spellcheck="false"
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? 'coordinates-help coordinates-error' : 'coordinates-help'}
        .value=${inputs.coordinates}
        @input=${(e: Event) => inputs.set({ coordinates: valueOf(e) })}
      />
      <button type="submit" part="button">${editor.t('edit.coordsAdd')}</button>
    </div>
    ${
      problem
        ? html`<p id="coordinates-error" class="error" part="message" role="alert">
            ${editor.t(problem.key, problem.params)}
          </p>`
        : nothing
    }
  </form>`;
}

function planList(editor: DtPlanEditor) {
  const edits = editor.edits;
  const pageEdits = editor.pageEditCount;
  return html`<h3 id="list-heading">${editor.t('edit.list', { count: edits.length })}</h3>
    ${
      edits.length === 0
        ? html`<p class="muted">${editor.t('edit.listEmpty')}</p>`
        : html`<ul part="list" class="edits" aria-labelledby="list-heading">
            ${edits.map((edit) => {
              const name = editor.editName(edit);
              return html`<li part="item">
                <span class="what">${name}, ${editor.areaText(edit)}</span>
                <button
                  type="button"
                  part="button"
                  aria-label=${editor.t('edit.removeNamed', { name })}
                  @click=${() => editor.removeEdit(editIdOf(edit))}
                >
                  ${editor.t('edit.remove')}
                </button>
              </li>`;
            })}
          </ul>`
    }
    ${pageEdits > 0 ? html`<p class="muted">${editor.t('edit.pageEdits', { count: pageEdits })}</p>` : nothing}
    <div class="row">
      <button
        type="button"
        part="button"
        class="undo"
        aria-keyshortcuts="Control+Z"
        ?disabled=${!editor.canUndo}
        @click=${() => editor.undo()}
      >
        ${editor.t('edit.undo')}
      </button>
      <button
        type="button"
        part="button"
        class="redo"
        aria-keyshortcuts="Control+Shift+Z Control+Y"
        ?disabled=${!editor.canRedo}
        @click=${() => editor.redo()}
      >
        ${editor.t('edit.redo')}
      </button>
    </div>`;
}

function files(editor: DtPlanEditor) {
  const messages = editor.importMessages;
  return html`<div class="row">
      <button type="button" part="button" class="export" @click=${() => editor.exportPlan()}>
        ${editor.t('edit.export')}
      </button>
    </div>
    <label class="field" for="import">${editor.t('edit.import')}</label>
    <input
      id="import"
      part="input"
      type="file"
      accept=".geojson,.json,application/geo+json,application/json"
      @change=${async (e: Event) => {
        const input = e.target as HTMLInputElement;
        const file = input.files?.[0];
        if (!file) return;
        editor.importText(await file.text(), file.name);
        input.value = ''; // the same file can be chosen again
      }}
    />
    ${
      messages.length > 0
        ? html`<div class="error import-messages" part="message" role="alert">
            <p>${messages[0]}</p>
            ${
              messages.length > 1
                ? html`<ul>
                    ${messages.slice(1).map((m) => html`<li>${m}</li>`)}
                  </ul>`
                : nothing
            }
          </div>`
        : nothing
    }`;
}

/** The editor's content (the element adds its live region). */
export function planEditorView(editor: DtPlanEditor, options: { actions: readonly EditAction[] }) {
  return html`<section aria-labelledby="heading">
    <h2 id="heading" part="heading">${editor.t('edit.heading', { name: editor.plan ?? '' })}</h2>
    ${
      editor.storageMessage
        ? html`<p class="error storage-message" part="message" role="alert">
            ${editor.storageMessage}
          </p>`
        : nothing
    }
    ${
      editor.saveMessage
        ? html`<p class="error" part="message" role="alert">${editor.saveMessage}</p>`
        : nothing
    }
    ${actionChoice(editor, options.actions)} ${drawControls(editor)} ${coordinateForm(editor)}
    ${planList(editor)} ${files(editor)}
  </section>`;
}
