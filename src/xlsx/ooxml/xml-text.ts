/** XML text in and out: the one escaper and the one entity decoder of src/xlsx. */

const ENTITY_RE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** "&lt;a&gt; &#7855;" → "<a> ắ". An entity for no character (0, a surrogate, past U+10FFFF) stays as written. */
export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(ENTITY_RE, (m, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (named) return NAMED[named]!;
    const cp = dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16);
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return m;
    return String.fromCodePoint(cp);
  });
}

const TEXT_ESC_RE = /[&<>]/g;
const ATTR_ESC_RE = /[&<>"\t\n\r]/g;
const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" };

/** Element text: &, < and > escaped. */
export function escapeXmlText(s: string): string {
  return /[&<>]/.test(s) ? s.replace(TEXT_ESC_RE, (c) => ESC[c]!) : s;
}

/** Attribute value in double quotes: also " and the white space an attribute would normalise away. */
export function escapeXmlAttr(s: string): string {
  return /[&<>"\t\n\r]/.test(s) ? s.replace(ATTR_ESC_RE, (c) => ESC[c]!) : s;
}
