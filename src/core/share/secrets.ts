/**
 * Keeping secrets out of what is shared: permalinks, context documents and provenance never carry
 * credentials, tokens or API keys. A URL loses its user name and password, its fragment and every
 * query parameter whose name looks like a secret; an attribute whose name looks like one is left out.
 */

/** Parts of names that mark a secret: `api-key`, `access_token`, `X-Amz-Signature`, `password`, ... */
const SECRET_PART = /key|token|secret|password|passwd|pwd|auth|credential|signature/;
/** Whole names that mark a secret. */
const SECRET_NAMES = new Set(['sig', 'code', 'session', 'sessionid', 'jwt', 'sas']);

/** Whether a name (of an attribute or query parameter) looks like it holds a secret. */
export function isSecretName(name: string): boolean {
  const plain = name.toLowerCase().replace(/[^a-z]/g, '');
  return SECRET_PART.test(plain) || SECRET_NAMES.has(plain);
}

/**
 * The absolute URL without credentials, fragment and query parameters that look like secrets. Text
 * that is not an absolute URL loses everything from its first `?` or `#`.
 */
export function withoutSecrets(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/[?#].*$/s, '');
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  for (const name of [...new Set(parsed.searchParams.keys())]) {
    if (isSecretName(name)) parsed.searchParams.delete(name);
  }
  return parsed.href;
}
