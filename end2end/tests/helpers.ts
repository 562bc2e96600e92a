import { expect, Page, TestInfo } from "@playwright/test";

/** Whether the current project runs with JavaScript on. */
export function jsEnabled(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/** Whether the current project has a phone-sized viewport. */
export function isPhone(testInfo: TestInfo): boolean {
  return (testInfo.project.use.viewport?.width ?? 1280) < 768;
}

/** Waits until the page has hydrated: the menu/theme controls become enabled. */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

/** Collects Content-Security-Policy violations and page errors while a test runs. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    const text = msg.text();
    if (msg.type() === "error" && /Content Security Policy|Refused to|panicked at|hydration/i.test(text)) {
      problems.push(text);
    }
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}
