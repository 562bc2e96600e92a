import { expect, test } from "@playwright/test";
import { accounts, signIn } from "./accounts";
import { list, participant, sim, startMeeting } from "./sim";

test.describe("my rooms: hosting a live meeting", () => {
  test("the owner sees who is in the meeting and mutes a Guest", async ({ page }) => {
    const api = await sim();
    const rooms = await list(
      api,
      "conference",
      `primary_owner_email_address__iexact=${encodeURIComponent(accounts.user.email)}&service_type=conference`,
    );
    // Each project uses a different room, so their meetings do not mix.
    const index = test.info().project.name.length % rooms.length;
    const room = rooms.find((r: any, i: number) => i >= index && r.aliases.length > 0) ?? rooms[0];
    const [guest] = await startMeeting(api, room.aliases[0].alias, 1);
    const name = (await participant(api, guest)).display_name;

    await signIn(page, "user");
    await page.goto("/my-rooms");
    await page.getByRole("link", { name: `Host the meeting in ${room.name}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Meeting in ${room.name}` })).toBeVisible();
    const row = page.getByRole("list", { name: "Attendees" }).getByRole("listitem", { name }).first();
    await expect(row).toBeVisible();
    await row.getByRole("button", { name: `Mute ${name}` }).click();
    await expect(
      page.getByRole("list", { name: "Attendees" }).getByRole("listitem", { name }).first(),
    ).toContainText("muted");
    expect((await participant(api, guest)).is_muted).toBe(true);
    await api.delete(`/_sim/participants/${guest}`);
  });
});
