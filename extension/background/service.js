/**
 * The only code that talks to the local service (see issue 3 for its API).
 *
 * Every call has a deadline (AbortSignal.timeout) and either returns what the
 * service said or throws a ServiceError whose `reason` is one of REASONS, which
 * the dialog turns into a "not checked" sentence. Pages and content scripts
 * never reach the service: the worker's host permission for 127.0.0.1 is what
 * lets these requests through.
 */

import * as storage from "./storage.js";

export const REASONS = Object.freeze({
  notRunning: "not_running", // nothing listens at the service URL
  notPaired: "not_paired", // the service refuses our token and pairing needs a code
  unauthorized: "unauthorized", // 401/403: the token is missing or wrong (pairing may fix it)
  timeout: "timeout", // no answer in time
  rejected: "rejected", // the service read the request and refused it (4xx): bad image...
  failed: "failed", // the service broke (5xx) or answered something unexpected
});

export class ServiceError extends Error {
  constructor(reason, message, { status = 0, code = "" } = {}) {
    super(message);
    this.name = "ServiceError";
    this.reason = reason;
    this.status = status;
    this.code = code;
  }
}

export const TOKEN_HEADER = "X-ThinkTwice-Token";

// Deadlines, in milliseconds: health is instant; an inspection of a large
// photo (with pixel analysis) may take seconds on a slow machine.
const TIMEOUTS = { quick: 3_000, upload: 30_000 };

async function baseUrl() {
  return (await storage.get("serviceUrl")).replace(/\/$/, "");
}

async function request(path, { method = "GET", body, timeout = TIMEOUTS.quick, auth = true } = {}) {
  const headers = {};
  if (auth) {
    const token = await storage.get("token");
    if (!token) throw new ServiceError(REASONS.unauthorized, "Not paired with the service yet.");
    headers[TOKEN_HEADER] = token;
  }
  if (body !== undefined && !(body instanceof FormData)) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(`${await baseUrl()}${path}`, {
      method,
      headers,
      body,
      credentials: "omit",
      cache: "no-store",
      signal: AbortSignal.timeout(timeout),
    });
  } catch (error) {
    if (error?.name === "TimeoutError" || error?.name === "AbortError") {
      throw new ServiceError(REASONS.timeout, `The service did not answer within ${timeout / 1000} s.`);
    }
    throw new ServiceError(REASONS.notRunning, "The ThinkTwice service is not running.");
  }
  if (response.ok) return response;
  throw await errorOf(response);
}

async function errorOf(response) {
  let code = "";
  let message = `The service answered ${response.status}.`;
  try {
    const body = await response.json();
    code = String(body.error ?? "");
    message = String(body.message ?? message);
  } catch {
    // not JSON: keep the status line
  }
  const { status } = response;
  const reason =
    status === 401 || status === 403
      ? REASONS.unauthorized
      : status === 504 || status === 408
        ? REASONS.timeout
        : status >= 400 && status < 500
          ? REASONS.rejected
          : REASONS.failed;
  return new ServiceError(reason, message, { status, code });
}

async function json(response) {
  try {
    return await response.json();
  } catch {
    throw new ServiceError(REASONS.failed, "The service answered something that is not JSON.");
  }
}

/** {status, version}: whether the service runs (no token needed). */
export async function health() {
  return json(await request("/v1/health", { auth: false }));
}

/** Ask for the token (trust on first use, or with the code `thinktwice pair` prints). */
export async function pair(code) {
  const body = code ? { code } : {};
  const paired = await json(await request("/v1/pair", { method: "POST", body, auth: false }));
  if (typeof paired.token !== "string" || !paired.token) {
    throw new ServiceError(REASONS.failed, "The service paired but sent no token.");
  }
  return paired;
}

/**
 * What `blob` reveals: {id, verdict, findings, format, media_type, cleaned, ...}.
 * `site` is the page's origin; the service keeps only its host name.
 */
export async function inspect(blob, filename, site) {
  const form = new FormData();
  form.append("file", blob, filename);
  if (site) form.append("site", site);
  const report = await json(
    await request("/v1/inspect", { method: "POST", body: form, timeout: TIMEOUTS.upload }),
  );
  if (typeof report.id !== "string" || !Array.isArray(report.findings)) {
    throw new ServiceError(REASONS.failed, "The service's report is missing its id or findings.");
  }
  return report;
}

/** The verified clean copy of inspection `id`, as a Blob. */
export async function cleanedCopy(id) {
  const path = `/v1/inspect/${encodeURIComponent(id)}/cleaned`;
  return (await request(path, { timeout: TIMEOUTS.upload })).blob();
}

/**
 * The clean copy of inspection `id` with every face the inspection found
 * covered by an opaque fill, as a Blob (re-encoded: not lossless). For "Send
 * with face hidden".
 */
export async function hiddenFacesCopy(id) {
  const path = `/v1/inspect/${encodeURIComponent(id)}/hide-faces`;
  return (await request(path, { method: "POST", timeout: TIMEOUTS.upload })).blob();
}

/**
 * The clean copy of `blob` (for the context menu and the popup):
 * {blob, filename, verdict, findings (count), lossless}.
 */
export async function clean(blob, filename) {
  const form = new FormData();
  form.append("file", blob, filename);
  const response = await request("/v1/clean", {
    method: "POST",
    body: form,
    timeout: TIMEOUTS.upload,
  });
  return {
    blob: await response.blob(),
    filename: filenameOf(response.headers.get("Content-Disposition")),
    verdict: response.headers.get("X-ThinkTwice-Verdict") ?? "none",
    findings: Number(response.headers.get("X-ThinkTwice-Findings") ?? 0),
    lossless: response.headers.get("X-ThinkTwice-Lossless") === "true",
  };
}

/** A one-time sign-in link to the dashboard: {url, expires_in}. */
export async function loginLink() {
  return json(await request("/v1/dashboard/login-link", { method: "POST" }));
}

/** Record what the person chose for inspection `id`. */
export async function decide(id, action) {
  return json(await request("/v1/decisions", { method: "POST", body: { id, action } }));
}

/** Counts since `since` (a Date): {total, warnings, per_kind, ...}. */
export async function stats(since) {
  const query = since ? `?since=${encodeURIComponent(since.toISOString())}` : "";
  return json(await request(`/v1/stats${query}`));
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
