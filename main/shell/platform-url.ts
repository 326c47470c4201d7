// Runs in main. Pure: the configured central platform URL, checked once for both shells.

/** The central platform's base URL (http or https); the API lives under /api/v1 of it. */
export function parsePlatformUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`platform URL: not a URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`platform URL: must be http(s), got ${url.protocol}`);
  return url.origin + url.pathname.replace(/\/+$/, "");
}
