import { expect, test } from "@playwright/test";
import { signIn } from "./accounts";

test.describe("errors", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "admin");
  });

  test("an unknown section answers 404 with a helpful page", async ({ page }) => {
    const response = await page.goto("/no-such-section");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByText("This page does not exist.")).toBeVisible();
    await page.getByRole("link", { name: "Go to the overview" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  });

  test("a deep unknown path answers 404 too", async ({ page }) => {
    const response = await page.goto("/services/x/y/z");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  });
});

test.describe("security headers", () => {
  test("every page carries a CSP whose nonce is on each inline script", async ({ request }) => {
    const first = await request.get("/login");
    const second = await request.get("/login");
    const csp = first.headers()["content-security-policy"];
    expect(csp).toBeTruthy();
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([A-Za-z0-9_-]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    // Fresh per request.
    expect(second.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);

    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) {
      if (/\bsrc=/.test(tag)) continue;
      expect(tag, `inline script without the nonce: ${tag}`).toContain(`nonce="${nonce}"`);
    }
    const headers = first.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers["strict-transport-security"]).toBeUndefined();
  });

  test("static files and errors carry the headers too", async ({ request }) => {
    for (const path of ["/favicon.svg", "/healthz", "/nope"]) {
      const response = await request.get(path);
      expect(response.headers()["content-security-policy"], path).toContain("default-src 'self'");
      expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
    }
  });

  test("healthz reports version and uptime without auth", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.status).toBe("ok");
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(typeof body.uptime_seconds).toBe("number");
  });
});
