/**
 * Where the extension watches uploads, and the content scripts that do it.
 *
 * One mechanism for every site: the scripts are registered at run time with
 * scripting.registerContentScripts, for the default sites the person left on
 * plus the origins they added (and hold a host permission for), minus the
 * origins paused from the popup. Any change re-registers, so it applies to the
 * next page load; `watches(origin)` is asked again at every upload, so a pause
 * applies at once to pages already open.
 */

import { patternsTakePorts, permissions, scripting } from "./browser.js";
import * as storage from "./storage.js";

// Messaging and dating sites watched by default: [host, with its subdomains].
// The manifest's host_permissions list the same patterns (a test keeps them equal).
const DEFAULTS = [
  ["web.whatsapp.com", false],
  ["web.telegram.org", false],
  ["messenger.com", true],
  ["facebook.com", true],
  ["instagram.com", true],
  ["discord.com", true],
  ["x.com", true],
  ["twitter.com", true],
  ["reddit.com", true],
  ["app.slack.com", false],
  ["teams.microsoft.com", false],
  ["linkedin.com", true],
  ["web.snapchat.com", false],
  ["tinder.com", true],
  ["bumble.com", true],
  ["hinge.co", true],
  ["okcupid.com", true],
  ["match.com", true],
  ["web.grindr.com", false],
  ["pof.com", true],
  ["feeld.co", true],
  ["hily.com", true],
  ["badoo.com", true],
  ["mail.google.com", false],
  ["outlook.live.com", false],
];

export const DEFAULT_SITES = DEFAULTS.map(([host, subdomains]) => ({
  host,
  pattern: `https://${subdomains ? "*." : ""}${host}/*`,
}));

// The two registrations: the isolated world (intercept.js last: it uses the
// others) and the page's own world, for file inputs that are never in the document.
// Each world loads the service's vocabulary first, a file of its own (Chrome injects
// a file into a frame once, whichever world asks): the scripts after it read it. The
// isolated world then loads who can see what each site sends (for the dialog).
const ISOLATED = [
  "wire.js",
  "sparse.js",
  "sparse-matroska.js",
  "dialog-style.js",
  "dialog-rows.js",
  "dialog.js",
  "frame-dialog.js",
  "sources.js",
  "notice.js",
  "intercept.js",
];
const PAGE = ["page-vocabulary.js", "page-files.js", "page-hook.js"];
export const SCRIPTS = [
  {
    id: "thinktwice-intercept",
    js: ["shared/vocabulary.js", "shared/encryption.js", ...ISOLATED.map((name) => `content/${name}`)],
  },
  { id: "thinktwice-page-hook", js: PAGE.map((name) => `content/${name}`), world: "MAIN" },
];
const SCRIPT_IDS = SCRIPTS.map((s) => s.id);

/**
 * "scheme://host[:port]" for an http(s) URL or origin typed by a person or a
 * test; throws naming the value when it is not one.
 */
export function normalizeOrigin(value) {
  let url;
  try {
    url = new URL(String(value).trim());
  } catch {
    throw new Error(`${JSON.stringify(value)} is not a web address (https://example.org).`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`${JSON.stringify(value)} is not an http or https address.`);
  }
  return url.origin;
}

/** The match pattern for `origin`: with its port where the browser allows one. */
export function originPattern(origin) {
  const url = new URL(origin);
  const host = patternsTakePorts ? url.host : url.hostname;
  return `${url.protocol}//${host}/*`;
}

function hostMatches(site, hostname) {
  const subdomains = site.pattern.startsWith("https://*.");
  return hostname === site.host || (subdomains && hostname.endsWith(`.${site.host}`));
}

/** Every site with its state, for the options page. */
export async function list() {
  const { disabledSites, addedSites, pausedSites } = await storage.getAll();
  return {
    defaults: DEFAULT_SITES.map((s) => ({ ...s, enabled: !disabledSites.includes(s.host) })),
    added: addedSites,
    paused: pausedSites,
  };
}

/** Whether `origin` is a watched site (a default left on, or one the person added). */
export async function isWatched(origin) {
  const { disabledSites, addedSites } = await storage.getAll();
  const url = new URL(normalizeOrigin(origin));
  if (addedSites.includes(url.origin)) return true;
  return (
    url.protocol === "https:" &&
    DEFAULT_SITES.some((s) => !disabledSites.includes(s.host) && hostMatches(s, url.hostname))
  );
}

/**
 * Whether an upload from a frame at `frameUrl` in a tab at `tabUrl` is watched
 * now: the frame's or the tab's origin is a watched site, and the tab's origin
 * is not paused.
 */
export async function watches(frameUrl, tabUrl) {
  const web = [frameUrl, tabUrl].filter((u) => typeof u === "string" && /^https?:/.test(u));
  if (tabUrl && web.includes(tabUrl) && (await isPaused(tabUrl))) return false;
  for (const url of web) {
    if (await isWatched(url)) return true;
  }
  return false;
}

/** Add `origin` to the watched sites; the host permission must be granted already. */
export async function add(origin) {
  origin = normalizeOrigin(origin);
  if (!(await permissions.contains([originPattern(origin)]))) {
    throw new Error(
      `ThinkTwice has no permission for ${origin}: add it from the options page, which asks for it.`,
    );
  }
  await storage.update("addedSites", (sites) => (sites.includes(origin) ? sites : [...sites, origin]));
  await sync();
  return origin;
}

export async function remove(origin) {
  origin = normalizeOrigin(origin);
  await storage.update("addedSites", (sites) => sites.filter((s) => s !== origin));
  await sync();
}

/** Turn a default site on or off. */
export async function setEnabled(host, enabled) {
  if (!DEFAULT_SITES.some((s) => s.host === host)) throw new Error(`${host} is not a default site.`);
  await storage.update("disabledSites", (hosts) =>
    enabled ? hosts.filter((h) => h !== host) : [...new Set([...hosts, host])],
  );
  await sync();
}

/** Pause or resume watching on `origin` (the popup's switch). */
export async function setPaused(origin, paused) {
  origin = normalizeOrigin(origin);
  await storage.update("pausedSites", (origins) =>
    paused ? [...new Set([...origins, origin])] : origins.filter((o) => o !== origin),
  );
  await sync();
}

export async function isPaused(origin) {
  return (await storage.get("pausedSites")).includes(normalizeOrigin(origin));
}

// Registrations run one at a time: two overlapping syncs would both try to register.
let queue = Promise.resolve();

/** Bring the registered content scripts in line with the stored lists. */
export function sync() {
  queue = queue.then(registerNow, registerNow);
  return queue;
}

async function registerNow() {
  const { disabledSites, addedSites, pausedSites } = await storage.getAll();
  const matches = DEFAULT_SITES.filter((s) => !disabledSites.includes(s.host)).map((s) => s.pattern);
  for (const origin of addedSites) {
    const pattern = originPattern(origin);
    if (await permissions.contains([pattern])) matches.push(pattern);
  }
  const excludeMatches = pausedSites.map(originPattern);
  const present = (await scripting.registered(SCRIPT_IDS)).map((s) => s.id);
  if (!matches.length) {
    await scripting.unregister(present);
    return;
  }
  const wanted = SCRIPTS.map((script) => ({
    ...script,
    matches,
    excludeMatches,
    allFrames: true,
    // Also in about:blank, about:srcdoc, blob: and data: frames a watched page makes
    // (rich-text editors live in them): they take their creator's origin.
    matchOriginAsFallback: true,
    runAt: "document_start",
    persistAcrossSessions: true,
  }));
  if (present.length === SCRIPTS.length) {
    await scripting.update(wanted); // in place: no moment without interception
  } else {
    await scripting.unregister(present);
    await scripting.register(wanted);
  }
}

/** Forget added sites whose permission the person withdrew in the browser's settings. */
export function watchPermissions() {
  permissions.onRemoved(() => void sync());
}
