import { createContext } from '@lit/context';
import type { TwinController } from './twin-controller.js';

/** The context key under which `<dt-twin>` provides its {@link TwinController}. */
export const twinContext = createContext<TwinController>(Symbol.for('tweeling.twin'));
