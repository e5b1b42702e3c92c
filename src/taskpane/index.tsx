/**
 * Task pane entry. The full UI (insert, validate, fill, consolidate) is built
 * on the workbook interface in a later step; for now it lists the catalog so
 * the build, the manifest and the page are proven end to end.
 */
import { createRoot } from "react-dom/client";
import { builtinTemplates } from "../catalog";

function App() {
  const templates = builtinTemplates();
  return (
    <main style={{ fontFamily: "Segoe UI, sans-serif", padding: 12 }}>
      <h1 style={{ fontSize: 18 }}>Biểu mẫu CCHC</h1>
      <p>Các mẫu biểu có sẵn:</p>
      <ul>
        {templates.map((t) => (
          <li key={t.id}>
            {t.name} ({t.forms.length} biểu)
          </li>
        ))}
      </ul>
    </main>
  );
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<App />);
