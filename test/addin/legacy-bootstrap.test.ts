/**
 * src/taskpane/legacy-bootstrap.js: the ES5 script that runs before the bundle
 * and explains, in Vietnamese, what to do in Internet Explorer 11 (Trident)
 * and old Edge (EdgeHTML) webviews, where Office 2016/2019 open add-ins.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
// acorn comes with webpack; its ecmaVersion 5 mode rejects every ES2015+ construct
import { parse } from "acorn";

const SOURCE = fs.readFileSync(path.resolve(__dirname, "../../src/taskpane/legacy-bootstrap.js"), "utf8");

const UA = {
  ie11: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko",
  edgeHtml:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041",
  webView2: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0",
  macWebKit: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
};

/** Just enough DOM for the script: elements with children, text and style. */
class FakeNode {
  children: FakeNode[] = [];
  attributes: Record<string, string> = {};
  style: Record<string, string> = {};
  constructor(
    readonly tag: string,
    readonly text = "",
  ) {}
  appendChild(child: FakeNode): FakeNode {
    this.children.push(child);
    return child;
  }
  setAttribute(name: string, value: string): void {
    this.attributes[name] = value;
  }
  get textContent(): string {
    return this.text + this.children.map((c) => c.textContent).join(" ");
  }
}

function runIn(userAgent: string, options: { readyState?: string; syntax?: boolean } = {}) {
  const root = new FakeNode("div");
  const body = new FakeNode("body");
  body.appendChild(root);
  const listeners: Record<string, () => void> = {};
  const document = {
    readyState: options.readyState ?? "interactive",
    body,
    getElementById: (id: string) => (id === "root" ? root : null),
    createElement: (tag: string) => new FakeNode(tag),
    createTextNode: (text: string) => new FakeNode("#text", text),
    addEventListener: (type: string, fn: () => void) => void (listeners[type] = fn),
  };
  const window: Record<string, unknown> = {
    document,
    navigator: { userAgent },
    location: { href: "https://cchc.example.gov.vn/taskpane.html?_host_Info=Excel$Win32$16.01$vi-VN" },
    // a webview without ES2020 syntax throws SyntaxError here
    Function:
      options.syntax === false
        ? () => {
            throw new SyntaxError("Unexpected token '.'");
          }
        : Function,
  };
  vm.runInNewContext(SOURCE, { window });
  listeners.DOMContentLoaded?.();
  const box = body.children.find((c) => c.attributes.id === "legacy-webview");
  return { window, root, box, text: box?.textContent ?? "" };
}

describe("legacy-bootstrap.js", () => {
  test("is ES5: acorn parses it with ecmaVersion 5 (and the check itself rejects ES2015)", () => {
    expect(() => parse(SOURCE, { ecmaVersion: 5 })).not.toThrow();
    expect(() => parse("var f = (a) => a ?? 1;", { ecmaVersion: 5 })).toThrow();
    expect(() => parse("let a = 1;", { ecmaVersion: 5 })).toThrow();
  });

  test.each([
    ["Internet Explorer 11 (Trident)", UA.ie11, "Internet Explorer 11"],
    ["Edge Legacy (EdgeHTML)", UA.edgeHtml, "Microsoft Edge cũ (EdgeHTML)"],
  ])("in %s: hides the pane and says, in Vietnamese, what works instead", (_, ua, named) => {
    const { window, root, box, text } = runIn(ua, { readyState: "loading" });
    expect(window.__legacyWebview).toBeDefined();
    expect((window.onerror as () => boolean)()).toBe(true); // the bundle's SyntaxError is not shown as a script error
    expect(root.style.display).toBe("none");
    expect(box?.attributes.role).toBe("alert");
    expect(text).toContain(`Excel này mở tiện ích bằng ${named}`);
    expect(text).toMatch(/Mở trang này bằng trình duyệt mới/);
    expect(text).toMatch(/Excel 2021, Excel 2024, Microsoft 365/);
    expect(text).toContain("https://cchc.example.gov.vn/taskpane.html"); // the address, without Office's query
    expect(text).not.toContain("_host_Info");
  });

  test("a webview that cannot parse ?. / ?? gets the same message", () => {
    const { text } = runIn(UA.macWebKit, { syntax: false });
    expect(text).toMatch(/Excel này mở tiện ích bằng một trình duyệt cũ/);
  });

  test("WebView2 (Chromium Edge) and current browsers: nothing shown, the pane stays", () => {
    for (const ua of [UA.webView2, UA.macWebKit]) {
      const { window, root, box } = runIn(ua);
      expect(box).toBeUndefined();
      expect(root.style.display).toBeUndefined();
      expect(window.__legacyWebview).toBeUndefined();
      expect(window.onerror).toBeUndefined();
    }
  });
});
