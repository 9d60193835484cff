/**
 * The toolbar popup, at a glance: the service's state, this site watched or not
 * (one switch: pause/resume), the last warning on this site, today's warnings,
 * "Clean a file..." and the dashboard; links to options and help.
 */

import { decodeBase64, permissions, tabs, toBase64 } from "../background/browser.js";
import { call, describeConnection, localize, t } from "../shared/page.js";

const $ = (id) => document.getElementById(id);
const WARNING = "low"; // the history's severity filter: low or worse counts as a warning

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
  $("dashboard").addEventListener("click", async () => {
    try {
      await call("openDashboard");
    } catch (error) {
      $("dashboard-error").textContent = t("popupDashboardFailed", [error.message]);
    }
  });
}

/**
 * The newest warning the history holds for `host`: the first row of the
 * dashboard's history page filtered to it (one page, newest first), or null.
 */
async function lastWarning(host) {
  const query = new URLSearchParams({ site: host, severity: WARNING });
  const answer = await call("dashboardPage", { method: "GET", path: `/history?${query}` });
  if (answer.status !== 200) return null;
  const html = new TextDecoder().decode(decodeBase64(answer.body));
  const row = new DOMParser().parseFromString(html, "text/html").querySelector("table.rows tbody tr");
  const when = row?.querySelector("time")?.getAttribute("datetime");
  if (!when) return null;
  return { when: new Date(when), found: row.querySelector(".found")?.textContent.trim() ?? "" };
}

async function showLastWarning(host) {
  let warning;
  try {
    warning = await lastWarning(host);
  } catch {
    return; // the service is not reachable: its state line says so
  }
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  $("last-warning").textContent = warning
    ? t("popupLastWarning", [format.format(warning.when), warning.found])
    : t("popupNoWarningHere");
  $("last-warning").hidden = false;
}

async function showSite() {
  const tab = await tabs.active();
  if (!tab?.url || !/^https?:/.test(tab.url)) {
    $("site-host").textContent = t("popupNoSite");
    return;
  }
  const origin = new URL(tab.url).origin;
  $("site-host").textContent = new URL(tab.url).host;
  void showLastWarning(new URL(tab.url).hostname);
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
