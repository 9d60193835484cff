/**
 * The service's rendered page, made safe to show in this extension page.
 *
 * The HTML is parsed with DOMParser (a document with scripting disabled: nothing
 * in it runs), then cleaned: elements that could run, load or restyle anything
 * are dropped, as are event-handler attributes and every link or form target
 * that is not a path on the service. The pages never have any of these; this is
 * so that a page the service did not mean to send still cannot run here.
 * Links to the service's paths become in-page addresses ("#/history?..."), so
 * they work as links do (middle-click, copy, back and forward).
 */

import { t } from "../shared/page.js";

const DROPPED =
  "script, style, link, meta, base, iframe, frame, frameset, object, embed, noscript, template";
const URL_ATTRIBUTES = ["href", "src", "action", "formaction", "xlink:href", "srcset", "poster"];

/** The in-page address of service path `path` ("/history?x" -> "#/history?x"). */
export function routeOf(path) {
  return `#${path}`;
}

/** The service path an in-page address stands for ("#/history" -> "/history"), or null. */
export function pathOf(hash) {
  return typeof hash === "string" && hash.startsWith("#/") ? hash.slice(1) : null;
}

/** Whether `value` is a path on the service ("/..."), not an address elsewhere. */
function isServicePath(value) {
  return value.startsWith("/") && !value.startsWith("//") && !value.includes("\\");
}

/** Keep a link or form target only when it is a path on the service; nothing else loads. */
function cleanUrl(element, name, value) {
  const kept = value.trim();
  if (name === "href" && kept.startsWith("#") && !kept.startsWith("#/")) return; // "#main"
  if (name === "href" && isServicePath(kept)) element.setAttribute(name, routeOf(kept));
  else if (name !== "action" || !isServicePath(kept)) element.removeAttribute(name);
}

function clean(root) {
  for (const element of root.querySelectorAll(DROPPED)) element.remove();
  for (const element of root.querySelectorAll("*")) {
    for (const { name, value } of [...element.attributes]) {
      const lower = name.toLowerCase();
      if (lower.startsWith("on")) element.removeAttribute(name);
      else if (URL_ATTRIBUTES.includes(lower)) cleanUrl(element, lower, value);
    }
  }
}

/** The page in `html` (a whole document), cleaned: {title, lang, body (a fragment)}. */
export function parsePage(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  clean(parsed.documentElement);
  const body = document.createDocumentFragment();
  for (const node of [...parsed.body.childNodes]) body.append(document.adoptNode(node));
  return { title: parsed.title, lang: parsed.documentElement.lang, body };
}

/** Show `page` (from parsePage) in place of what this document shows now. */
export function show(page) {
  document.title = page.title || "ThinkTwice";
  if (page.lang) document.documentElement.lang = page.lang;
  document.body.replaceChildren(page.body);
}

/** Show a page of this extension's own: a heading and sentences, for when no page came. */
export function showProblem(title, ...sentences) {
  const main = document.createElement("main");
  main.id = "main";
  main.className = "unreachable";
  main.tabIndex = -1;
  const heading = document.createElement("h1");
  heading.textContent = title;
  main.append(heading);
  for (const sentence of sentences) {
    const p = document.createElement("p");
    p.textContent = sentence;
    main.append(p);
  }
  document.title = t("pageTitle", [title]);
  document.body.replaceChildren(main);
}
