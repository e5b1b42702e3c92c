/*
 * Biểu mẫu CCHC: runs before the main bundle, inlined into taskpane.html.
 *
 * ES5 only (checked by test/addin/legacy-bootstrap.test.ts): Office 2016/2019
 * bought once (volume-licensed always; retail without WebView2) and Microsoft 365
 * builds below 16.0.13530 open add-ins in Internet Explorer 11 (Trident) or
 * Edge Legacy (EdgeHTML) — "Browsers and webview controls used by Office
 * Add-ins". The bundle (ES2022, React 19, Fluent UI 9) cannot even be parsed
 * there, so the pane would show "Đang tải…" forever. This script recognises
 * them (by user agent, and any other webview by probing `?.` / `??`) and
 * shows, in Vietnamese, what works instead.
 */
(function (win) {
  var doc = win.document;
  var ua = (win.navigator && win.navigator.userAgent) || "";
  var kind = null;
  if (/Trident\/|MSIE /.test(ua)) kind = "trident";
  else if (/ Edge\/\d+/.test(ua)) kind = "edgehtml"; // Chromium Edge says "Edg/", not "Edge/"
  else {
    try {
      win.Function("var a = {}; return a?.b ?? 1;");
    } catch (e) {
      kind = "old";
    }
  }
  if (!kind) return;
  win.__legacyWebview = kind;
  // The bundle that follows cannot be parsed here: keep its errors out of the officer's way.
  win.onerror = function () {
    return true;
  };

  var WEBVIEW = {
    trident: "Internet Explorer 11",
    edgehtml: "Microsoft Edge cũ (EdgeHTML)",
    old: "một trình duyệt cũ"
  };

  function el(tag, text, css) {
    var node = doc.createElement(tag);
    if (text) node.appendChild(doc.createTextNode(text));
    if (css) node.style.cssText = css;
    return node;
  }

  function pageAddress() {
    var href = String(win.location && win.location.href || "");
    var cut = href.search(/[?#]/);
    return cut >= 0 ? href.slice(0, cut) : href;
  }

  function show() {
    var root = doc.getElementById("root");
    if (root) root.style.display = "none";
    var box = el("div", "", "padding:10px 12px;font-size:14px;line-height:1.45;color:#242424");
    box.setAttribute("id", "legacy-webview");
    box.setAttribute("role", "alert");
    box.appendChild(el("h1", "Biểu mẫu CCHC chưa chạy được trong Excel này", "font-size:18px;font-weight:600;margin:0 0 8px"));
    box.appendChild(el("p", "Excel này mở tiện ích bằng " + WEBVIEW[kind] + ", không chạy được trang này. Cách làm thay thế:", "margin:0 0 8px"));
    var list = el("ol", "", "margin:0 0 8px;padding-left:20px");
    list.appendChild(el("li", "Mở trang này bằng trình duyệt mới (Microsoft Edge, Chrome, Cốc Cốc, Firefox) tại địa chỉ dưới đây, rồi chọn các tệp báo cáo trên máy: chèn biểu mẫu, kiểm tra, tính tỷ lệ và tổng hợp đều làm được, tệp không gửi đi đâu.", "margin-bottom:4px"));
    list.appendChild(el("li", "Hoặc dùng Excel 2021, Excel 2024, Microsoft 365 hay Excel trên web.", "margin-bottom:4px"));
    list.appendChild(el("li", "Với Office 2016/2019 bản bán lẻ: nhờ bộ phận CNTT cài Microsoft Edge WebView2 Runtime rồi mở lại Excel.", ""));
    box.appendChild(list);
    box.appendChild(el("p", pageAddress(), "margin:0;padding:6px 8px;background:#f5f5f5;font-family:Consolas,monospace;font-size:13px;word-wrap:break-word"));
    doc.body.appendChild(box);
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", show);
  else show();
})(window);
