/**
 * The dashboard of past warnings, as a page of this extension.
 *
 * The service renders the pages (its templates, charts and stylesheet); this
 * page asks the worker for them (message `dashboardPage`, which the worker
 * relays over the native channel to the service's Unix socket: nothing here
 * talks to the service itself) and shows them (content.js cleans them first).
 *
 * - The service path shown is in the address's hash ("#/history?kind=face"):
 *   reload, back and forward, and links opened in a new tab all work.
 * - Links to service paths are followed in the page; an answer that is an
 *   attachment (the exports) becomes a download instead, and the page stays.
 * - Forms are sent through the worker too: a GET's fields become the query, a
 *   POST's are the form; a redirect (303) is followed like a link.
 * - The stylesheet comes from the service once and is adopted, not inlined:
 *   extension pages run no inline script or style from elsewhere.
 */

import { decodeBase64 } from "../background/browser.js";
import { call, localize, t } from "../shared/page.js";
import { parsePage, pathOf, routeOf, show, showProblem } from "./content.js";

const HOME = "/";
const STYLESHEET = "/dashboard.css";

/** {status, headers, body (base64)} of `method path` on the service. */
function ask(method, path, fields) {
  return call("dashboardPage", fields ? { method, path, fields } : { method, path });
}

function textOf(answer) {
  return new TextDecoder().decode(decodeBase64(answer.body));
}

/** The file name an attachment's Content-Disposition names, or null when it is no attachment. */
function attachmentName(headers) {
  const disposition = headers["content-disposition"] ?? "";
  if (!/^\s*attachment/i.test(disposition)) return null;
  const named = /filename="?([^";]+)"?/i.exec(disposition);
  return named ? named[1].trim() : "thinktwice-download";
}

function download(answer, filename) {
  const type = answer.headers["content-type"] ?? "application/octet-stream";
  const url = URL.createObjectURL(new Blob([decodeBase64(answer.body)], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function unreachable(error) {
  showProblem(
    t("dashboardUnreachable"),
    String(error?.message ?? error),
    t("dashboardUnreachableHelp"),
  );
}

/** Split "/history?done=x#retention" into the path and the element id to scroll to. */
function splitFragment(location) {
  const at = location.indexOf("#");
  return at < 0 ? [location, ""] : [location.slice(0, at), location.slice(at + 1)];
}

let shown = 0; // which navigation is on screen: an older answer arriving late is dropped

/**
 * Show what the service answers to `method path`: a page, a redirect followed,
 * a download. `push` records the path in the session history (a link or a form).
 */
async function navigate(method, target, { fields, push = false, redirects = 0 } = {}) {
  const [path, anchor] = splitFragment(target);
  const mine = ++shown;
  let answer;
  try {
    answer = await ask(method, path, fields);
  } catch (error) {
    if (mine === shown) unreachable(error);
    return;
  }
  if (mine !== shown) return;
  // A redirect elsewhere than a dashboard path is refused by the worker: the page says so.
  const next = answer.headers.location;
  if (answer.status >= 300 && answer.status < 400 && next && redirects < 5) {
    return navigate("GET", next, { push: true, redirects: redirects + 1 });
  }
  const filename = attachmentName(answer.headers);
  if (filename && answer.status === 200) {
    download(answer, filename);
    return;
  }
  if (push) history.pushState(null, "", routeOf(path));
  const type = answer.headers["content-type"] ?? "";
  if (type.startsWith("text/html")) {
    show(parsePage(textOf(answer)));
  } else {
    const said = textOf(answer).slice(0, 500);
    const status = t("dashboardServiceAnswered", [String(answer.status)]);
    showProblem(t("dashboardPageFailed"), status, said);
  }
  // As after a page load, reading starts at the top; a screen reader hears the new page
  // (the first page load keeps the focus where the browser puts it: Tab reaches the skip link).
  const moved = push || redirects > 0 || Boolean(fields);
  if (moved) document.getElementById("main")?.focus({ preventScroll: true });
  document.getElementById(anchor)?.scrollIntoView();
  if (!anchor) window.scrollTo(0, 0);
}

function current() {
  return pathOf(location.hash) ?? HOME;
}

/** Links: service paths in the page, in-page anchors to their element. */
function onClick(event) {
  if (event.defaultPrevented || event.button !== 0) return;
  // With a modifier the browser opens the link in a new tab: the address works there too.
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest?.("a[href]");
  if (!link) return;
  const href = link.getAttribute("href");
  const path = pathOf(href);
  if (path) {
    event.preventDefault();
    void navigate("GET", path, { push: path !== current() });
  } else if (href.startsWith("#") && href.length > 1) {
    // An anchor in the page ("#main"): the hash holds the service path, so it stays.
    event.preventDefault();
    const target = document.getElementById(href.slice(1));
    target?.focus();
    target?.scrollIntoView();
  }
}

/** Forms: sent through the worker, never by the browser (it could not reach the service). */
function onSubmit(event) {
  const form = event.target;
  event.preventDefault();
  const action = form.getAttribute("action") || current();
  const data = new FormData(form, event.submitter ?? undefined);
  const fields = {};
  for (const [name, value] of data) if (typeof value === "string") fields[name] = value;
  if (form.method.toLowerCase() === "post") {
    void navigate("POST", action, { fields });
    return;
  }
  // A GET form: its fields make the query (empty ones say nothing, so they are left out).
  const query = new URLSearchParams(Object.entries(fields).filter(([, value]) => value !== ""));
  const path = `${action.split("?")[0]}${query.size ? `?${query}` : ""}`;
  void navigate("GET", path, { push: true });
}

async function adoptStylesheet() {
  try {
    const answer = await ask("GET", STYLESHEET);
    if (answer.status !== 200) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(textOf(answer));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    // the page says why it cannot reach the service; it stays plain
  }
}

localize();
document.addEventListener("click", onClick);
document.addEventListener("submit", onSubmit);
window.addEventListener("popstate", () => void navigate("GET", current()));
if (!pathOf(location.hash)) history.replaceState(null, "", routeOf(HOME));
void adoptStylesheet();
void navigate("GET", current());
