/**
 * The store entry: one Tweeling component as an OGC API Records record (GeoJSON Feature form) with
 * DCAT-AP-NL properties. The JSON Schema is store-entry.schema.json; these types mirror it.
 * @packageDocumentation
 */
import type { Geometry } from 'geojson';

/** A DCAT-AP-NL language map: text per BCP 47 language tag, at least `nl` and `en`. */
export interface LanguageMap {
  /** Dutch. */
  nl: string;
  /** English. */
  en: string;
  /** Any other language, by BCP 47 tag. */
  [language: string]: string;
}

/** Who offers a component, or who to contact about it. */
export interface EntryAgent {
  /** The name. */
  name: string;
  /** An email address (required for the contact point). */
  email?: string;
  /** A web page. */
  url?: string;
}

/** The module of a component and its Subresource Integrity hash. */
export interface EntryModule {
  /** The ES module's URL, relative to the entry. */
  url: string;
  /** `sha384-` and the base64 SHA-384 of the module's bytes. */
  integrity: string;
}

/** What a component may do beyond drawing. */
export interface EntryCapabilities {
  /** Origins (`https://host[:port]`) it may contact besides the page's own. */
  origins: string[];
  /** Whether it starts workers of its own. */
  workers: boolean;
}

/** An accessibility statement and the conformance it claims. */
export interface EntryAccessibility {
  /** The statement: a URL or the text itself. */
  statement: string;
  /** The claimed conformance: `WCAG 2.1 AA`, ... or `none`. */
  conformance: string;
}

/** The terms of use. */
export interface EntryTerms {
  /** The business model. */
  model: TermsModel;
  /** The terms (required for subscription and pay-per-use). */
  url?: string;
}

/** The lifecycle status of an entry. */
export interface EntryStatusInfo {
  /** The status. */
  value: EntryStatus;
  /** Why (required for deprecated and revoked). */
  reason?: string;
  /** The id of the entry that replaces it. */
  replacedBy?: string;
}

/** What a component adds to a twin. */
export type ComponentKind = 'layer' | 'data-source' | 'scenario' | 'control';

/** Business model of a component's terms of use. */
export type TermsModel = 'open' | 'subscription' | 'pay-per-use';

/** Lifecycle status of a store entry. */
export type EntryStatus = 'experimental' | 'stable' | 'deprecated' | 'revoked';

/** An OGC API link. */
export interface RecordLink {
  /** The relation: `self`, `about`, `license`, `next`, ... */
  rel: string;
  /** The target URL (relative URLs resolve against the document). */
  href: string;
  /** Media type of the target. */
  type?: string;
  /** A human-readable title. */
  title?: string;
  /** Language of the target. */
  hreflang?: string;
}

/** An element to add to the twin on install (see {@link ComponentBlock.elements}). */
export interface ElementSpec {
  /** The tag name. */
  tag: string;
  /** Attributes by name (no `on...` event handlers). */
  attributes?: Record<string, string>;
}

/** The built-in tags an entry may add on install besides its own. */
export const INSTALLABLE_BUILT_INS = ['dt-data-source', 'dt-layer', 'dt-scenario'] as const;

/** The component-specific block, `properties["tweeling:component"]`. */
export interface ComponentBlock {
  /** What it adds to a twin. */
  kind: ComponentKind;
  /** The component's own version (semver). */
  version: string;
  /** The Tweeling SDK versions it supports, as a semver range. */
  sdk: string;
  /** Prefix of every tag and scenario kind it defines (`acme-`). */
  tagPrefix: string;
  /** The custom element names it defines. */
  tags: string[];
  /** The scenario kinds it registers (`<dt-scenario type="...">`). */
  scenarioKinds?: string[];
  /**
   * Elements the store adds to the twin on install, in order: one of `tags` or a built-in
   * `dt-data-source`, `dt-layer` or `dt-scenario`, with its attributes (a relative `src` resolves
   * against the entry). Created with `createElement` and `setAttribute`, never parsed as HTML.
   */
  elements?: ElementSpec[];
  /** The ES module (URL relative to the entry) and its SRI `sha384-` hash. */
  module: EntryModule;
  /** URL of its Custom Elements Manifest. */
  customElements: string;
  /** Origins it may contact besides the page's own, and whether it starts workers. */
  capabilities: EntryCapabilities;
  /** The languages of its text: at least `nl` and `en`. */
  locales: string[];
  /** An accessibility statement (URL or text) and the claimed conformance (`WCAG 2.1 AA`). */
  accessibility: EntryAccessibility;
  /** Terms of use: the business model and, for paid models, the terms URL. */
  terms: EntryTerms;
  /** Lifecycle status, with a reason (deprecated, revoked) and the id of a replacement. */
  status: EntryStatusInfo;
}

/** A concept of a theme scheme. */
export interface EntryConcept {
  /** The concept's id in its scheme. */
  id: string;
  /** Its name. */
  title?: string;
  /** Its URL. */
  url?: string;
}

/** A DCAT theme: concepts of a scheme. */
export interface EntryTheme {
  /** URL of the concept scheme. */
  scheme: string;
  /** Concepts of the scheme. */
  concepts: EntryConcept[];
}

/** The DCAT-AP-NL properties of a store entry, plus the component block. */
export interface EntryProperties {
  /** Always `software`. */
  type: 'software';
  /** The title, at least in Dutch and English. */
  title: LanguageMap;
  /** What it does, at least in Dutch and English. */
  description: LanguageMap;
  /** Keywords, in any language. */
  keywords: string[];
  /** Themes from concept schemes. */
  themes?: EntryTheme[];
  /** Who offers it. */
  publisher: EntryAgent;
  /** Who to contact (with an `email`). */
  contactPoint: EntryAgent;
  /** SPDX identifier or licence URL. */
  license: string;
  /** When the entry was first published (a date or date-time). */
  created: string;
  /** When the entry last changed (a date or date-time). */
  updated: string;
  /** The component-specific fields. */
  'tweeling:component': ComponentBlock;
}

/** A store entry (`tweeling.json`), as an OGC API Records record in GeoJSON form. */
export interface StoreEntry {
  /** Always `Feature`. */
  type: 'Feature';
  /** Reverse-domain identifier, `nl.acme.tree-canopy`. */
  id: string;
  /** Where the component is meant to be used, or null (anywhere). */
  geometry: Geometry | null;
  /** Conformance classes; includes Records core ({@link RECORD_CORE}). */
  conformsTo: string[];
  /** DCAT-AP-NL properties and the component block. */
  properties: EntryProperties;
  /** Links: at least `about` (the landing page). */
  links: RecordLink[];
}

/** The OGC API Records conformance class every entry declares. */
export const RECORD_CORE = 'http://www.opengis.net/spec/ogcapi-records-1/1.0/req/record-core';
