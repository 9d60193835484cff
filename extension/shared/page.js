/**
 * What the popup, options and help pages share: strings from chrome.i18n into
 * every [data-i18n] element, and one way to ask the worker (which checks that
 * the message comes from an extension page and has a known shape).
 */

import { sendMessage, t } from "../background/browser.js";

export { t };

/** Fill `[data-i18n]` text and `[data-i18n-placeholder]` / `[data-i18n-title]` attributes. */
export function localize(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
  for (const el of root.querySelectorAll("[data-i18n-title]")) el.title = t(el.dataset.i18nTitle);
  document.documentElement.lang = t("htmlLang");
}

/** Ask the worker: `type` names a message in background/messages.js PAGES. */
export function call(type, fields = {}) {
  return sendMessage({ type, ...fields });
}

/** The connection state as a short sentence and a tone for the status dot. */
export function describeConnection(connection) {
  const tone = { connected: "ok", not_set_up: "warn", not_running: "bad" }[connection.state] ?? "bad";
  const key = {
    connected: "statusConnected",
    not_set_up: "statusNotSetUp",
    not_running: "statusNotRunning",
  }[connection.state] ?? "statusError";
  return { tone, text: t(key, [connection.version ?? "", connection.message ?? ""]) };
}
