// Runs in the renderer. React hook: the translate function for the locale main told us.
import { useMemo } from "react";
import { useConsoleStore } from "../state/console-store.js";
import { translator, type Translate } from "./i18n.js";

export function useT(): Translate {
  const locale = useConsoleStore((s) => s.locale);
  return useMemo(() => translator(locale), [locale]);
}
