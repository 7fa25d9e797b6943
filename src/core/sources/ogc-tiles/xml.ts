/**
 * Small readers over a parsed XML document (OGC capabilities). Elements are matched by local name,
 * so namespace prefixes (`ows:`, `wms:`, none) do not matter. The document comes from the page's
 * `DOMParser`; nothing here creates or inserts DOM.
 */

/** The direct child elements of `parent` with local name `name`. */
export function childrenNamed(parent: Element | undefined, name: string): Element[] {
  if (!parent) return [];
  return [...parent.children].filter((child) => child.localName === name);
}

/** The first element down the path of local names from `parent` (direct children each step). */
export function childAt(parent: Element | undefined, ...path: string[]): Element | undefined {
  let node = parent;
  for (const name of path) node = childrenNamed(node, name)[0];
  return node;
}

/** The trimmed text of the element at `path` under `parent`, or undefined when absent or empty. */
export function textAt(parent: Element | undefined, ...path: string[]): string | undefined {
  const text = childAt(parent, ...path)?.textContent?.trim();
  return text ? text : undefined;
}

/** An `xlink:href` (or plain `href`) attribute. */
export function hrefOf(element: Element | undefined): string | undefined {
  return (
    element?.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ??
    element?.getAttribute('xlink:href') ??
    element?.getAttribute('href') ??
    undefined
  );
}

/** Numbers in a space-separated list ("-20037508.34 20037508.34"). */
export function numbersOf(text: string | undefined): number[] {
  return (text ?? '').trim().split(/\s+/).filter(Boolean).map(Number);
}

/**
 * The message of an OGC exception report (WMS `ServiceExceptionReport`, OWS `ExceptionReport`) in
 * `doc`, or undefined when the root is something else. Servers send these with HTTP 200.
 */
export function exceptionMessage(doc: Document): string | undefined {
  const root = doc.documentElement;
  if (root.localName !== 'ServiceExceptionReport' && root.localName !== 'ExceptionReport')
    return undefined;
  const texts = [...root.getElementsByTagName('*')]
    .filter((e) => e.localName === 'ServiceException' || e.localName === 'ExceptionText')
    .map((e) => e.textContent?.trim().replace(/\s+/g, ' ') ?? '')
    .filter(Boolean);
  return texts.join('; ') || 'the service answered with an exception report';
}

/** The first line of the parser's complaint when `doc` is not well-formed XML, else undefined. */
export function parserError(doc: Document): string | undefined {
  const error = doc.getElementsByTagName('parsererror')[0];
  if (!error) return undefined;
  const line = (error.textContent ?? '').split('\n').find((l) => l.trim()) ?? 'not well-formed';
  return line.trim().slice(0, 200);
}
