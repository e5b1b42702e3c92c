/**
 * Broken templates, one problem (or one family of problems) each, covering every check of
 * `catalog/check*.ts`: the characterisation test runs `bieumau catalog check` over them.
 * Each case is a valid template changed by one function, so a case names what it breaks.
 */

/** Malformed JSON on purpose. */
type Raw = any;

/** A small valid template: a table form using every row feature, a list form and a mapping. */
export function validTemplate(): Raw {
  return {
    $schema: "./template.schema.json",
    id: "tinh-thu",
    name: "Mẫu thử",
    level: "tinh",
    source: "thử nghiệm",
    forms: [
      {
        number: 1,
        title: "Công tác chỉ đạo điều hành",
        note: "biểu thử",
        valueColumns: ["Năm 2023", "Năm 2024"],
        yearChangeFactor: 3,
        rows: [
          { id: "b1.1", code: "1", label: "Kế hoạch", unit: "", kind: "heading", aggregate: "none" },
          {
            id: "b1.2",
            code: "2",
            label: "Tỷ lệ hoàn thành",
            unit: "%",
            kind: "ratio",
            ratio: { numerator: "2.2", denominator: "2.1" },
            aggregate: "pooled",
          },
          {
            id: "b1.2.1",
            code: "2.1",
            label: "Số nhiệm vụ đề ra",
            unit: "Nhiệm vụ",
            kind: "count",
            aggregate: "sum",
            checks: [{ rule: "le", parts: ["2.2"], severity: "warning", note: "làm ≤ đề ra" }],
          },
          { id: "b1.2.2", code: "2.2", label: "Số nhiệm vụ đã hoàn thành", unit: "Nhiệm vụ", kind: "count", aggregate: "sum" },
          { id: "b1.2.3", code: "", label: "Trong đó: đúng hạn", unit: "Nhiệm vụ", kind: "count", aggregate: "sum" },
          { id: "b1.3", code: "3", label: "Tổng", unit: "Nhiệm vụ", kind: "count", sum: ["2.1", "b1.2.3"], aggregate: "sum" },
          {
            id: "b1.4",
            code: "4",
            label: "Có khảo sát",
            unit: "Có = 1; Không = 0",
            kind: "coded",
            options: [
              { value: 1, label: "Có" },
              { value: 0, label: "Không" },
            ],
            aggregate: "answers",
          },
          { id: "b1.5", code: "5", stt: "5a", label: "Tin bài", unit: "Tin", kind: "count", subUnits: ["Tin", "Bài"], aggregate: "sum" },
          {
            id: "b1.6",
            code: "6",
            label: "Hồ sơ đúng hạn",
            unit: "Hồ sơ = %",
            kind: "percent",
            compound: { parts: ["Hồ sơ", "%"], severity: "info" },
            aggregate: "manual",
          },
          {
            id: "b1.7",
            code: "7",
            label: "Đơn vị dùng hộp thư",
            unit: "Đơn vị/đơn vị",
            kind: "count",
            compound: { parts: ["Đơn vị", "Đơn vị"], partOfWhole: true },
            aggregate: "sum",
          },
          { id: "b1.8", code: "8", label: "Kinh phí", unit: "Triệu đồng", kind: "money", aggregate: "sum" },
          { id: "b1.9", code: "9", label: "Ghi nhận", unit: "", kind: "text", aggregate: "manual" },
        ],
      },
      {
        number: 2,
        kind: "list",
        caption: "Phụ lục II",
        title: "Danh mục nhiệm vụ",
        columns: [
          { key: "ten", title: "Tên nhiệm vụ", type: "text" },
          { key: "han", title: "Thời hạn", type: "date" },
          { key: "tinh-trang", title: "Đúng hạn/quá hạn", type: "status" },
        ],
        sections: [
          { code: "I", title: "CHỈ ĐẠO" },
          { code: "II", title: "THỂ CHẾ" },
        ],
      },
    ],
    mappings: [{ into: "bnv581-tinh", rows: [{ from: "1/2.1", to: "1/2.1", note: "thử" }] }],
  };
}

export interface BrokenCase {
  /** File name (without .json) as `catalog check` prints it. */
  name: string;
  /** The template written to the file: a changed copy of validTemplate(), or any JSON value. */
  raw: Raw;
}

function broken(name: string, change: (t: Raw, table: Raw[], list: Raw) => void): BrokenCase {
  const t = validTemplate();
  change(t, t.forms[0].rows, t.forms[1]);
  return { name, raw: t };
}

const templateCases: BrokenCase[] = [
  { name: "khong-phai-doi-tuong", raw: [1, 2] },
  broken("truong-la-va-thieu-truong", (t) => {
    t.ten = "x";
    delete t.name;
    t.level = " ";
    t.id = "Tinh Thu";
  }),
  broken("thieu-id", (t) => delete t.id),
  broken("thieu-forms", (t) => delete t.forms),
  broken("forms-rong", (t) => (t.forms = [])),
];

const formCases: BrokenCase[] = [
  broken("bieu-khong-phai-doi-tuong", (t) => t.forms.push("biểu")),
  broken("so-bieu-sai-va-trung", (t) => {
    t.forms[1].number = 1;
    t.forms.push({ ...t.forms[1], number: 0 });
    t.forms.push({ ...t.forms[1], number: "3" });
  }),
  broken("bieu-thieu-ten-truong-la", (t) => {
    t.forms[0].title = "";
    t.forms[0].mau = 1;
    t.forms[0].caption = "";
    t.forms[0].note = 5;
  }),
  broken("loai-bieu-sai", (t) => (t.forms[0].kind = "bang")),
  broken("bieu-bang-co-cot-danh-sach", (t) => {
    t.forms[0].columns = [];
    t.forms[0].sections = [];
  }),
  broken("bieu-khong-co-dong", (t) => (t.forms[0].rows = [])),
  broken("bieu-thieu-rows", (t) => delete t.forms[0].rows),
  broken("cot-so-lieu-khong-phai-danh-sach", (t) => (t.forms[0].valueColumns = "Năm 2023")),
  broken("cot-so-lieu-rong", (t) => (t.forms[0].valueColumns = [])),
  broken("cot-so-lieu-sai-va-lap", (t) => (t.forms[0].valueColumns = ["Năm 2023", "", 7, "năm  2023 "])),
  broken("he-so-nam-sai", (t) => (t.forms[0].yearChangeFactor = 1)),
  broken("he-so-nam-khong-phai-so", (t) => (t.forms[0].yearChangeFactor = "3")),
  broken("he-so-nam-mot-cot", (t) => (t.forms[0].valueColumns = ["Năm 2024"])),
  broken("he-so-nam-khong-co-cot", (t) => delete t.forms[0].valueColumns),
];

const listCases: BrokenCase[] = [
  broken("danh-sach-co-dong-va-cot-so-lieu", (_t, table, list) => {
    list.rows = [table[0]];
    list.valueColumns = ["Năm 2024"];
    list.yearChangeFactor = 2;
  }),
  broken("danh-sach-rows-khong-phai-danh-sach", (_t, _table, list) => (list.rows = {})),
  broken("danh-sach-rows-rong-hop-le", (_t, _table, list) => (list.rows = [])),
  broken("danh-sach-thieu-cot", (_t, _table, list) => delete list.columns),
  broken("danh-sach-cot-rong", (_t, _table, list) => (list.columns = [])),
  broken("danh-sach-cot-sai", (_t, _table, list) => {
    list.columns.push("cột");
    list.columns.push({ key: "Ten Moi", title: "", type: "so", rong: 1 });
    list.columns.push({ key: "ten", title: "tên  NHIỆM VỤ", type: "text" });
    list.columns.push({ title: "Khác", type: "text" });
  }),
  broken("danh-sach-nhom-khong-phai-danh-sach", (_t, _table, list) => (list.sections = { code: "I" })),
  broken("danh-sach-nhom-sai", (_t, _table, list) => {
    list.sections.push({ code: "", title: "X" });
    list.sections.push({ code: "III", title: " " });
    list.sections.push("IV");
    list.sections.push({ code: "I", title: "LẶP", extra: true });
  }),
];

const rowCases: BrokenCase[] = [
  broken("dong-khong-phai-doi-tuong", (_t, table) => table.push(null)),
  broken("dong-trung-ma-va-id", (_t, table) => {
    table[3].code = "2.1";
    table[4].id = "b1.2.1";
  }),
  broken("dong-truong-la-thieu-truong", (_t, table) => {
    table[8].mau = 1;
    delete table[8].id;
    delete table[8].label;
    delete table[8].unit;
    delete table[8].code;
  }),
  broken("dong-id-rong-code-khong-phai-chuoi", (_t, table) => {
    table[8].id = "";
    table[8].code = 6;
  }),
  broken("dong-ma-co-dau-cham-khoang-trang", (_t, table) => {
    table[8].code = "6.";
    table[9].code = " 7";
  }),
  broken("dong-loai-sai", (_t, table) => (table[10].kind = "tien")),
  broken("dong-tong-hop-sai", (_t, table) => {
    table[10].aggregate = "cong";
    delete table[11].aggregate;
    table[1].aggregate = "sum";
    table[0].aggregate = "answers";
  }),
  broken("dong-ma-hoa-thieu-lua-chon", (_t, table) => (table[6].options = [{ value: 1, label: "Có" }])),
  broken("dong-ma-hoa-lua-chon-sai", (_t, table) => {
    table[6].options.push({ value: 1, label: "Chưa" }, { value: 1.5, label: "Nửa" }, { value: 2, label: "" }, "Có");
  }),
  broken("dong-ma-hoa-options-khong-phai-danh-sach", (_t, table) => (table[6].options = "Có; Không")),
  broken("dong-khong-ma-hoa-co-options", (_t, table) => (table[10].options = [])),
];

const ratioCases: BrokenCase[] = [
  broken("ty-le-thieu-ratio", (_t, table) => delete table[1].ratio),
  broken("ty-le-ratio-khong-phai-doi-tuong", (_t, table) => (table[1].ratio = ["2.2", "2.1"])),
  broken("ty-le-thieu-tu-so", (_t, table) => (table[1].ratio = { denominator: "2.1" })),
  broken("ty-le-mau-so-rong", (_t, table) => (table[1].ratio = { numerator: "2.2", denominator: "" })),
  broken("ty-le-tro-toi-dong-khong-co", (_t, table) => (table[1].ratio = { numerator: "2.9", denominator: "2.1" })),
  broken("ty-le-tro-toi-chinh-no", (_t, table) => (table[1].ratio = { numerator: "2", denominator: "2.1" })),
  broken("ty-le-tro-toi-sai-loai", (_t, table) => (table[1].ratio = { numerator: "4", denominator: "9" })),
  broken("ty-le-tu-mau-trung", (_t, table) => (table[1].ratio = { numerator: "2.1", denominator: "2.1" })),
  broken("ty-le-tro-toi-dong-khong-stt", (_t, table) => (table[1].ratio = { numerator: "b1.2.3", denominator: "2.1" })),
  broken("ratio-o-dong-khong-phai-ty-le", (_t, table) => (table[3].ratio = { numerator: "2.1", denominator: "3" })),
];

const sumCases: BrokenCase[] = [
  broken("tong-o-dong-sai-loai", (_t, table) => (table[1].sum = ["2.1"])),
  broken("tong-khong-phai-danh-sach", (_t, table) => (table[5].sum = "2.1")),
  broken("tong-rong", (_t, table) => (table[5].sum = [])),
  broken("tong-thanh-phan-sai-va-lap", (_t, table) => (table[5].sum = ["2.1", "2.1", "9", "", 3, "4", "3"])),
  broken("vong-tron-truc-tiep", (_t, table) => (table[2].sum = ["3"])),
  broken("vong-tron-hai-bieu", (t, table) => {
    table[2].sum = ["2.2"];
    table[3].sum = ["2.1"];
    t.forms.push({
      number: 5,
      title: "Biểu vòng",
      rows: [{ id: "b5.1", code: "1", label: "A", unit: "", kind: "count", sum: ["1"], aggregate: "sum" }],
    });
  }),
];

const sttCases: BrokenCase[] = [
  broken("stt-khong-phai-chuoi", (_t, table) => (table[7].stt = 5)),
  broken("stt-rong", (_t, table) => (table[7].stt = " ")),
  broken("stt-dau-cham", (_t, table) => (table[7].stt = "5a.")),
  broken("stt-khoang-trang", (_t, table) => (table[7].stt = "5a ")),
  broken("stt-trung-code", (_t, table) => (table[7].stt = "5")),
];

const compoundCases: BrokenCase[] = [
  broken("compound-khong-phai-doi-tuong", (_t, table) => (table[8].compound = ["Hồ sơ", "%"])),
  broken("compound-mot-phan", (_t, table) => (table[8].compound = { parts: ["%"] })),
  broken("compound-phan-rong", (_t, table) => (table[8].compound = { parts: ["Hồ sơ", " "] })),
  broken("compound-truong-la", (_t, table) => (table[8].compound.mau = 1)),
  broken("compound-sai-loai-dong", (_t, table) => (table[10].compound = { parts: ["Triệu", "%"] })),
  broken("compound-ty-le-khong-co-phan-phan-tram", (_t, table) => (table[8].compound = { parts: ["Hồ sơ", "Hồ sơ"] })),
  broken("compound-hai-phan-tram", (_t, table) => (table[8].compound = { parts: ["%", "Hồ sơ", "%"] })),
  broken("compound-phan-tram-khong-cuoi", (_t, table) => (table[9].compound = { parts: ["%", "Đơn vị"] })),
  broken("compound-so-luong-toan-phan-tram", (_t, table) => (table[9].compound = { parts: ["%", "%"] })),
  broken("compound-part-of-whole-khong-phai-boolean", (_t, table) => (table[9].compound.partOfWhole = "có")),
  broken("compound-part-of-whole-co-phan-tram", (_t, table) => (table[9].compound = { parts: ["Cuộc", "%"], partOfWhole: true })),
  broken("compound-muc-do-sai", (_t, table) => (table[8].compound.severity = "nặng")),
];

const subUnitCases: BrokenCase[] = [
  broken("don-vi-con-sai-loai-dong", (_t, table) => (table[10].subUnits = ["Tin"])),
  broken("don-vi-con-rong", (_t, table) => (table[7].subUnits = [])),
  broken("don-vi-con-khong-phai-danh-sach", (_t, table) => (table[7].subUnits = "Tin, Bài")),
  broken("don-vi-con-sai-va-lap", (_t, table) => (table[7].subUnits = ["Tin", "", 3, " tin "])),
];

const checkCases: BrokenCase[] = [
  broken("kiem-tra-khong-phai-danh-sach", (_t, table) => (table[2].checks = { rule: "le" })),
  broken("kiem-tra-quy-tac-sai", (_t, table) => (table[2].checks = [{ rule: "lt", parts: ["2.2"] }, "le"])),
  broken("kiem-tra-sai-loai-dong", (_t, table) => (table[8].checks = [{ rule: "eq", parts: ["2.2"] }])),
  broken("kiem-tra-thieu-thanh-phan", (_t, table) => (table[2].checks = [{ rule: "eq" }, { rule: "le", parts: [] }])),
  broken("kiem-tra-thanh-phan-sai", (_t, table) => (table[2].checks = [{ rule: "eq", parts: ["2.1", "9", "6", "b1.2.3"] }])),
  broken("kiem-tra-muc-do-sai", (_t, table) => (table[2].checks[0].severity = "cao")),
];

const mappingCases: BrokenCase[] = [
  broken("anh-xa-khong-phai-danh-sach", (t) => (t.mappings = { into: "bnv581-tinh" })),
  broken("anh-xa-thieu-into", (t) => (t.mappings = [{ rows: [] }, "x"])),
  broken("anh-xa-dong-sai", (t) => {
    t.mappings[0].rows.push({ from: "1/2.1" }, "1/2.1=1/2.2", { from: "1/9.9", to: "1/1" }, { from: "1/1", to: "1/1" });
    t.mappings[0].rows.push({ from: "1/9", to: "1/1" }, { from: "3/2.1", to: "1/1" }, { from: "x", to: "1/1" });
  }),
  broken("anh-xa-khong-kiem-khi-co-loi-khac", (t) => {
    t.name = "";
    t.mappings[0].rows.push({ from: "1/9.9", to: "1/1" });
  }),
  broken("anh-xa-mau-dich-khong-biet", (t) => (t.mappings[0].into = "tinh-khac")),
  broken("anh-xa-dich-sai", (t) => {
    t.mappings[0].rows.push({ from: "1/2.2", to: "3/3.3" }, { from: "1/8", to: "3/9.9" }, { from: "1/3", to: "1/1" });
  }),
];

/** Checks the schema always made and the checker makes since it reads its field lists from the schema. */
const schemaCases: BrokenCase[] = [
  broken("ghi-chu-khong-phai-chuoi", (t, table) => {
    t.$schema = 1;
    t.source = ["Phụ lục"];
    t.note = 5;
    table[0].note = true;
    table[2].checks[0].note = 3;
  }),
  broken("truong-la-trong-ratio-options-checks", (_t, table) => {
    table[1].ratio.mau = 1;
    table[6].options[0].mau = 1;
    table[2].checks[0].mau = 1;
  }),
  broken("anh-xa-ghi-chu-va-truong-la", (t) => {
    t.mappings[0].note = 1;
    t.mappings[0].mau = 1;
    t.mappings[0].rows[0].note = 2;
    t.mappings[0].rows[0].mau = 1;
  }),
  // Names the reader cannot tell apart: it folds headers (diacritics, case, punctuation) before matching them.
  broken("ten-cot-chi-khac-dau-cau", (_t, _table, list) => {
    list.columns.push({ key: "tinh-trang-2", title: "Đúng hạn, quá hạn", type: "text" });
  }),
  broken("cot-so-lieu-chi-khac-dau-cau", (t) => (t.forms[0].valueColumns = ["Năm 2023", "Năm 2023."])),
];

export const BROKEN_TEMPLATES: BrokenCase[] = [
  { name: "hop-le", raw: validTemplate() },
  ...templateCases,
  ...formCases,
  ...listCases,
  ...rowCases,
  ...ratioCases,
  ...sumCases,
  ...sttCases,
  ...compoundCases,
  ...subUnitCases,
  ...checkCases,
  ...mappingCases,
  ...schemaCases,
];
