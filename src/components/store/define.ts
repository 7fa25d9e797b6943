import * as api from '../../index.js';
import { provideSdk } from '../../core/store/loader.js';
import { DtStore } from './dt-store.js';

DtStore.define('dt-store');

// Store modules import nothing: the loader gives them the SDK's public API (one copy of lit,
// deck.gl and the base classes) on globalThis.Tweeling when it installs the first one.
provideSdk(api);

declare global {
  interface HTMLElementTagNameMap {
    'dt-store': DtStore;
  }
}
