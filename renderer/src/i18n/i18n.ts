// Runs in the renderer. Message lookup for the current locale; the locale itself lives in main (getBootstrap / setLocale).
import type { ApiErrorCode, Locale } from "../../../contract/console-api.js";
import { en } from "./en.js";
import { zhCN, type MessageKey } from "./zh-CN.js";

export type { MessageKey };
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const messageTables: Record<Locale, Record<MessageKey, string>> = { "zh-CN": zhCN, en };

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a missing param is noticed. */
export function formatMessage(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function translator(locale: Locale): Translate {
  const table = messageTables[locale];
  return (key, params) => formatMessage(table[key] ?? zhCN[key], params);
}

/** The localized "what happened and what to do next" for an API error code. */
export function errorMessageKey(code: ApiErrorCode | "PLAYER" | "UNSUPPORTED"): MessageKey {
  return `error.${code}`;
}
