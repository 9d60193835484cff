/**
 * The options page: the connection (through the browser's native messaging:
 * nothing to configure), the "always ask" and "remove HDR gain maps" settings, and the watched sites (defaults on/off, added sites,
 * each addition asking the browser for its host permission first).
 */

import { permissions } from "../background/browser.js";
import { call, describeConnection, localize, t } from "../shared/page.js";

const $ = (id) => document.getElementById(id);

function say(id, text, error = false) {
  $(id).textContent = text;
  $(id).className = error ? "message error" : "message";
}

async function showConnection() {
  const { tone, text } = describeConnection(await call("connection"));
  $("dot").className = `dot ${tone}`;
  $("connection").textContent = text;
}

async function showSettings() {
  const settings = await call("settings");
  $("always-ask").checked = settings.alwaysAsk;
  $("drop-hdr").checked = settings.dropHdr;
  // Disabled until now: a click before the stored value arrived would be overwritten by it.
  $("always-ask").disabled = false;
  $("drop-hdr").disabled = false;
}

function siteItem(...parts) {
  const li = document.createElement("li");
  li.append(...parts);
  return li;
}

async function showSites() {
  const sites = await call("sites");
  $("defaults").replaceChildren(
    ...sites.defaults.map((site) => {
      const box = document.createElement("input");
      box.type = "checkbox";
      box.checked = site.enabled;
      box.id = `site-${site.host}`;
      box.addEventListener("change", () => call("setSiteEnabled", { host: site.host, enabled: box.checked }));
      const label = document.createElement("label");
      label.htmlFor = box.id;
      label.textContent = site.host;
      return siteItem(box, label);
    }),
  );
  $("added").replaceChildren(
    ...sites.added.map((origin) => {
      const remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = t("optionsRemove");
      remove.setAttribute("aria-label", t("optionsRemoveSite", [origin]));
      remove.addEventListener("click", async () => {
        await call("removeSite", { origin });
        await showSites();
      });
      const label = document.createElement("span");
      label.textContent = origin;
      return siteItem(label, remove);
    }),
  );
}

function wire() {
  $("always-ask").addEventListener("change", () =>
    call("setSetting", { key: "alwaysAsk", value: $("always-ask").checked }),
  );
  $("drop-hdr").addEventListener("change", () =>
    call("setSetting", { key: "dropHdr", value: $("drop-hdr").checked }),
  );
  $("add-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    let origin;
    try {
      origin = new URL($("add-origin").value.trim()).origin;
      if (!/^https?:/.test(origin)) throw new Error();
    } catch {
      say("sites-message", t("optionsBadOrigin"), true);
      return;
    }
    // The permission prompt needs this click: the worker cannot ask on its own.
    const url = new URL(origin);
    if (!(await permissions.request([`${url.protocol}//${url.hostname}/*`]))) {
      say("sites-message", t("optionsPermissionRefused", [origin]), true);
      return;
    }
    try {
      await call("addSite", { origin });
      $("add-origin").value = "";
      say("sites-message", t("optionsSiteAdded", [origin]));
    } catch (error) {
      say("sites-message", error.message, true);
    }
    await showSites();
  });
}

localize();
wire();
void showConnection();
void showSettings();
void showSites();
