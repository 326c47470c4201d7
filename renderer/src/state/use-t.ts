// Runs in the renderer. React hook: the translate function (i18n/) for the locale main told us, as the store holds it.
import { useMemo } from "react";
import { useConsoleStore } from "./console-store.js";
import { translator, type Translate } from "../i18n/i18n.js";

export function useT(): Translate {
  const locale = useConsoleStore((s) => s.locale);
  return useMemo(() => translator(locale), [locale]);
}
