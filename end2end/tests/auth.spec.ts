import { expect, test } from "@playwright/test";
import { accounts, signIn, signOut, unique } from "./accounts";
import { jsEnabled } from "./helpers";

test.describe("sign-in", () => {
  test("an anonymous visitor is sent to sign in and comes back after", async ({ page }) => {
    await page.goto("/services?q=board");
    await expect(page).toHaveURL(/\/login\?next=\/services%3Fq%3Dboard$/);
    await page.getByLabel("Email").fill(accounts.helpdesk.email);
    await page.getByLabel("Password").fill(accounts.helpdesk.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/services\?q=board$/);
    await expect(page.getByRole("heading", { level: 1, name: "Services" })).toBeVisible();
  });

  test("a wrong password gets one generic message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(accounts.user.email);
    await page.getByLabel("Password").fill("not-the-password-at-all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText(
      "The email or password is incorrect, or the account is disabled.",
    );
    // An unknown email gets exactly the same message.
    await page.getByLabel("Email").fill("nobody-here@example.com");
    await page.getByLabel("Password").fill("not-the-password-at-all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText(
      "The email or password is incorrect, or the account is disabled.",
    );
  });

  test("an off-site return address is ignored", async ({ page }) => {
    await page.goto("/login?next=https%3A%2F%2Fevil.example%2F");
    await page.getByLabel("Email").fill(accounts.user.email);
    await page.getByLabel("Password").fill(accounts.user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test("sign out ends the session on the server", async ({ page, context }) => {
    await signIn(page, "helpdesk");
    const before = (await context.cookies()).find((c) => c.name === "pexdesk_session");
    expect(before).toBeTruthy();
    await signOut(page);
    // Replaying the old cookie does not sign anyone in.
    await context.addCookies([{ ...before!, expires: -1 }]);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("the session cookie is HttpOnly and SameSite=Lax and changes at sign-in", async ({
    page,
    context,
  }) => {
    await page.goto("/login");
    const pre = (await context.cookies()).find((c) => c.name === "pexdesk_session");
    await signIn(page, "user");
    const cookie = (await context.cookies()).find((c) => c.name === "pexdesk_session");
    expect(cookie).toBeTruthy();
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe("Lax");
    expect(cookie!.secure).toBe(false);
    if (pre) expect(cookie!.value).not.toBe(pre.value);
  });

  test("repeated failures are throttled with a clear message", async ({ page }, testInfo) => {
    const email = `${unique(testInfo, "throttled")}@example.com`;
    await page.goto("/login");
    let last = "";
    for (let i = 0; i < 7; i++) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("wrong-password-attempt");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert")).not.toBeEmpty();
      last = (await page.getByRole("alert").textContent()) ?? "";
    }
    expect(last).toMatch(/Too many attempts\. Try again in \d+ seconds\./);
  });
});

test.describe("roles", () => {
  test("a user sees only their own section and is refused admin pages", async ({ page }) => {
    await signIn(page, "user");
    const nav = page.getByRole("navigation", { name: "Main" });
    if (jsEnabled(test.info()) && (test.info().project.use.viewport?.width ?? 1280) < 768) {
      await page.getByRole("button", { name: "Open navigation" }).click();
    }
    await expect(nav.getByRole("link", { name: "My rooms" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Audit" })).toHaveCount(0);
    await nav.getByRole("link", { name: "My rooms" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "My rooms" })).toBeVisible();
    const rooms = page.getByRole("list", { name: "My rooms" }).getByRole("listitem");
    await expect(rooms.first()).toBeVisible();
    expect(await rooms.count()).toBeGreaterThanOrEqual(3);
    for (const path of ["/audit", "/users", "/services"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
    }
  });

  test("helpdesk is refused portal users and the audit log", async ({ page }) => {
    await signIn(page, "helpdesk");
    for (const path of ["/users", "/audit", "/licences"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
    const ok = await page.goto("/routing");
    expect(ok?.status()).toBe(200);
  });
});

test.describe("cross-site requests", () => {
  test("a cross-origin form post is refused", async ({ request }) => {
    const response = await request.post("/api/auth/login", {
      headers: { Origin: "https://evil.example", Accept: "text/html" },
      form: { email: accounts.admin.email, password: accounts.admin.password },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    const bare = await request.post("/api/auth/login", {
      form: { email: accounts.admin.email, password: accounts.admin.password },
      maxRedirects: 0,
    });
    expect(bare.status()).toBe(403);
  });
});
