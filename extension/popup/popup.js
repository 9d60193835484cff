/**
 * The toolbar popup, at a glance: the service's state, this site watched or not
 * (one switch: pause/resume), the last warning on this site, today's warnings,
 * "Clean a file..." and the dashboard; links to options and help.
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
  $("dashboard").addEventListener("click", async () => {
    try {
      await call("openDashboard");
    } catch (error) {
      $("dashboard-error").textContent = t("popupDashboardFailed", [error.message]);
    }
  });
}

const MOST_KINDS = 3; // named in the line; the rest are counted ("and 4 more")

/** A kind of finding in words ("device_serial" -> "Camera serial number"). */
function kindWords(kind) {
  return t(`kind_${kind}`) || kind.replaceAll("_", " ");
}

/** "Location, Camera serial number, Names and 4 more", in the browser's language. */
function kindsWords(kinds) {
  const named = kinds.slice(0, MOST_KINDS).map(kindWords);
  if (kinds.length > MOST_KINDS) named.push(t("popupMoreKinds", [String(kinds.length - MOST_KINDS)]));
  return new Intl.ListFormat(undefined, { type: "conjunction" }).format(named);
}

/** The newest warning the history holds for `origin` (the worker asks the service). */
async function showLastWarning(origin) {
  let warning;
  try {
    warning = await call("lastWarning", { origin });
  } catch {
    return; // the service is not reachable: its state line says so
  }
  const line = $("last-warning");
  if (warning) {
    const format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
    const severity = warning.severity[0].toUpperCase() + warning.severity.slice(1);
    $("last-severity").textContent = t(`severity${severity}`);
    $("last-severity").className = `severity ${warning.severity}`;
    $("last-text").textContent = t("popupLastWarning", [
      format.format(new Date(warning.at)),
      kindsWords(warning.kinds),
    ]);
  } else {
    $("last-text").textContent = t("popupNoWarningHere");
  }
  line.hidden = false;
}

async function showSite() {
  const tab = await tabs.active();
  if (!tab?.url || !/^https?:/.test(tab.url)) {
    $("site-host").textContent = t("popupNoSite");
    return;
  }
  const origin = new URL(tab.url).origin;
  $("site-host").textContent = new URL(tab.url).host;
  void showLastWarning(origin);
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
