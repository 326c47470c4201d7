// Runs in Electron main. Pure: which links may leave the app for the system browser. Only https URLs of origins an
// administrator listed (VIGIL_EXTERNAL_LINK_ORIGINS); the default list is empty, so by default nothing opens
// externally. Exact origins, no wildcards: "https://docs.example.gov.cn" does not admit its subdomains.

export const EXTERNAL_LINK_ORIGINS_ENV = "VIGIL_EXTERNAL_LINK_ORIGINS";

/** The configured list (comma- or space-separated https origins); a bad entry is an error that names it. */
export function parseExternalLinkOrigins(raw: string | undefined): string[] {
  const entries = (raw ?? "").split(/[\s,]+/).filter(Boolean);
  return entries.map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`${EXTERNAL_LINK_ORIGINS_ENV}: not a URL: ${entry}`);
    }
    if (url.protocol !== "https:") throw new Error(`${EXTERNAL_LINK_ORIGINS_ENV}: only https origins may open externally, got ${entry}`);
    // An origin, not a page: a path, query, fragment or credentials would suggest a narrower rule than is enforced.
    if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) {
      throw new Error(`${EXTERNAL_LINK_ORIGINS_ENV}: give an origin only (scheme://host[:port]), got ${entry}`);
    }
    return url.origin;
  });
}

/** True when `url` may be handed to the system browser. */
export function isAllowedExternalUrl(url: string, allowedOrigins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "https:" || parsed.username || parsed.password) return false;
  return allowedOrigins.includes(parsed.origin);
}
