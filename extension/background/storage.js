/**
 * Everything the extension keeps, in one table: key, default, and what a valid
 * value looks like. All of it lives in storage.local, on this machine only:
 * host permissions granted in one browser do not exist in another, so the
 * site lists stay local. No secret is kept: the service is reached through
 * native messaging (native.js), which needs none.
 */

import { api } from "./browser.js";

const isStringList = (v) => Array.isArray(v) && v.every((s) => typeof s === "string");

// What versions before native messaging kept: the service's URL and its token.
const RETIRED_KEYS = ["serviceUrl", "token"];

const KEYS = {
  // Show the dialog even for an image with nothing to report.
  alwaysAsk: { initial: false, valid: (v) => typeof v === "boolean" },
  // Remove HDR gain maps from clean copies too (kept by default: the photo's HDR look).
  dropHdr: { initial: false, valid: (v) => typeof v === "boolean" },
  // Default sites (by host) the person turned off.
  disabledSites: { initial: [], valid: isStringList },
  // Origins the person added ("https://chat.example.org").
  addedSites: { initial: [], valid: isStringList },
  // Origins where watching is paused from the popup.
  pausedSites: { initial: [], valid: isStringList },
};

/** Remove what older versions kept (a token is a secret: it must not linger). */
export function forgetRetired() {
  return api.storage.local.remove(RETIRED_KEYS);
}

function entry(key) {
  const spec = KEYS[key];
  if (!spec) throw new Error(`Unknown setting ${JSON.stringify(key)}.`);
  return spec;
}

/** The stored value of `key`, or its default when unset or damaged. */
export async function get(key) {
  const spec = entry(key);
  const stored = (await api.storage.local.get(key))[key];
  return stored !== undefined && spec.valid(stored) ? stored : structuredClone(spec.initial);
}

/** Every setting at once, defaults filled in. */
export async function getAll() {
  const stored = await api.storage.local.get(Object.keys(KEYS));
  const out = {};
  for (const [key, spec] of Object.entries(KEYS)) {
    const value = stored[key];
    out[key] = value !== undefined && spec.valid(value) ? value : structuredClone(spec.initial);
  }
  return out;
}

/** Store `value` for `key`; refuses a value of the wrong shape, naming both. */
export async function set(key, value) {
  if (!entry(key).valid(value)) {
    throw new Error(`Setting ${JSON.stringify(key)} has value ${JSON.stringify(value)}. Not valid.`);
  }
  await api.storage.local.set({ [key]: value });
}

/** Replace the list at `key` by `change(list)` (for the site lists). */
export async function update(key, change) {
  await set(key, change(await get(key)));
}
