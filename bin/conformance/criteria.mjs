/**
 * The six assessment criteria of the national digital twin architecture (Nationale Digitale Tweeling
 * architectuur) and the kit's checks, each filed under the criteria it serves. docs/admission-standard.md
 * explains each check and why it exists.
 */

/** The six criteria, in the order the report lists them. */
export const CRITERIA = [
  {
    id: 'technical',
    en: 'Technical compatibility and reliability',
    nl: 'Technische compatibiliteit en betrouwbaarheid',
  },
  {
    id: 'transparency',
    en: 'Transparency and explainability of algorithms and logic',
    nl: 'Transparantie en uitlegbaarheid van algoritmen en logica',
  },
  { id: 'legal', en: 'Legal and ethical compliance', nl: 'Juridische en ethische naleving' },
  {
    id: 'reproducibility',
    en: 'Reproducibility and traceability of results',
    nl: 'Reproduceerbaarheid en herleidbaarheid van resultaten',
  },
  {
    id: 'lifecycle',
    en: 'Lifecycle management and maintenance',
    nl: 'Levenscyclusbeheer en onderhoud',
  },
  { id: 'experience', en: 'User experience and feedback', nl: 'Gebruikerservaring en feedback' },
];

/** The checks, in the order they run. */
export const CHECKS = [
  {
    id: 'manifest',
    title: 'tweeling.json is a valid store entry and pins its module (SHA-384)',
    criteria: ['technical', 'transparency', 'legal', 'reproducibility', 'lifecycle'],
  },
  {
    id: 'custom-elements-present',
    title: 'custom-elements.json is present',
    criteria: ['transparency', 'lifecycle'],
  },
  {
    id: 'custom-elements-match',
    title: 'custom-elements.json, the manifest and the module name the same tags',
    criteria: ['technical', 'transparency'],
  },
  {
    id: 'tag-prefix',
    title: 'every tag uses the declared prefix',
    criteria: ['technical', 'lifecycle'],
  },
  {
    id: 'render',
    title: 'renders inside a twin without errors',
    criteria: ['technical', 'experience'],
  },
  {
    id: 'lifecycle',
    title:
      '50 connect/disconnect cycles leave no listeners, workers, WebGL contexts or intervals behind',
    criteria: ['technical', 'lifecycle'],
  },
  {
    id: 'accessibility',
    title: 'axe-core finds no WCAG 2.1/2.2 AA violations in its UI',
    criteria: ['experience', 'legal'],
  },
  {
    id: 'csp',
    title: 'its files cause no Content-Security-Policy violations (strict policy, Trusted Types)',
    criteria: ['technical', 'legal'],
  },
  {
    id: 'origins',
    title: 'it contacts only the origins (and starts workers only as) it declares',
    criteria: ['legal', 'transparency', 'reproducibility'],
  },
  {
    id: 'locales',
    title: 'Dutch and English text',
    criteria: ['experience', 'legal'],
  },
];
