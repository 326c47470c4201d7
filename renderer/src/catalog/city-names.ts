// Runs in the renderer. Display names of prefecture-level cities by civil code (the catalog tree's root level);
// the platform's own name is used where the table has none.
import type { Locale } from "../../../contract/console-api.js";

const CITY_NAMES: Record<string, Record<Locale, string>> = {
  "520300": { "zh-CN": "遵义市", en: "Zunyi" },
};

export function cityName(cityCode: string, locale: Locale, fallback?: string): string {
  return CITY_NAMES[cityCode]?.[locale] ?? fallback ?? cityCode;
}
