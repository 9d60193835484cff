/**
 * Pairing with the local service: the token that every API call carries.
 *
 * On install, and whenever a call finds the token missing or refused, the
 * worker asks POST /v1/pair without a code: the first extension to ask gets the
 * token (trust on first use). When another extension already paired, the
 * service wants the code `thinktwice pair` prints; the options page sends it.
 */

import * as service from "./service.js";
import * as storage from "./storage.js";

const { REASONS, ServiceError } = service;

let pairing = null; // one pairing request at a time, shared by concurrent callers

/** Pair (with `code` when given) and store the token; returns the service's answer. */
export async function pair(code) {
  const paired = await service.pair(code);
  await storage.set("token", paired.token);
  return { origin: paired.origin, method: paired.method, pairedAt: paired.paired_at };
}

async function pairFirstUse() {
  pairing ??= pair().finally(() => {
    pairing = null;
  });
  try {
    await pairing;
  } catch (error) {
    if (error instanceof ServiceError && error.reason === REASONS.unauthorized) {
      // 403 pairing_code_required: another extension paired first.
      throw new ServiceError(REASONS.notPaired, error.message, error);
    }
    throw error;
  }
}

/**
 * Run `call()` (a service call needing the token); when the token is missing or
 * refused, pair once without a code and try again. A refusal after that is
 * "not paired": the person must enter a code in the options page.
 */
export async function authorized(call) {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ServiceError) || error.reason !== REASONS.unauthorized) throw error;
  }
  await pairFirstUse();
  try {
    return await call();
  } catch (error) {
    if (error instanceof ServiceError && error.reason === REASONS.unauthorized) {
      throw new ServiceError(REASONS.notPaired, error.message, error);
    }
    throw error;
  }
}

/** Pair on install if the service runs; a service that is not running is not an error. */
export async function pairIfPossible() {
  if (await storage.get("token")) return;
  try {
    await pairFirstUse();
  } catch {
    // Not running or needs a code: the popup and options page say so.
  }
}

/**
 * The connection as the popup and options page show it:
 * {state: "connected" | "not_running" | "not_paired" | "error", version, message, stats}.
 * Connected means a token-protected call succeeded; `stats` are today's counts.
 */
export async function connection() {
  let version = null;
  try {
    ({ version } = await service.health());
  } catch (error) {
    return { state: REASONS.notRunning, version, message: error.message, stats: null };
  }
  try {
    const stats = await authorized(() => service.stats(startOfToday()));
    return { state: "connected", version, message: "", stats };
  } catch (error) {
    const state = error.reason === REASONS.notPaired ? REASONS.notPaired : "error";
    return { state, version, message: error.message, stats: null };
  }
}

function startOfToday() {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}
