import { expect, test } from "@playwright/test";
import { signIn, unique } from "./accounts";

test.describe("portal users and audit (admin)", () => {
  test("an admin adds an account, a weak password is refused with the reason", async ({
    page,
  }, testInfo) => {
    await signIn(page, "admin");
    await page.goto("/users");
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    const email = `${unique(testInfo, "new")}@example.com`;
    const form = page.getByRole("region", { name: "Add an account" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Role").selectOption("helpdesk");
    // The browser's minlength would stop a short password; remove it to see the server's answer.
    await form.getByLabel("Password").evaluate((el) => el.removeAttribute("minlength"));
    await form.getByLabel("Password").fill("short");
    await form.getByRole("button", { name: "Add account" }).click();
    await expect(page.getByText(/at least 12 characters/i).first()).toBeVisible();
    // What was typed stays, with JavaScript off too (a refused password is never sent back).
    await expect(form.getByLabel("Email")).toHaveValue(email);
    await expect(form.getByLabel("Role")).toHaveValue("helpdesk");
    await form.getByLabel("Password").fill("a-good-long-password");
    await form.getByRole("button", { name: "Add account" }).click();
    const card = page.getByRole("listitem", { name: email });
    await expect(card).toBeVisible();
    await expect(card).toContainText("Helpdesk");

    // Disable it, then delete it.
    await card.getByRole("button", { name: "Disable" }).click();
    await expect(page.getByRole("listitem", { name: email })).toContainText("Disabled");
    await page.getByRole("listitem", { name: email }).getByText("Delete account…").click();
    await page.getByRole("listitem", { name: email }).getByRole("button", { name: "Delete permanently" }).click();
    await expect(page.getByRole("listitem", { name: email })).toHaveCount(0);

    // Every change is in the audit log.
    await page.goto(`/audit?target=${encodeURIComponent(email)}`);
    const entries = page.getByRole("list", { name: "Audit entries" });
    await expect(entries.getByText("user.delete")).toBeVisible();
    await expect(entries.getByText("user.disable")).toBeVisible();
    await expect(entries.getByText("user.create")).toBeVisible();
    const html = await page.content();
    expect(html).not.toContain("a-good-long-password");
  });

  test("the audit log filters and exports CSV", async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/audit?action=auth.login");
    await expect(page.getByRole("status")).toContainText("entries");
    const csv = await page.request.get("/api/audit/export.csv?action=auth.login");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-disposition"]).toContain("pexdesk-audit.csv");
    const text = await csv.text();
    expect(text.split("\n")[0]).toContain("action");
    expect(text).toContain("auth.login");
  });

  test("a bad date in the audit filter is explained", async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/audit?from=yesterday");
    await expect(page.getByRole("alert").filter({ hasText: "Use a date like" })).toBeVisible();
  });
});
