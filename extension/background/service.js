/**
 * The service's API (see issue 3), spoken over the native channel (native.js).
 *
 * Every call has a deadline and either returns what the service said or
 * throws a ServiceError whose `reason` is one of REASONS, which the dialog
 * turns into a "not checked" sentence. Pages and content scripts never reach
 * the service: only this worker holds the channel.
 *
 * Files travel as base64 strings, as they arrive from content scripts and as
 * they leave for them: the channel carries JSON only.
 */

import { decodeBase64 } from "./browser.js";
import * as native from "./native.js";
import * as storage from "./storage.js";
import { SEVERITIES } from "./vocabulary.js";

export const { REASONS, ServiceError } = native;

// Deadlines, in milliseconds: health is instant (but the host may be starting
// the service); an inspection of a large photo with pixel analysis may take
// seconds on a slow machine.
const TIMEOUTS = { quick: 5_000, start: 35_000, upload: 60_000 };

async function call(method, path, options = {}) {
  const answer = await native.request(method, path, options);
  if (answer.status >= 200 && answer.status < 400) return answer;
  throw errorOf(answer);
}

function errorOf({ status, body }) {
  let code = "";
  let message = `The service answered ${status}.`;
  try {
    const parsed = JSON.parse(text(body));
    code = String(parsed.error ?? "");
    message = String(parsed.message ?? message);
  } catch {
    // not JSON: keep the status line
  }
  const reason =
    status === 504 || status === 408
      ? REASONS.timeout
      : status >= 400 && status < 500
        ? REASONS.rejected
        : REASONS.failed;
  return new ServiceError(reason, message, { status, code });
}

function text(body) {
  return new TextDecoder().decode(decodeBase64(body));
}

function json(answer) {
  try {
    return JSON.parse(text(answer.body));
  } catch {
    throw new ServiceError(REASONS.failed, "The service answered something that is not JSON.");
  }
}

/** The query every photo's request carries: whether its clean copy loses an HDR gain map. */
async function cleaningQuery() {
  return `drop_hdr=${(await storage.get("dropHdr")) ? "true" : "false"}`;
}

function upload({ data, mediaType, name, upload: key }) {
  return { field: "file", name, type: mediaType || "application/octet-stream", data, upload: key };
}

/**
 * Send ahead chunk `index` of `count` of a photo about to be inspected, under
 * `upload` (a key naming nothing), and forget one that will not be: see
 * native.forward. Chunks are CHUNK_CHARS of base64.
 */
export const { forward: sendAhead, drop: dropSentAhead, CHUNK: CHUNK_CHARS } = native;

/** {status, version}: whether the service runs (the host starts it if it can). */
export async function health() {
  const answer = json(await call("GET", "/v1/health", { timeout: TIMEOUTS.start }));
  if (answer?.status !== "ok" || typeof answer.version !== "string") {
    throw new ServiceError(REASONS.failed, "What answered is not the ThinkTwice service.");
  }
  return answer;
}

/**
 * What `file` ({data (base64), mediaType, name, upload?: the key its chunks were
 * forwarded under}) reveals: {id, verdict,
 * findings, format, media_type, cleaned, ...}. `site` is the page's origin;
 * the service keeps only its host name.
 */
export async function inspect(file, site) {
  const fields = site ? { site } : {};
  const options = { fields, file: upload(file), timeout: TIMEOUTS.upload };
  // plan=true: the worker rebuilds the clean copy itself when it can (plans.js).
  const report = json(await call("POST", `/v1/inspect?plan=true&${await cleaningQuery()}`, options));
  if (typeof report.id !== "string" || !Array.isArray(report.findings)) {
    throw new ServiceError(REASONS.failed, "The service's report is missing its id or findings.");
  }
  return report;
}

/**
 * What a big video sent in part reveals (see routes/sparse.py): `file` holds the runs
 * of the video `pieces` place ([[offset, length], ...]) in its `size` bytes.
 * -> {needs: [[offset, length], ...], result: the report as `inspect` gives it, or null}.
 */
export async function inspectSparse(file, site, size, pieces) {
  const fields = { size: String(size), pieces: JSON.stringify(pieces), ...(site ? { site } : {}) };
  const options = { fields, file: upload(file), timeout: TIMEOUTS.upload };
  const answer = json(await call("POST", "/v1/inspect/sparse", options));
  const report = answer?.result;
  const reported = typeof report?.id === "string" && Array.isArray(report.cleaned?.plan);
  if (!Array.isArray(answer?.needs) || (!answer.needs.length && !reported)) {
    throw new ServiceError(REASONS.failed, "The service's answer for the video is missing its report.");
  }
  return answer;
}

function copyOf(answer) {
  return { data: answer.body, mediaType: answer.headers["content-type"] ?? "" };
}

/** The verified clean copy of inspection `id`: {data (base64), mediaType}. */
export async function cleanedCopy(id) {
  const path = `/v1/inspect/${encodeURIComponent(id)}/cleaned`;
  return copyOf(await call("GET", path, { timeout: TIMEOUTS.upload }));
}

/**
 * The clean copy of inspection `id` with every face the inspection found
 * covered by an opaque fill (re-encoded: not lossless), for "Send with face
 * hidden": {data (base64), mediaType}.
 */
export async function hiddenFacesCopy(id) {
  const path = `/v1/inspect/${encodeURIComponent(id)}/hide-faces`;
  return copyOf(await call("POST", path, { timeout: TIMEOUTS.upload }));
}

/**
 * The clean copy of `file` (for the context menu, the popup, and a held upload
 * cleaned again): {data, mediaType, filename, verdict, findings (count), lossless}.
 */
export async function clean(file) {
  const path = `/v1/clean?${await cleaningQuery()}`;
  const answer = await call("POST", path, { file: upload(file), timeout: TIMEOUTS.upload });
  const { headers } = answer;
  return {
    ...copyOf(answer),
    filename: filenameOf(headers["content-disposition"]),
    verdict: headers["x-thinktwice-verdict"] ?? "none",
    findings: Number(headers["x-thinktwice-findings"] ?? 0),
    lossless: headers["x-thinktwice-lossless"] === "true",
  };
}

/** Record what the person chose for inspection `id`. */
export async function decide(id, action) {
  return json(await call("POST", "/v1/decisions", { json: { id, action } }));
}

/** Counts since `since` (a Date): {total, warnings, per_kind, ...}. */
export async function stats(since) {
  const query = since ? `?since=${encodeURIComponent(since.toISOString())}` : "";
  return json(await call("GET", `/v1/stats${query}`, { timeout: TIMEOUTS.start }));
}

/**
 * The newest warning the history holds for `site` (an origin; the service keeps its
 * host): {severity, at (ISO time), kinds: the kinds of finding that warned, worst
 * first}, or null. Only kinds, severities and a time cross: the history keeps no more.
 */
export async function lastWarning(site) {
  // The history's own filter: a verdict of "low" or worse is a warning.
  const query = new URLSearchParams({ site, severity: "low", per_page: "1" });
  const answer = json(await call("GET", `/v1/history?${query}`, { timeout: TIMEOUTS.start }));
  const item = answer?.items?.[0];
  if (!item) return null;
  const rank = (severity) => SEVERITIES.indexOf(severity);
  const warned = item.findings.filter((f) => rank(f.severity) >= rank("low"));
  warned.sort((a, b) => rank(b.severity) - rank(a.severity));
  const kinds = [...new Set(warned.map((f) => String(f.kind)))];
  return { severity: String(item.verdict), at: String(item.created_at), kinds };
}

/**
 * A dashboard page (or export, or form post) as the service renders it:
 * {status, headers, body (base64)}; redirects are returned, not followed.
 */
export function dashboard(method, path, fields) {
  const form = method === "POST" ? fields : undefined; // a GET's query is in its path
  return native.request(method, path, { fields: form, timeout: TIMEOUTS.upload });
}

/** The file name in a Content-Disposition header (RFC 6266 filename* first), or null. */
export function filenameOf(header) {
  if (!header) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  return plain ? (plain[1] ?? plain[2]).trim() : null;
}
