/**
 * The worker's side of an intercepted upload: inspect each held image through
 * the service, hand over its clean copy, and record what the person chose.
 *
 * The report goes back first, so the dialog shows as soon as possible; the
 * content script asks for the clean copy (`cleanedPart`) at once, while the
 * person reads, so "Send cleaned copy" rarely waits: a photo's bytes cost tens
 * of milliseconds per trip (transfers.js), and must not hold up the dialog. Every failure to inspect becomes
 * `{status: "not_checked", reason, message}`: never a silent pass.
 *
 * An inspection, its clean copies and its decision belong to the document
 * (tab, frame) that held the file: another tab's content script cannot fetch
 * them or record a choice for them, even knowing the id.
 */

import { rebuild } from "./plans.js";
import * as service from "./service.js";
import * as sites from "./sites.js";
import * as storage from "./storage.js";
import * as transfers from "./transfers.js";
import { PART_CHARS } from "./vocabulary.js";

/** Set `key` in `map`, dropping the oldest entries past `max` (Maps keep insertion order). */
function put(map, key, value, max) {
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value);
}

/** The value of `key` in `map`, which then forgets it. */
function take(map, key) {
  const value = map.get(key);
  map.delete(key);
  return value;
}

// inspection id or copy key -> the document that asked for it (transfers.senderKey without upload)
const owners = new Map();
const MAX_OWNED = 1024;

function ownedBy(sender) {
  return transfers.senderKey(sender, "");
}

function own(key, sender) {
  put(owners, key, ownedBy(sender), MAX_OWNED);
}

// inspection id -> what rebuilds its clean copy here: {data (the original), plan, sha256,
// mediaType}; taken by the first request for the copy (see plans.js).
const plans = new Map();
const MAX_PLANS = 32;

function keepPlan(report, data) {
  const { plan, sha256 } = report.cleaned ?? {};
  if (!Array.isArray(plan)) return;
  put(plans, report.id, { data, plan, sha256, mediaType: report.media_type }, MAX_PLANS);
}

// How clean copies were made, for the benchmark and the tests: self.thinktwice.copies().
export const copies = { rebuilt: 0, fetched: 0 };

/** The clean copy of inspection `id`: rebuilt here by its plan, else from the service. */
async function copyOf(id) {
  const kept = take(plans, id);
  if (kept) {
    const data = await rebuild(kept.data, kept.plan, kept.sha256);
    if (data !== null) {
      copies.rebuilt += 1;
      return { data, mediaType: kept.mediaType };
    }
  }
  copies.fetched += 1;
  return service.cleanedCopy(id);
}

function checkOwner(key, sender) {
  if (owners.get(key) !== ownedBy(sender)) {
    throw new Error("Refused: that photo was not held in this page.");
  }
}

// sender/upload -> the key its chunks go to the host under (random: it names nothing)
const forwarded = new Map();
const MAX_FORWARDED = 64;

function hostKey(key) {
  if (!forwarded.has(key)) put(forwarded, key, crypto.randomUUID(), MAX_FORWARDED);
  return forwarded.get(key);
}

/**
 * Part of a held image, as base64 (see transfers.js). Parts the host can take
 * as chunks go on to it at once: the photo crosses the native pipe while the
 * page is still sending the rest (the host keeps them in memory only, and drops
 * them if the photo is not inspected).
 */
export function part({ upload, index, count, data }, sender) {
  const key = transfers.senderKey(sender, upload);
  const received = transfers.receive(key, { index, count, data });
  if (PART_CHARS === service.CHUNK_CHARS) service.sendAhead(hostKey(key), index, count, data);
  return received;
}

/**
 * The upload's bytes (base64), the key its chunks went ahead under, and the page's
 * origin; null when the site is not watched now (paused from the popup).
 */
async function heldFor(upload, sender) {
  const key = transfers.senderKey(sender, upload);
  const data = transfers.take(key);
  const streamed = take(forwarded, key);
  if (!(await sites.watches(sender.url, sender.tab?.url))) {
    if (streamed) service.dropSentAhead(streamed);
    return null;
  }
  return { data, streamed, site: new URL(sender.tab?.url ?? sender.url).origin };
}

/**
 * A held image whose parts have arrived: {upload, name, mediaType}, from a frame of a tab.
 * -> {status: "pass"} when the site is not watched now (paused),
 *    {status: "checked", id, verdict, findings, faces, lossless, mediaType, cleanedParts, ask},
 *    where `faces` counts the faces the pixels show (for "Send with face hidden"),
 *    {status: "not_checked", reason, message}.
 */
export async function inspect({ upload, name, mediaType }, sender) {
  try {
    const held = await heldFor(upload, sender);
    if (!held) return { status: "pass" };
    const { data, streamed, site } = held;
    const report = await service.inspect({ data, mediaType, name, upload: streamed }, site);
    own(report.id, sender);
    keepPlan(report, data);
    return await checked(report, { cleanedParts: transfers.partsOf(4 * Math.ceil(report.cleaned.size / 3)) });
  } catch (error) {
    return notChecked(error);
  }
}

/**
 * A big video sent in part ({upload, name, mediaType, size, pieces}: content/sparse.js).
 * -> {needs: [[offset, length], ...]} the ranges to add and send again, or what
 *    `inspect` answers, with `plan` (the content script builds the clean copy from the
 *    file's slices: this worker never holds the video).
 */
export async function inspectSparse({ upload, name, mediaType, size, pieces }, sender) {
  try {
    const held = await heldFor(upload, sender);
    if (!held) return { status: "pass" };
    const { data, streamed, site } = held;
    const answer = await service.inspectSparse({ data, mediaType, name, upload: streamed }, site, size, pieces);
    if (answer.needs.length) return { needs: answer.needs };
    own(answer.result.id, sender);
    return await checked(answer.result, { plan: answer.result.cleaned.plan });
  } catch (error) {
    return notChecked(error);
  }
}

/** What the content script is told of a checked file (`extra`: how it gets the clean copy). */
async function checked(report, extra) {
  return {
    status: "checked",
    id: report.id,
    verdict: report.verdict,
    findings: report.findings.map(({ kind, severity, message, evidence }) => ({
      kind,
      severity,
      message,
      evidence: evidence ?? {},
    })),
    faces: Array.isArray(report.pixels?.faces) ? report.pixels.faces.length : 0,
    lossless: Boolean(report.cleaned?.lossless),
    mediaType: report.media_type,
    ask: await storage.get("alwaysAsk"),
    ...extra,
  };
}

function notChecked(error) {
  return {
    status: "not_checked",
    reason: error.reason ?? service.REASONS.failed,
    message: String(error.message ?? error),
  };
}

/**
 * Part `index` of the clean copy `key` (an inspection's id, fetched from the
 * service once, or a copy offered by cleanUpload/hideFaces), for its own page only.
 */
export function cleanedPart({ key, index }, sender) {
  checkOwner(key, sender);
  return transfers.serve(key, index, () => copyOf(key));
}

/**
 * Clean a held image again, from its parts: the service keeps clean copies a
 * few minutes only, and the person may take longer. -> {key, parts} to fetch
 * with cleanedPart.
 */
export async function cleanUpload({ upload, name, mediaType }, sender) {
  const key = transfers.senderKey(sender, upload);
  const data = transfers.take(key);
  const cleaned = await service.clean({ data, mediaType, name, upload: take(forwarded, key) });
  return offerCopy(cleaned, sender);
}

/**
 * The clean copy of inspection `id` with its faces covered, made by the
 * service on demand (only when the person chooses it). -> {key, parts} to
 * fetch with cleanedPart.
 */
export async function hideFaces({ id }, sender) {
  checkOwner(id, sender);
  return offerCopy(await service.hiddenFacesCopy(id), sender);
}

/** Offer `copy` ({data, mediaType}) under a fresh key. -> {key, parts} to fetch with cleanedPart. */
async function offerCopy(copy, sender) {
  const key = crypto.randomUUID();
  own(key, sender);
  await transfers.offer(key, async () => copy).copy;
  return { key, parts: transfers.partsOf(copy.data.length) };
}

// The last few interception timings (files held -> dialog shown, decision -> page has
// the files), for the benchmark and for anyone curious: self.thinktwice.timings().
const TIMINGS_KEPT = 50;
export const timings = [];

/**
 * Record `action` for every inspection in `ids` (all held in the sender's page);
 * a failure to record is not the person's problem.
 */
export async function decide(ids, action, measured, sender) {
  for (const id of ids) checkOwner(id, sender);
  if (measured) {
    timings.push({ action, images: ids.length, ...measured });
    timings.splice(0, Math.max(0, timings.length - TIMINGS_KEPT));
  }
  const results = await Promise.allSettled(
    ids.map((id) => service.decide(id, action)),
  );
  return { recorded: results.filter((r) => r.status === "fulfilled").length };
}
