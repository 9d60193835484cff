/**
 * The one place that knows Chrome from Firefox (as uBO Lite's ext.js does).
 *
 * Chrome exposes `chrome.*`, Firefox `browser.*` (and a `chrome.*` alias); both
 * return promises in Manifest V3. Differences this file absorbs:
 * - the context-menu namespace (`contextMenus`, `menus` in Firefox);
 * - downloads: a Chrome service worker has no URL.createObjectURL, so a data:
 *   URL carries the bytes; Firefox refuses data: downloads, so a blob: URL does;
 * - match patterns: Chrome accepts a port, Firefox does not (it matches all ports);
 * - listeners that answer a message must return `true` and call sendResponse.
 * Callers get promises that reject with an Error, never `runtime.lastError`.
 */

export const api = globalThis.browser ?? globalThis.chrome;

export const isFirefox = api.runtime.getURL("").startsWith("moz-extension:");

/** Whether match patterns may name a port (Chrome) or must not (Firefox). */
export const patternsTakePorts = !isFirefox;

const menus = api.contextMenus ?? api.menus;

/** The extension's own id and origin, to check who is talking. */
export const extensionId = api.runtime.id;
export const extensionOrigin = new URL(api.runtime.getURL("")).origin;

/** The full URL of the extension's own file at `path` ("help/help.html#pressure"). */
export function runtimeUrl(path) {
  return api.runtime.getURL(path);
}

/** A message from `_locales/en/messages.json`, with its placeholders filled. */
export function t(key, substitutions) {
  return api.i18n.getMessage(key, substitutions) || key;
}

/**
 * Answer messages with `handler(message, sender)` (may be async). The reply is
 * `{ok: true, value}` or `{ok: false, error}`: callers never see a thrown API.
 */
export function onMessage(handler) {
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    Promise.resolve()
      .then(() => handler(message, sender))
      .then(
        (value) => sendResponse({ ok: true, value }),
        (error) => sendResponse({ ok: false, error: String(error?.message ?? error) }),
      );
    return true;
  });
}

/** Send a message to the worker; resolves to the handler's value or rejects. */
export async function sendMessage(message) {
  const reply = await api.runtime.sendMessage(message);
  if (!reply || reply.ok !== true) throw new Error(reply?.error ?? "No answer from ThinkTwice.");
  return reply.value;
}

export const permissions = {
  async contains(origins) {
    return api.permissions.contains({ origins });
  },
  /** Must run in a user gesture (a click on an extension page or a menu item). */
  async request(origins) {
    return api.permissions.request({ origins });
  },
  onRemoved(listener) {
    api.permissions.onRemoved?.addListener((removed) => listener(removed.origins ?? []));
  },
};

export const scripting = {
  /** Run the script `files` in `world` ("MAIN" or isolated) in `frameIds` of `tabId` (all when null). */
  async inject(tabId, frameIds, files, world = "ISOLATED") {
    const target = frameIds ? { tabId, frameIds } : { tabId, allFrames: true };
    await api.scripting.executeScript({ target, files, world, injectImmediately: true });
  },
  async registered(ids) {
    return api.scripting.getRegisteredContentScripts({ ids });
  },
  async register(scripts) {
    await api.scripting.registerContentScripts(scripts);
  },
  async update(scripts) {
    await api.scripting.updateContentScripts(scripts);
  },
  async unregister(ids) {
    if (ids.length) await api.scripting.unregisterContentScripts({ ids });
  },
};

export const contextMenu = {
  async create(properties) {
    await new Promise((resolve) => {
      menus.create(properties, () => {
        void api.runtime.lastError; // "duplicate id" when the worker restarts: harmless
        resolve();
      });
    });
  },
  async removeAll() {
    await menus.removeAll();
  },
  onClicked(listener) {
    menus.onClicked.addListener(listener);
  },
};

/** Save `blob` as `filename` in the downloads folder; resolves to the download id. */
export async function downloadBlob(blob, filename) {
  if (typeof URL.createObjectURL === "function") {
    const url = URL.createObjectURL(blob);
    try {
      return await api.downloads.download({ url, filename, saveAs: false });
    } finally {
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    }
  }
  return api.downloads.download({ url: await dataUrl(blob), filename, saveAs: false });
}

/** A download as the browser reports it (state, final path, error). */
export async function findDownload(id) {
  const [item] = await api.downloads.search({ id });
  return item ?? null;
}

export const tabs = {
  async active() {
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    return tab ?? null;
  },
  async open(url) {
    await api.tabs.create({ url });
  },
  async all() {
    return api.tabs.query({});
  },
  /**
   * Ask the content scripts of frame `frameId` of `tabId`: their answer, or
   * `absent` when no script of ours is there to answer.
   */
  async ask(tabId, frameId, message, absent) {
    try {
      return (await api.tabs.sendMessage(tabId, message, { frameId })) ?? absent;
    } catch {
      return absent;
    }
  },
  /** Send `message` to the content scripts of frame `frameId` of `tabId`; none there is fine. */
  async tell(tabId, frameId, message) {
    await api.tabs.sendMessage(tabId, message, { frameId }).catch(() => {});
  },
};

export const navigation = {
  /** `listener({tabId, frameId, url})` each time a frame's new document commits. */
  onCommitted(listener) {
    api.webNavigation.onCommitted.addListener(listener);
  },
  /** The address of the top frame of `tabId`, or null once the tab is gone. */
  async topUrl(tabId) {
    const frame = await api.webNavigation.getFrame({ tabId, frameId: 0 }).catch(() => null);
    return frame?.url ?? null;
  },
};

export const badge = {
  async show(text, color, title) {
    await api.action.setBadgeBackgroundColor({ color });
    await api.action.setBadgeText({ text });
    if (title) await api.action.setTitle({ title });
  },
  async clear() {
    await api.action.setBadgeText({ text: "" });
    await api.action.setTitle({ title: t("extName") });
  },
};

export function onInstalled(listener) {
  api.runtime.onInstalled.addListener(listener);
}

export function onStartup(listener) {
  api.runtime.onStartup.addListener(listener);
}

export function openOptions() {
  return api.runtime.openOptionsPage();
}

/** `bytes` (a Uint8Array) as base64 (no data: prefix): runtime messages carry JSON only. */
export function encodeBase64(bytes) {
  if (typeof bytes.toBase64 === "function") return bytes.toBase64();
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** `blob` as base64. */
export async function toBase64(blob) {
  return encodeBase64(new Uint8Array(await blob.arrayBuffer()));
}

/** The bytes of base64 `text`. */
export function decodeBase64(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The bytes of base64 `text` as a Blob of `type`. */
export function fromBase64(text, type) {
  return new Blob([decodeBase64(text)], { type });
}

async function dataUrl(blob) {
  return `data:${blob.type || "application/octet-stream"};base64,${await toBase64(blob)}`;
}
