// Runs in the renderer. Display names of prefecture-level cities by civil code (the catalog tree's root level).
import type { Locale } from "../../../contract/console-api.js";

const CITY_NAMES: Record<string, Record<Locale, string>> = {
  "520300": { "zh-CN": "遵义市", en: "Zunyi" },
};

export function cityName(cityCode: string, locale: Locale): string {
  return CITY_NAMES[cityCode]?.[locale] ?? cityCode;
}
