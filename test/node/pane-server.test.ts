/** The pane server and its certificate, in process: what a browser on localhost gets, and nothing else. */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { devCertificate } from "../../src/node/dev-certificate";
import { folderFiles, startPaneServer } from "../../src/node/pane-server";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-pane-server-"));
const dist = path.join(work, "dist");
const certs = path.join(work, "certs");
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  fs.mkdirSync(path.join(dist, "assets"), { recursive: true });
  fs.writeFileSync(path.join(dist, "taskpane.html"), "<title>Biểu mẫu CCHC</title>");
  fs.writeFileSync(path.join(work, "secret.txt"), "không được lộ");
});

function get(port: number, pathname: string, ca: Buffer): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    // A raw path, so that "/../" reaches the server as typed.
    https
      .get({ host: "localhost", port, path: pathname, ca }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }));
      })
      .on("error", reject);
  });
}

test("the certificate is for localhost and 127.0.0.1, kept once made, and remade when it would expire", () => {
  const dir = path.join(work, "certs-expiring");
  const first = devCertificate(dir);
  const cert = new crypto.X509Certificate(first.cert);
  expect(cert.checkHost("localhost")).toBe("localhost");
  expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1");
  expect(cert.verify(cert.publicKey)).toBe(true);
  expect(cert.checkPrivateKey(crypto.createPrivateKey(first.key))).toBe(true);
  expect(devCertificate(dir).cert.equals(first.cert)).toBe(true);
  const nextYear = new Date(Date.now() + 400 * 24 * 3600 * 1000);
  expect(devCertificate(dir, nextYear).cert.equals(first.cert)).toBe(false);
});

test("HTTPS serves the page a browser trusting the certificate accepts, and nothing outside dist/", async () => {
  const server = await startPaneServer({ files: folderFiles(dist), port: 0, certDir: certs });
  try {
    const { port } = server.address() as AddressInfo;
    const ca = fs.readFileSync(path.join(certs, "localhost.crt"));
    const page = await get(port, "/", ca);
    expect(page).toMatchObject({ status: 200, type: "text/html; charset=utf-8", body: "<title>Biểu mẫu CCHC</title>" });
    for (const escape of ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/samples/../secret.txt"]) {
      const r = await get(port, escape, ca);
      expect([escape, r.status, r.body.includes("không được lộ")]).toEqual([escape, 404, false]);
    }
    expect(JSON.parse((await get(port, "/samples/don-vi/index.json", ca)).body)).toEqual([]);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
