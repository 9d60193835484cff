/**
 * Who may ask the worker what. Every message names a `type` from one of two
 * tables; anything else is refused (as Privacy Badger does with
 * KNOWN_CONTENT_SCRIPT_MESSAGES):
 * - CONTENT: from this extension's content scripts, in a tab, in a frame, on a
 *   web page (sender.tab, sender.frameId, an http(s) sender.url, or a frame of an
 *   http(s) tab with no address of its own: about:srcdoc, about:blank, blob:, data:);
 * - PAGES: from this extension's own pages (popup, options, dashboard), by sender.url.
 * Each entry says the payload's fields and how each must look; a message with
 * a missing, extra or malformed field is refused before any handler runs.
 * Nothing listens for other extensions (onMessageExternal) or ports.
 */

import { extensionId, extensionOrigin, onMessage } from "./browser.js";
import { MAX_PARTS } from "./transfers.js";
import { DECISIONS, MAX_VIDEO_BYTES, PART_CHARS } from "./vocabulary.js";

const MAX_NAME = 1024;
const MAX_FILE_BASE64 = 96 * 1024 * 1024; // the popup's file: the service takes 64 MiB, plus base64
const ACTIONS = Object.values(DECISIONS);
// Sections of help/help.html the dialog may open (by their element id).
export const HELP_SECTIONS = ["pressure"];

// How a field may look.
const string = (max) => (v) => typeof v === "string" && v.length <= max;
const boolean = (v) => typeof v === "boolean";
const integer = (min, max) => (v) => Number.isInteger(v) && v >= min && v <= max;
const oneOf = (values) => (v) => values.includes(v);
const optional = (check) => (v) => v === undefined || check(v);
const listOf = (check, max) => (v) => Array.isArray(v) && v.length <= max && v.every(check);
const milliseconds = (v) => v === null || (typeof v === "number" && Number.isFinite(v) && v >= 0);
const timings = (v) =>
  v !== null &&
  typeof v === "object" &&
  Object.entries(v).every(([k, ms]) => ["shownMs", "deliverMs"].includes(k) && milliseconds(ms));

// The dashboard's own paths (service: server/dashboard/routes.py), each with an optional
// query (printable ASCII, no "#"): its pages, forms, exports and stylesheet. Never /v1: the
// dashboard page may not reach the API this way.
const DASHBOARD_PAGES = [
  "",
  "history",
  "history/clear",
  "history/[\\w.~%-]{1,400}",
  "history/[\\w.~%-]{1,400}/delete",
  "settings/retention",
  "export\\.(?:csv|json)",
  "dashboard\\.css",
  // Any other plain address (no dot, no "%", not /v1): the service answers "No such page".
  "(?!v1\\b)[a-z0-9-]{1,64}(?:/[a-z0-9-]{1,64}){0,7}",
];
const DASHBOARD_PATH = new RegExp(
  `^/(?:${DASHBOARD_PAGES.join("|")})(?:\\?[\\x21\\x22\\x24-\\x7e]{0,2000})?$`,
);
const dashboardPath = (v) => typeof v === "string" && DASHBOARD_PATH.test(v);
const formFields = (v) =>
  v !== null &&
  typeof v === "object" &&
  !Array.isArray(v) &&
  Object.keys(v).length <= 16 &&
  Object.entries(v).every(([k, text]) => k.length <= 64 && string(4096)(text));

// What a frame's dialog asks the top frame to show (content/frame-dialog.js): each
// file's name, findings and status, bounded as JSON; rendered as text only there.
const MAX_DIALOG_ITEM = 64 * 1024;
const dialogItem = (v) =>
  v !== null && typeof v === "object" && !Array.isArray(v) && JSON.stringify(v).length <= MAX_DIALOG_ITEM;
const MAX_PREVIEW_BASE64 = 256 * 1024;

const FILE = { name: string(MAX_NAME), mediaType: string(255), data: string(MAX_FILE_BASE64) };
const UPLOAD = { upload: string(64), name: string(MAX_NAME), mediaType: string(255) };
// A big video sent in part (content/sparse.js): where each run of the upload sits in the file.
const MAX_PIECES = 65536;
const piece = (v) => Array.isArray(v) && v.length === 2 && v.every((n) => Number.isSafeInteger(n) && n >= 0);
const SPARSE = { ...UPLOAD, size: integer(1, MAX_VIDEO_BYTES), pieces: listOf(piece, MAX_PIECES) };

/** Message types and their fields; worker.js names the handler of each. */
export const CONTENT = {
  part: {
    fields: {
      upload: string(64),
      index: integer(0, MAX_PARTS - 1),
      count: integer(1, MAX_PARTS),
      data: string(PART_CHARS),
    },
  },
  inspect: { fields: UPLOAD },
  inspectSparse: { fields: SPARSE },
  cleanedPart: { fields: { key: string(128), index: integer(0, MAX_PARTS - 1) } },
  cleanUpload: { fields: UPLOAD },
  hideFaces: { fields: { id: string(128) } },
  openHelp: { fields: { section: oneOf(HELP_SECTIONS) } },
  frameDialog: {
    fields: {
      id: string(64),
      op: oneOf(["checking", "progress", "ask", "preview", "close"]),
      count: optional(integer(1, 64)),
      video: optional(boolean),
      fraction: optional((v) => typeof v === "number" && v >= 0 && v <= 1),
      items: optional(listOf(dialogItem, 64)),
      index: optional(integer(0, 63)),
      data: optional(string(MAX_PREVIEW_BASE64)),
    },
  },
  decision: {
    fields: { ids: listOf(string(128), 64), action: oneOf(ACTIONS), timings: optional(timings) },
  },
};

export const PAGES = {
  connection: { fields: {} },
  settings: { fields: {} },
  setSetting: { fields: { key: oneOf(["alwaysAsk", "dropHdr"]), value: (v) => v !== undefined } },
  sites: { fields: {} },
  setSiteEnabled: { fields: { host: string(253), enabled: boolean } },
  addSite: { fields: { origin: string(2048) } },
  removeSite: { fields: { origin: string(2048) } },
  pauseState: { fields: { origin: string(2048) } },
  setPaused: { fields: { origin: string(2048), paused: boolean } },
  lastWarning: { fields: { origin: string(2048) } },
  cleanFile: { fields: FILE },
  openDashboard: { fields: {} },
  // The dashboard page (dashboard/dashboard.html) asks for the service's rendered pages.
  dashboardPage: {
    fields: { method: oneOf(["GET", "POST"]), path: dashboardPath, fields: optional(formFields) },
  },
};

/** Why `message` does not fit `spec`, or "" when it does. */
export function shapeProblem(message, spec) {
  if (message === null || typeof message !== "object" || Array.isArray(message)) {
    return "a message must be an object";
  }
  for (const key of Object.keys(message)) {
    if (key !== "type" && !Object.hasOwn(spec.fields, key)) {
      return `unexpected field ${JSON.stringify(key)}`;
    }
  }
  for (const [key, valid] of Object.entries(spec.fields)) {
    if (!valid(message[key])) return `field ${JSON.stringify(key)} is missing or malformed`;
  }
  return "";
}

function isWebPage(url) {
  return typeof url === "string" && /^https?:\/\//.test(url);
}

function isFallbackFrame(url) {
  return typeof url === "string" && /^(about:(blank|srcdoc)|blob:|data:)/.test(url);
}

/** Which table `sender` may use: "content", "page", or null for nobody. */
export function senderKind(sender) {
  if (!sender || sender.id !== extensionId) return null;
  if (typeof sender.url === "string" && sender.url.startsWith(`${extensionOrigin}/`)) return "page";
  // A frame without a web address of its own (about:srcdoc, about:blank, blob:, data:)
  // runs our scripts only inside a web page: the tab's address is then the page's.
  const page = isWebPage(sender.url) || (isFallbackFrame(sender.url) && isWebPage(sender.tab?.url));
  if (sender.tab && Number.isInteger(sender.frameId) && page) return "content";
  return null;
}

/**
 * Dispatch every runtime message to `handlers[type](message, sender)` once the
 * sender and the payload are checked; refuse everything else with a reason.
 */
export function listen(handlers) {
  for (const type of [...Object.keys(CONTENT), ...Object.keys(PAGES)]) {
    if (typeof handlers[type] !== "function") throw new Error(`No handler for message ${type}.`);
  }
  onMessage(async (message, sender) => {
    const kind = senderKind(sender);
    const table = kind === "content" ? CONTENT : kind === "page" ? PAGES : null;
    if (!table) throw new Error("Refused: this sender may not talk to ThinkTwice.");
    const type = message?.type;
    if (typeof type !== "string" || !Object.hasOwn(table, type)) {
      throw new Error(`Refused: unknown message type ${JSON.stringify(type)}.`);
    }
    const problem = shapeProblem(message, table[type]);
    if (problem) throw new Error(`Refused ${type}: ${problem}.`);
    return handlers[type](message, sender);
  });
}
