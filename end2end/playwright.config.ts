import { defineConfig, devices } from "@playwright/test";

// The server under test: scripts/e2e.sh picks a free port and the binary, then runs us.
const port = process.env.PEXDESK_E2E_PORT ?? "3900";
const baseURL = `http://127.0.0.1:${port}`;
const binary = process.env.PEXDESK_BIN ?? "target/release/pexdesk";

// Debian's Chromium; Playwright downloads no browser.
const launchOptions = {
  executablePath: process.env.PEXDESK_CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

const desktop = { viewport: { width: 1280, height: 800 } };
const phone = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  userAgent: devices["Pixel 7"].userAgent,
};

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [["list"], ["html", { outputFolder: "playwright-report", open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    launchOptions,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "desktop", use: { ...desktop } },
    { name: "phone", use: { ...phone } },
    { name: "desktop-nojs", use: { ...desktop, javaScriptEnabled: false } },
    { name: "phone-nojs", use: { ...phone, javaScriptEnabled: false } },
  ],
  webServer: {
    command: binary,
    cwd: "..",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      PEXDESK_LISTEN: `127.0.0.1:${port}`,
      PEXDESK_SITE_ROOT: process.env.PEXDESK_SITE_ROOT ?? "target/site",
      PEXDESK_DATABASE_URL: process.env.PEXDESK_DATABASE_URL ?? "sqlite://data/e2e.db",
      PEXDESK_LOGIN_MAX_FAILURES_PER_ADDR: process.env.PEXDESK_LOGIN_MAX_FAILURES_PER_ADDR ?? "100000",
      PEXDESK_EMBEDDED_CREDENTIALS_FILE:
        process.env.PEXDESK_EMBEDDED_CREDENTIALS_FILE ?? "data/e2e-sim.json",
      PEXDESK_EMBEDDED_ACTIVITY: process.env.PEXDESK_EMBEDDED_ACTIVITY ?? "off",
      RUST_LOG: process.env.RUST_LOG ?? "info",
    },
  },
});
