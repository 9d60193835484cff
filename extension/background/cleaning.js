/**
 * "Sanitize this image" (context menu) and "Clean a file..." (popup): clean
 * through the service and download `name.clean.ext` beside the person's other
 * downloads. Nothing is recorded in the history: it holds upload warnings only.
 */

import { downloadBlob, findDownload, fromBase64, permissions, t, toBase64 } from "./browser.js";
import * as service from "./service.js";

// What the browser's downloads may not contain in a file name.
const UNSAFE_NAME = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** The name to save a clean copy under: "photo.clean.jpg" for "photo.jpg". */
export function cleanName(name) {
  const base = String(name || "image").split(/[\\/]/).pop().replace(UNSAFE_NAME, "_") || "image";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? `${base.slice(0, dot)}.clean${base.slice(dot)}` : `${base}.clean`;
}

/**
 * Clean `file` ({data (base64), mediaType, name}) and download it;
 * {downloadId, filename, verdict, findings}.
 */
export async function cleanAndDownload(file) {
  const result = await service.clean(file);
  const filename = result.filename ?? cleanName(file.name);
  const downloadId = await downloadBlob(fromBase64(result.data, result.mediaType), filename);
  return { downloadId, filename, verdict: result.verdict, findings: result.findings };
}

/** The popup's file, sent as base64 (runtime messages carry JSON only). */
export function cleanFile({ name, mediaType, data }) {
  return cleanAndDownload({ data, mediaType, name });
}

/**
 * The context menu's handler: fetch the image at `srcUrl` from the worker and
 * clean it. Images on other origins need their host permission, asked for here
 * (a menu click counts as a user gesture); data: URLs need none.
 */
export async function sanitizeImage({ srcUrl }) {
  const url = new URL(srcUrl);
  if (url.protocol === "blob:") throw new Error(t("errorBlobImage"));
  if (url.protocol === "http:" || url.protocol === "https:") {
    const pattern = `${url.protocol}//${url.hostname}/*`;
    if (!(await permissions.contains([pattern])) && !(await permissions.request([pattern]))) {
      throw new Error(t("errorImagePermission", [url.hostname]));
    }
  }
  const response = await fetch(url, { credentials: "include", cache: "force-cache" });
  if (!response.ok) throw new Error(t("errorImageFetch", [String(response.status)]));
  const blob = await response.blob();
  const name = nameFromUrl(url, response);
  return cleanAndDownload({ data: await toBase64(blob), mediaType: blob.type, name });
}

function nameFromUrl(url, response) {
  const fromHeader = service.filenameOf(response.headers.get("Content-Disposition"));
  if (fromHeader) return fromHeader;
  if (url.protocol === "data:") return "image"; // the service names it after its real format
  try {
    return decodeURIComponent(url.pathname.split("/").pop() || "") || "image";
  } catch {
    return "image";
  }
}

/** Wait until download `id` completes; its final state (for the tests and the popup). */
export async function settled(id, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const item = await findDownload(id);
    if (item && item.state !== "in_progress") return item;
    if (Date.now() > deadline) return item;
    await new Promise((r) => setTimeout(r, 100));
  }
}
