/**
 * The "Sanitize this image" context-menu item, on every image, on any page.
 * Success and failure show on the toolbar button (a badge and its tooltip):
 * the worker has no page to speak on.
 */

import { badge, contextMenu, t } from "./browser.js";
import { sanitizeImage } from "./cleaning.js";

export const MENU_ID = "thinktwice-sanitize-image";

export async function install() {
  await contextMenu.removeAll();
  await contextMenu.create({ id: MENU_ID, title: t("menuSanitize"), contexts: ["image"] });
}

/** Sanitize the clicked image; the result is shown on the badge and returned. */
export async function handle({ srcUrl }) {
  try {
    const result = await sanitizeImage({ srcUrl });
    await badge.show("✓", "#1f7a5a", t("badgeSaved", [result.filename]));
    setTimeout(() => void badge.clear(), 4_000);
    return result;
  } catch (error) {
    await badge.show("!", "#b42318", t("badgeFailed", [String(error.message ?? error)]));
    throw error;
  }
}

export function listen() {
  contextMenu.onClicked((info) => {
    if (info.menuItemId === MENU_ID && info.srcUrl) handle({ srcUrl: info.srcUrl }).catch(() => {});
  });
}
