/**
 * Content scripts where the registration cannot put them: frames from other
 * sites inside a watched page, and tabs open before the scripts were registered.
 *
 * The registered scripts (sites.js) run in a frame whose own address is a
 * watched site, and in about:blank, about:srcdoc, blob: and data: frames made by
 * one. A frame from another site inside a watched page (an embedded chat, a
 * third-party upload widget) matches none of that, so the worker injects the
 * same scripts into it as its document commits (webNavigation.onCommitted). That
 * needs the extension's host permission for the frame's site; without it
 * nothing can hold what the frame uploads, and the page's top frame shows a
 * notice naming the site (content/notice.js): never a silent pass.
 *
 * An injection at commit runs as early as the browser allows, but a page
 * script of the frame may start first; a registered script never loses that race.
 */

import { navigation, permissions, scripting, tabs } from "./browser.js";
import * as sites from "./sites.js";

const isWeb = (url) => typeof url === "string" && /^https?:\/\//.test(url);

/** Put both worlds' scripts into `frameIds` of `tabId` (every frame when null). */
async function inject(tabId, frameIds) {
  await Promise.all(sites.SCRIPTS.map((script) => scripting.inject(tabId, frameIds, script.js, script.world)));
}

async function onCommitted({ tabId, frameId, url }) {
  if (frameId === 0 || !isWeb(url)) return;
  const origin = new URL(url).origin;
  if (await sites.isWatched(origin)) return; // the registered scripts run there
  const top = await navigation.topUrl(tabId);
  if (!isWeb(top) || !(await sites.watches(top, top))) return;
  if (await permissions.contains([sites.originPattern(origin)])) {
    await inject(tabId, [frameId]);
  } else {
    await tabs.tell(tabId, 0, { type: "unheldFrame", origin });
  }
}

/** Inject into the frames of watched sites' pages from now on. */
export function watchFrames() {
  navigation.onCommitted((details) => void onCommitted(details).catch(() => {}));
}

/**
 * Give the tabs already open on watched sites (on `origin` only, if given) the
 * scripts: at install or update, and when a site is added, since the
 * registration applies only to pages loaded afterwards.
 */
export async function injectOpenTabs(origin = null) {
  for (const tab of await tabs.all()) {
    if (!isWeb(tab.url) || (origin && new URL(tab.url).origin !== origin)) continue;
    if (!(await sites.watches(tab.url, tab.url))) continue;
    await inject(tab.id, null).catch(() => {}); // a tab that went away, or an error page
  }
}
