/**
 * The service worker (Chrome) or background script (Firefox): wires the
 * modules and decides nothing itself. Listeners are added at the top level, as
 * Manifest V3 requires for events to wake the worker.
 *
 * `self.thinktwice` is the automation hook (tests, managed set-ups): the same
 * operations the options page and the context menu use, callable from the
 * worker's console or a DevTools protocol session.
 */

import { onInstalled, onStartup, openOptions, runtimeUrl, tabs } from "./browser.js";
import { cleanFile, settled } from "./cleaning.js";
import { connection } from "./connection.js";
import * as frames from "./frames.js";
import * as menus from "./menus.js";
import * as messages from "./messages.js";
import * as native from "./native.js";
import * as service from "./service.js";
import * as sites from "./sites.js";
import * as storage from "./storage.js";
import * as uploads from "./uploads.js";

messages.listen({
  // From content scripts
  part: (m, sender) => uploads.part(m, sender),
  inspect: (m, sender) => uploads.inspect(m, sender),
  inspectSparse: (m, sender) => uploads.inspectSparse(m, sender),
  cleanedPart: (m, sender) => uploads.cleanedPart(m, sender),
  cleanUpload: (m, sender) => uploads.cleanUpload(m, sender),
  hideFaces: (m, sender) => uploads.hideFaces(m, sender),
  // A link in the dialog (a closed shadow root on a web page) opens an extension page
  // through the worker: the page itself may not navigate to it.
  openHelp: (m) => tabs.open(runtimeUrl(`help/help.html#${m.section}`)),
  decision: (m, sender) => uploads.decide(m.ids, m.action, m.timings, sender),
  // A file held in a frame is asked about in the tab's top frame (content/frame-dialog.js).
  frameDialog: (m, sender) => frameDialog(m, sender),
  // From the popup and the options page
  connection: () => connection(),
  settings: async () => ({
    alwaysAsk: await storage.get("alwaysAsk"),
    dropHdr: await storage.get("dropHdr"),
  }),
  setSetting: (m) => storage.set(m.key, m.value),
  sites: () => sites.list(),
  setSiteEnabled: (m) => sites.setEnabled(m.host, m.enabled),
  addSite: (m) => addSite(m.origin),
  removeSite: (m) => sites.remove(m.origin),
  pauseState: async (m) => ({
    origin: sites.normalizeOrigin(m.origin),
    paused: await sites.isPaused(m.origin),
    watched: await sites.isWatched(m.origin),
  }),
  setPaused: (m) => sites.setPaused(m.origin, m.paused),
  lastWarning: (m) => service.lastWarning(sites.normalizeOrigin(m.origin)),
  cleanFile: (m) => cleanFile(m),
  openDashboard: async () => {
    await tabs.open(runtimeUrl("dashboard/dashboard.html"));
    return { opened: true };
  },
  // From the dashboard page: a page, form post or export, relayed to the service.
  dashboardPage: (m) => service.dashboard(m.method, m.path, m.fields),
});

menus.listen();
sites.watchPermissions();
frames.watchFrames();

/**
 * Show a frame's dialog in its tab's top frame; its answer ({action}), or
 * {local: true} when no script of ours runs there and the frame shows its own.
 */
async function frameDialog(message, sender) {
  if (sender.frameId === 0) throw new Error("Refused frameDialog: the top frame shows its own dialog.");
  // Keyed by the asking frame too: a frame can reach no other frame's dialog.
  const id = `${sender.frameId}/${sender.documentId ?? ""}/${message.id}`;
  return tabs.ask(sender.tab.id, 0, { ...message, id }, { local: true });
}

/** Watch `origin` from now on, in its tabs already open too. */
async function addSite(origin) {
  const added = await sites.add(origin);
  await frames.injectOpenTabs(added);
  return added;
}

onInstalled(async ({ reason }) => {
  await menus.install();
  await sites.sync();
  await frames.injectOpenTabs(); // the registration covers only pages loaded from now on
  await storage.forgetRetired();
  if (reason === "install") void tabs.open("help/help.html");
});

onStartup(() => void menus.install());

self.thinktwice = {
  /** Watch uploads on `origin` (e.g. "http://127.0.0.1:8779"); needs its host permission. */
  addWatchedSite: (origin) => addSite(origin),
  removeWatchedSite: (origin) => sites.remove(origin),
  /** The context-menu handler: clean the image at `srcUrl` and download it. */
  sanitizeImage: (srcUrl) => menus.handle({ srcUrl }),
  /** Recent interception timings: [{action, images, shownMs, deliverMs}]. */
  timings: () => [...uploads.timings],
  /** How many clean copies were rebuilt here from a plan, and fetched whole: {rebuilt, fetched}. */
  copies: () => ({ ...uploads.copies }),
  /** A download's final state: {state, filename, ...}. */
  download: (id) => settled(id),
  /** Close the channel: the next call starts a new native host (tests switch services so). */
  reconnect: () => native.disconnect(),
  setAlwaysAsk: (on) => storage.set("alwaysAsk", Boolean(on)),
  connection: () => connection(),
  sites: () => sites.list(),
  defaultSites: () => sites.DEFAULT_SITES,
  openOptions,
};
