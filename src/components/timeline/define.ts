import { DtTimeline } from './dt-timeline.js';

DtTimeline.define('dt-timeline');

declare global {
  interface HTMLElementTagNameMap {
    'dt-timeline': DtTimeline;
  }
}
