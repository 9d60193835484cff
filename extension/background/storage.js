/**
 * Everything the extension keeps, in one table: key, default, and what a valid
 * value looks like. All of it lives in storage.local, on this machine only:
 * the token must never sync, and host permissions granted in one browser do
 * not exist in another, so the site lists stay local too.
 */

import { api } from "./browser.js";

export const DEFAULT_SERVICE_URL = "http://127.0.0.1:8765";

const isStringList = (v) => Array.isArray(v) && v.every((s) => typeof s === "string");

const KEYS = {
  // Where the local service listens (loopback only: see isServiceUrl).
  serviceUrl: { initial: DEFAULT_SERVICE_URL, valid: (v) => isServiceUrl(v) },
  // The pairing token from POST /v1/pair; null until paired.
  token: { initial: null, valid: (v) => v === null || (typeof v === "string" && v.length > 0) },
  // Show the dialog even for an image with nothing to report.
  alwaysAsk: { initial: false, valid: (v) => typeof v === "boolean" },
  // Default sites (by host) the person turned off.
  disabledSites: { initial: [], valid: isStringList },
  // Origins the person added ("https://chat.example.org").
  addedSites: { initial: [], valid: isStringList },
  // Origins where watching is paused from the popup.
  pausedSites: { initial: [], valid: isStringList },
};

/** Whether `url` is an http URL on this machine (the only place the service may be). */
export function isServiceUrl(url) {
  try {
    const u = new URL(url);
    const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname);
    return u.protocol === "http:" && loopback && u.pathname === "/" && !u.search && !u.hash;
  } catch {
    return false;
  }
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
