import { APIRequestContext, expect, request } from "@playwright/test";
import { readFileSync } from "fs";
import { resolve } from "path";

/** The built-in simulator's address and credentials, written by pexdesk at start
 * (PEXDESK_EMBEDDED_CREDENTIALS_FILE), so tests check effects through pexsim's own API. */
function credentials(): { url: string; username: string; password: string } {
  const path = process.env.PEXDESK_EMBEDDED_CREDENTIALS_FILE ?? resolve(__dirname, "../../data/e2e-sim.json");
  return JSON.parse(readFileSync(path, "utf8"));
}

/** A request context on pexsim's Management API. */
export async function sim(): Promise<APIRequestContext> {
  const c = credentials();
  return request.newContext({
    baseURL: c.url,
    httpCredentials: { username: c.username, password: c.password, send: "always" },
  });
}

const CONFIG = "/api/admin/configuration/v1";

/** GET a configuration list with a query; returns its objects. */
export async function list(api: APIRequestContext, resource: string, query: string): Promise<any[]> {
  const response = await api.get(`${CONFIG}/${resource}/?${query}`);
  expect(response.status(), `${resource}?${query}`).toBe(200);
  return (await response.json()).objects;
}

/** The service of this name on pexsim, or undefined. */
export async function service(api: APIRequestContext, name: string): Promise<any | undefined> {
  return (await list(api, "conference", `name=${encodeURIComponent(name)}`))[0];
}

/** Creates a service directly on pexsim; returns its id. */
export async function createService(api: APIRequestContext, body: object): Promise<number> {
  const response = await api.post(`${CONFIG}/conference/`, { data: body });
  expect(response.status()).toBe(201);
  const location = response.headers()["location"];
  return Number(location.replace(/\/$/, "").split("/").pop());
}

/** Requests pexsim has answered per method and path since the last reset. */
export async function requestCounts(api: APIRequestContext): Promise<Record<string, number>> {
  const response = await api.get("/_sim/requests");
  expect(response.status()).toBe(200);
  return (await response.json()).counts;
}

/** Forgets the request counts. */
export async function resetRequestCounts(api: APIRequestContext): Promise<void> {
  const response = await api.delete("/_sim/requests");
  expect(response.status()).toBe(204);
}

/** Starts a conference on the service with this alias, with `n` Guests; their ids. */
export async function startMeeting(api: APIRequestContext, alias: string, n: number): Promise<string[]> {
  const response = await api.post("/_sim/conferences", { data: { alias, participants: n, role: "guest" } });
  expect(response.status()).toBe(201);
  return (await response.json()).participant_ids;
}

/** A live participant's status on pexsim. */
export async function participant(api: APIRequestContext, id: string): Promise<any> {
  const response = await api.get(`/api/admin/status/v1/participant/${id}/`);
  expect(response.status()).toBe(200);
  return response.json();
}
