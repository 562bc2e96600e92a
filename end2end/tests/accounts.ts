import { expect, Page, TestInfo } from "@playwright/test";

/** Accounts that scripts/e2e.sh creates with `pexdesk user add` before the suite runs. */
export const accounts = {
  admin: { email: "e2e-admin@example.com", password: "admin-password-e2e-1" },
  helpdesk: { email: "e2e-helpdesk@example.com", password: "helpdesk-password-e2e-1" },
  user: { email: "alice@example.com", password: "user-password-e2e-1" },
} as const;

export type AccountName = keyof typeof accounts;

/** Signs in through the login page and waits for the page after it. */
export async function signIn(page: Page, who: AccountName, next = "/"): Promise<void> {
  const account = accounts[who];
  await page.goto(next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Signs out with the header button. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** A name unique to this test and project, for data a test creates. */
export function unique(testInfo: TestInfo, stem: string): string {
  return `${stem}-${testInfo.project.name}-${testInfo.workerIndex}-${Date.now()}`;
}
