import { expect, Page, test } from "@playwright/test";
import { signIn, unique } from "./accounts";
import { isPhone, jsEnabled, waitForHydration, watchForProblems } from "./helpers";
import { createService, list, service, sim } from "./sim";

/** A name and aliases unique to this test run and project. */
function names(stem: string) {
  const name = unique(test.info(), stem);
  const slug = name.toLowerCase().replace(/[^a-z0-9-]/g, "-");
  return { name, alias1: `${slug}@example.com`, alias2: `${slug}-2@example.com` };
}

async function openService(page: Page, id: number, name: string) {
  await page.goto(`/services/${id}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test.describe("services", () => {
  test("search finds a service by its alias and keeps the search in the URL", async ({ page }) => {
    const api = await sim();
    const [room] = await list(api, "conference", "service_type=conference&limit=1&offset=5");
    const alias = room.aliases[0].alias;
    await signIn(page, "helpdesk");
    await page.goto("/services");
    await page.getByLabel("Search services").fill(alias);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/[?&]q=/);
    const rows = page.getByRole("table", { name: "Services" }).getByRole("row", { name: room.name });
    await expect(rows).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Showing" })).toContainText("of");
    // The URL alone reproduces the view.
    const url = page.url();
    await page.goto(url);
    await expect(page.getByRole("row", { name: room.name })).toBeVisible();
    if (isPhone(test.info())) {
      // On a phone the header row is hidden: each row is a card.
      await expect(page.getByRole("columnheader", { name: /Owner/ })).toBeHidden();
    }
  });

  test("type chips and sorting narrow and order the list", async ({ page }) => {
    await signIn(page, "helpdesk");
    await page.goto("/services");
    await page.getByRole("link", { name: "Reception", exact: true }).click();
    await expect(page).toHaveURL(/type=reception/);
    await expect(page.getByRole("link", { name: "Reception", exact: true })).toHaveAttribute("aria-pressed", "true");
    const table = page.getByRole("table", { name: "Services" });
    await expect(table.getByRole("row").nth(1)).toContainText("Virtual Reception");
    if (!isPhone(test.info())) {
      await table.getByRole("link", { name: /^Name/ }).click();
      await expect(page).toHaveURL(/sort=-name/);
      await expect(table.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "descending");
    }
  });

  test("create a VMR with two aliases and a PIN, fix a bad PIN, then delete it", async ({ page }) => {
    const api = await sim();
    const { name, alias1, alias2 } = names("Board");
    await signIn(page, "helpdesk");
    await page.goto("/services/new");
    await expect(page.getByRole("heading", { level: 1, name: "New Virtual Meeting Room" })).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Aliases, one per line").fill(`${alias1}\n${alias2}`);
    await page.getByLabel("Host PIN").fill("2468");
    await page.getByRole("button", { name: "Create service" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const created = await service(api, name);
    expect(created.pin).toBe("2468");
    expect(created.aliases.map((a: any) => a.alias).sort()).toEqual([alias1, alias2].sort());
    await expect(page.getByRole("list", { name: "Aliases" })).toContainText(alias1);

    // A bad PIN is refused beside its field, and what was typed stays.
    await page.getByRole("link", { name: "Edit settings" }).click();
    await expect(page.getByLabel("Host PIN")).toHaveValue("2468");
    await page.getByLabel("Description").fill("Kept while fixing the PIN");
    await page.getByLabel("Host PIN").fill("12");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("A PIN is 4 to 20 digits, optionally ending in #.").first()).toBeVisible();
    await expect(page.getByLabel("Description")).toHaveValue("Kept while fixing the PIN");
    await expect(page.getByLabel("Host PIN")).toHaveAttribute("aria-invalid", "true");
    expect((await service(api, name)).pin).toBe("2468");

    await page.getByLabel("Host PIN").fill("97531");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const edited = await service(api, name);
    expect(edited.pin).toBe("97531");
    expect(edited.description).toBe("Kept while fixing the PIN");

    // Delete: the confirmation names the aliases that go with it.
    await page.getByText("Delete this service…").click();
    await expect(page.getByText(`with its 2 aliases`)).toBeVisible();
    await page.getByRole("button", { name: "Delete service and aliases" }).click();
    await expect(page).toHaveURL(/\/services$/);
    expect(await service(api, name)).toBeUndefined();
    expect(await list(api, "conference_alias", `alias=${encodeURIComponent(alias1)}`)).toHaveLength(0);
  });

  test("an alias held by another service is refused, naming that service", async ({ page }) => {
    const api = await sim();
    const [holder] = await list(api, "conference", "service_type=conference&limit=1&offset=2");
    const taken = holder.aliases[0].alias;
    const { name } = names("Thief");
    await signIn(page, "helpdesk");
    await page.goto("/services/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Aliases, one per line").fill(taken);
    await page.getByRole("button", { name: "Create service" }).click();
    await expect(page.getByText(`${taken} is already used by the service “${holder.name}”.`)).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
    expect(await service(api, name)).toBeUndefined();
  });

  test("attach an existing dialled participant, then detach it", async ({ page }) => {
    test.skip(!jsEnabled(test.info()), "covered with JavaScript; the forms are the same without");
    const api = await sim();
    const { name } = names("Adp");
    const id = await createService(api, { name, service_type: "conference" });
    const [adp] = await list(api, "automatic_participant", "limit=1");
    await signIn(page, "helpdesk");
    await openService(page, id, name);
    // The search is a client-side form: interact once the page is live, so a click made
    // while it hydrates is not lost.
    await waitForHydration(page);
    await page.getByText("Attach an existing one").click();
    await page.getByLabel("Find by alias").fill(adp.alias);
    await page.getByRole("button", { name: "Find" }).click();
    await page.getByRole("button", { name: `Attach ${adp.alias}` }).click();
    const attached = page.getByRole("list", { name: "Dialled participants", exact: true }).getByRole("listitem", { name: adp.alias });
    await expect(attached).toBeVisible();
    const after = (await list(api, "automatic_participant", `id=${adp.id}`))[0];
    expect(after.conference).toContain(`/api/admin/configuration/v1/conference/${id}/`);

    await attached.getByRole("button", { name: `Detach ${adp.alias}` }).click();
    await expect(page.getByRole("list", { name: "Dialled participants", exact: true })).toHaveCount(0);
    const detached = (await list(api, "automatic_participant", `id=${adp.id}`))[0];
    expect(detached.conference).not.toContain(`/api/admin/configuration/v1/conference/${id}/`);
    expect(detached.conference.length).toBe(adp.conference.length);
  });

  test("clone copies the settings with new aliases", async ({ page }) => {
    const api = await sim();
    const { name, alias1 } = names("Source");
    const id = await createService(api, {
      name,
      service_type: "conference",
      pin: "1357",
      allow_guests: true,
      guest_pin: "2468",
      tag: "cloned-tag",
      aliases: [{ alias: `${alias1}.src` }],
    });
    await signIn(page, "helpdesk");
    await openService(page, id, name);
    await page.getByRole("link", { name: "Clone" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Clone ${name}` })).toBeVisible();
    const copy = `Copy of ${name}`;
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(copy);
    await page.getByLabel("Aliases, one per line").fill(alias1);
    await page.getByRole("button", { name: "Create service" }).click();
    await expect(page.getByRole("heading", { level: 1, name: copy })).toBeVisible();
    const cloned = await service(api, copy);
    expect(cloned.pin).toBe("1357");
    expect(cloned.guest_pin).toBe("2468");
    expect(cloned.tag).toBe("cloned-tag");
    expect(cloned.aliases.map((a: any) => a.alias)).toEqual([alias1]);
    expect((await service(api, name)).aliases.map((a: any) => a.alias)).toEqual([`${alias1}.src`]);
  });

  test("PINs are hidden until asked for", async ({ page }) => {
    const api = await sim();
    const { name } = names("Pins");
    const id = await createService(api, { name, service_type: "conference", pin: "8642" });
    await signIn(page, "helpdesk");
    await openService(page, id, name);
    expect(await page.content()).not.toContain("8642");
    await page.getByRole("link", { name: "Show PINs" }).click();
    await expect(page.getByText("8642")).toBeVisible();
  });

  test("every services page hydrates without errors", async ({ page }) => {
    test.skip(!jsEnabled(test.info()), "hydration needs JavaScript");
    const api = await sim();
    const { name, alias1 } = names("Hydrate");
    const id = await createService(api, { name, service_type: "conference", pin: "1234", aliases: [{ alias: alias1 }] });
    const [adp] = await list(api, "automatic_participant", "limit=1");
    const problems = watchForProblems(page);
    await signIn(page, "helpdesk");
    for (const path of [
      "/services",
      "/services?q=a&type=vmr,reception&sort=-created",
      `/services/${id}`,
      `/services/${id}?pins=show&adp_q=a`,
      `/services/${id}/edit`,
      "/services/new",
      "/services/new?type=reception",
      `/services/new?clone=${id}`,
      "/services/import",
      `/services/delete?ids=${id}`,
      `/services/${id}/adps/${adp.id}/delete`,
    ]) {
      await page.goto(path);
      await waitForHydration(page);
      expect(problems, path).toEqual([]);
    }
  });

  test("a user is refused the services pages", async ({ page }) => {
    await signIn(page, "user");
    for (const path of ["/services", "/services/new", "/services/import"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
  });
});
