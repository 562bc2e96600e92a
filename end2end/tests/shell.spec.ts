import { expect, test } from "@playwright/test";
import { signIn } from "./accounts";
import { isPhone, jsEnabled, waitForHydration, watchForProblems } from "./helpers";

test.describe("app shell", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "admin");
  });

  test("overview renders with header, badge and sections", async ({ page }, testInfo) => {
    const problems = watchForProblems(page);
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle("Overview · pexdesk");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.getByRole("link", { name: "pexdesk", exact: true })).toBeVisible();
    await expect(page.getByTitle("Connected Management Node")).toHaveText("Demo: built-in simulator");
    // The header's items sit side by side, also at 390 px: the logo is never squeezed so
    // that its name spills under the badge.
    const logoLink = page.getByRole("link", { name: "pexdesk", exact: true });
    const logo = await logoLink.boundingBox();
    const badge = await page.getByTitle("Connected Management Node").boundingBox();
    expect(logo).not.toBeNull();
    expect(badge).not.toBeNull();
    if (logo && badge) expect(logo.x + logo.width).toBeLessThanOrEqual(badge.x);
    const spill = await logoLink.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(spill).toBeLessThanOrEqual(0);
    const sections = page.getByRole("list", { name: "Sections" });
    await expect(sections.getByRole("link")).toHaveCount(10);
    if (jsEnabled(testInfo)) {
      await waitForHydration(page);
    }
    await page.screenshot({
      path: testInfo.outputPath(`overview-${testInfo.project.name}.png`),
      fullPage: true,
    });
    await testInfo.attach(`overview-${testInfo.project.name}`, {
      path: testInfo.outputPath(`overview-${testInfo.project.name}.png`),
      contentType: "image/png",
    });
    expect(problems).toEqual([]);
  });

  test("navigation reaches every section", async ({ page }, testInfo) => {
    const problems = watchForProblems(page);
    await page.goto("/");
    const phone = isPhone(testInfo);
    const js = jsEnabled(testInfo);
    if (js) await waitForHydration(page);
    // Moving between pages asks the server only for page data: the signed-in user and the
    // connected node are written into the page itself (the header and the badge below
    // still name them after every move), so nobody asks who is signed in.
    const reloaded: string[] = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (path === "/api/auth/me") reloaded.push(path);
    });
    const badge = page.getByTitle("Connected Management Node");
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = page.getByRole("button", { name: "Open navigation" });

    for (const name of ["Services", "Live", "Licences", "Themes"]) {
      if (phone && js) {
        // On a phone the navigation is a drawer behind the menu button.
        await expect(nav).toBeHidden();
        await menu.click();
        await expect(page.getByRole("button", { name: "Close navigation" })).toHaveAttribute(
          "aria-expanded",
          "true",
        );
        await expect(nav).toBeVisible();
      } else {
        await expect(nav).toBeVisible();
        if (!js) await expect(menu).toBeHidden();
      }
      await nav.getByRole("link", { name, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
      await expect(badge).toHaveText("Demo: built-in simulator");
      if (name !== "Services") {
        // The sections still to be built say so.
        await expect(page.getByRole("status")).toContainText(`${name} is not available yet.`);
      }
      if (phone && js) {
        // Following a link closes the drawer.
        await expect(nav).toBeHidden();
      } else {
        await expect(nav.getByRole("link", { name, exact: true })).toHaveAttribute(
          "aria-current",
          "page",
        );
      }
    }
    expect(reloaded).toEqual([]);
    expect(problems).toEqual([]);
  });

  test("the drawer is keyboard accessible and closes on Escape", async ({ page }, testInfo) => {
    test.skip(!isPhone(testInfo) || !jsEnabled(testInfo), "phone drawer needs JavaScript");
    await page.goto("/");
    await waitForHydration(page);
    const menu = page.getByRole("button", { name: "Open navigation" });
    await menu.focus();
    await page.keyboard.press("Enter");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav).toBeVisible();
    await expect(nav.getByRole("link", { name: "Overview" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(page.getByRole("button", { name: "Open navigation" })).toHaveAttribute(
      "aria-expanded",
      "false",
    );
  });

  test("the theme toggle works once hydrated and is remembered", async ({ page }, testInfo) => {
    test.skip(!jsEnabled(testInfo), "the toggle needs JavaScript");
    await page.goto("/");
    const toggle = page.getByRole("button", { name: /Theme: system/ });
    await waitForHydration(page);
    await expect(toggle).toBeEnabled();
    await toggle.click();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await expect(page.getByRole("button", { name: /Theme: dark/ })).toBeVisible();
    // The server renders the pinned theme on the next load.
    const reloaded = await page.request.get("/");
    expect(await reloaded.text()).toMatch(/<html[^>]*class="dark"/);
  });

  test("the theme follows the OS by default", async ({ browser }, testInfo) => {
    const context = await browser.newContext({
      ...testInfo.project.use,
      colorScheme: "dark",
    });
    const page = await context.newPage();
    await page.goto("/login");
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe("rgb(15, 17, 21)");
    await context.close();
  });
});
