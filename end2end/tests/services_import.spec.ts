import { expect, test } from "@playwright/test";
import { signIn, unique } from "./accounts";
import { jsEnabled } from "./helpers";
import { list, requestCounts, resetRequestCounts, sim } from "./sim";

/** 300 rows, 5 of them bad in different ways. */
function importFile(prefix: string, slug: string): { csv: string; badLines: number[] } {
  const rows = ["name,service_type,aliases,pin,guest_pin,primary_owner_email_address,ivr_theme"];
  const badLines: number[] = [];
  for (let i = 0; i < 300; i++) {
    const line = i + 2;
    let row = `${prefix} ${i},conference,${slug}-${i}@example.com,${1000 + i},,,`;
    if (i === 10) row = `${prefix} ${i},conference,${slug}-${i}@example.com,12,,,`;
    if (i === 50) row = `${prefix} ${i},conference,${slug}-${i}@example.com,,5678,,`;
    if (i === 90) row = `${prefix} ${i},conference,${slug}-1@example.com,,,,`;
    if (i === 130) row = `${prefix} ${i},conference,${slug}-${i}@example.com,,,nobody@nowhere.example,`;
    if (i === 170) row = `${prefix} ${i},conference,${slug}-${i}@example.com,,,,No such theme`;
    if ([10, 50, 90, 130, 170].includes(i)) badLines.push(line);
    rows.push(row);
  }
  return { csv: rows.join("\n") + "\n", badLines };
}

test.describe("services CSV import", () => {
  test("300 rows with 5 bad: the dry run shows exactly those, apply lands 295 in bulk", async ({ page }) => {
    test.skip(!jsEnabled(test.info()), "the import needs JavaScript");
    const api = await sim();
    const prefix = unique(test.info(), "Imp");
    const slug = prefix.toLowerCase().replace(/[^a-z0-9-]/g, "-");
    const { csv, badLines } = importFile(prefix, slug);
    await signIn(page, "helpdesk");
    await page.goto("/services/import");
    await page.getByLabel("CSV file").setInputFiles({ name: "rooms.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Check file" }).click();
    await expect(page.getByRole("status").filter({ hasText: "300 rows" })).toHaveText(
      "300 rows: 295 ready (295 to create, 0 to update), 5 with problems.",
    );
    const problems = page.getByRole("table", { name: "Rows with problems" }).getByRole("row");
    await expect(problems).toHaveCount(6); // the header and five rows
    for (const line of badLines) {
      await expect(page.getByRole("table", { name: "Rows with problems" })).toContainText(`${line}`);
    }
    expect(await list(api, "conference", `name__startswith=${encodeURIComponent(prefix)}&limit=1`)).toHaveLength(0);

    await resetRequestCounts(api);
    await page.getByRole("button", { name: "Apply 295 rows" }).click();
    await expect(page.getByRole("status").filter({ hasText: "landed" })).toHaveText("295 rows landed, 0 did not.");
    const counts = await requestCounts(api);
    expect(counts["PATCH /api/admin/configuration/v1/conference/"]).toBe(3);
    expect(counts["POST /api/admin/configuration/v1/conference/"] ?? 0).toBe(0);
    const landed = await api.get(
      `/api/admin/configuration/v1/conference/?name__startswith=${encodeURIComponent(prefix)}&limit=1`,
    );
    expect((await landed.json()).meta.total_count).toBe(295);

    // The audit log holds the import.
    await signIn(page, "admin", "/audit?action=service.import");
    await expect(page.getByRole("list", { name: "Audit entries" }).getByText("service.import").first()).toBeVisible();
  });

  test("a file that is not CSV is refused with a clear message", async ({ page }) => {
    test.skip(!jsEnabled(test.info()), "the import needs JavaScript");
    await signIn(page, "helpdesk");
    await page.goto("/services/import");
    // Once the page runs, the note that the import needs JavaScript is gone.
    await expect(page.getByText("The import needs JavaScript")).toHaveCount(0);
    await page.getByLabel("CSV file").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    await page.getByRole("button", { name: "Check file" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "is not a CSV file" })).toBeVisible();
  });

  test("without JavaScript the page says the import needs it", async ({ page }) => {
    test.skip(jsEnabled(test.info()), "only without JavaScript");
    await signIn(page, "helpdesk");
    await page.goto("/services/import");
    await expect(page.getByText("The import needs JavaScript")).toBeVisible();
    const example = await page.request.get("/services-import-example.csv");
    expect(example.status()).toBe(200);
    expect((await example.text()).split("\n")[0]).toContain("name,service_type,aliases");
  });
});
