/**
 * Registers every built-in `dt-*` element: `import 'tweeling/define'`. The twin is defined first so
 * its context provider is in place before its children upgrade.
 */
import './components/twin/define.js';
import './components/map/define.js';
import './components/data-source/define.js';
import './components/layer/define.js';
import './components/layer-list/define.js';
import './components/legend/define.js';
import './components/feature-list/define.js';
import './components/feature-info/define.js';
import './components/timeline/define.js';
import './components/scenario/define.js';
import './components/scenario-panel/define.js';
import './components/edit/define.js';
import './components/store/define.js';
import './components/compare/define.js';
import './components/measure/define.js';
import './components/snapshot/define.js';
import './components/share/define.js';
import './components/search/define.js';
import './components/coordinates/define.js';
