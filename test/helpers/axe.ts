/** axe-core in the test page: loaded once from node_modules, run over an element and its shadow roots. */

/** What axe reports (the parts the tests read). */
export interface AxeResult {
  violations: { id: string; help: string; nodes: { target: unknown[] }[] }[];
  passes: { id: string }[];
}

interface Axe {
  run(context: Element, options?: object): Promise<AxeResult>;
}

/** Loads axe-core (once per page). */
export async function loadAxe(): Promise<Axe> {
  const global = window as unknown as { axe?: Axe };
  if (!global.axe) {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }
  if (!global.axe) throw new Error('axe-core did not load');
  return global.axe;
}

/** The WCAG 2.1 AA (and 2.2 AA) rules plus axe's best practices. */
export const WCAG_AA_RULES = [
  'wcag2a',
  'wcag2aa',
  'wcag21a',
  'wcag21aa',
  'wcag22aa',
  'best-practice',
];

/** Runs axe over `root` and returns its violations as readable lines (empty when there are none). */
export async function axeViolations(
  root: Element,
): Promise<{ lines: string[]; result: AxeResult }> {
  const axe = await loadAxe();
  const result = await axe.run(root, { runOnly: WCAG_AA_RULES });
  const lines = result.violations.map(
    (v) => `${v.id}: ${v.help} (${JSON.stringify(v.nodes[0]?.target)})`,
  );
  return { lines, result };
}
