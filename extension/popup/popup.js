/**
 * The toolbar popup: the connection, watching on this site (pause/resume),
 * today's warnings, "Clean a file...", and links to the dashboard, options, help.
 */

import { permissions, tabs, toBase64 } from "../background/browser.js";
import { call, describeConnection, localize, t } from "../shared/page.js";

const $ = (id) => document.getElementById(id);

async function showConnection() {
  const connection = await call("connection");
  const { tone, text } = describeConnection(connection);
  $("dot").className = `dot ${tone}`;
  $("connection").textContent = text;
  if (connection.stats) {
    const warnings = connection.stats.warnings ?? 0;
    $("today").textContent = warnings
      ? t(warnings === 1 ? "popupTodayOne" : "popupTodayMany", [String(warnings)])
      : t("popupTodayNone");
  }
}

function setUpDashboard() {
  // The dashboard is an extension page: the worker opens it in a tab.
  $("dashboard").addEventListener("click", async (event) => {
    event.preventDefault();
    try {
      await call("openDashboard");
    } catch (error) {
      $("dashboard-error").textContent = t("popupDashboardFailed", [error.message]);
    }
  });
}

async function showSite() {
  const tab = await tabs.active();
  if (!tab?.url || !/^https?:/.test(tab.url)) {
    $("site-host").textContent = t("popupNoSite");
    return;
  }
  const origin = new URL(tab.url).origin;
  $("site-host").textContent = new URL(tab.url).host;
  const state = await call("pauseState", { origin });
  if (!state.watched) {
    $("site-note").textContent = t("popupNotWatched");
    const add = document.createElement("button");
    add.textContent = t("popupWatchThisSite");
    add.addEventListener("click", async () => {
      const pattern = `${new URL(origin).protocol}//${new URL(origin).hostname}/*`;
      if (await permissions.request([pattern])) {
        await call("addSite", { origin });
        $("site-note").textContent = t("popupReloadToApply");
        add.remove();
      }
    });
    $("site").append(add);
    return;
  }
  $("pause-row").hidden = false;
  $("watching").checked = !state.paused;
  $("site-note").textContent = state.paused ? t("popupPaused") : t("popupWatched");
  $("watching").addEventListener("change", async () => {
    const paused = !$("watching").checked;
    await call("setPaused", { origin, paused });
    $("site-note").textContent = paused ? t("popupPaused") : t("popupReloadToApply");
  });
}

function setUpCleaning() {
  $("clean-file").addEventListener("click", () => $("file").click());
  $("file").addEventListener("change", async () => {
    const file = $("file").files[0];
    if (!file) return;
    const result = $("clean-result");
    result.className = "message";
    result.textContent = t("popupCleaning", [file.name]);
    try {
      const data = await toBase64(file);
      const cleaned = await call("cleanFile", { name: file.name, mediaType: file.type, data });
      result.textContent = t("popupCleaned", [cleaned.filename]);
    } catch (error) {
      result.className = "message error";
      result.textContent = t("popupCleanFailed", [error.message]);
    } finally {
      $("file").value = "";
    }
  });
}

localize();
setUpCleaning();
setUpDashboard();
void showConnection();
void showSite();
