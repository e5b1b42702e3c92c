/**
 * A self-signed certificate for https://localhost, made with node:crypto alone
 * (no package, no network, no change to the system's trust store), so the
 * installed tool and its single executable can serve the task pane over HTTPS.
 * The X.509 structure is written in DER by hand: it is small and fixed.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export interface DevCertificate {
  key: Buffer;
  cert: Buffer;
  certFile: string;
}

const KEY_FILE = "localhost.key";
const CERT_FILE = "localhost.crt";
const DAY_MS = 24 * 3600 * 1000;

/** The certificate in `dir`, made once and remade when missing, unreadable or about to expire. */
export function devCertificate(dir: string, now = new Date()): DevCertificate {
  const keyFile = path.join(dir, KEY_FILE);
  const certFile = path.join(dir, CERT_FILE);
  if (!isUsable(keyFile, certFile, now)) {
    const made = makeLocalhostCertificate(now);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(keyFile, made.key, { mode: 0o600 });
    fs.writeFileSync(certFile, made.cert);
  }
  return { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile), certFile };
}

function isUsable(keyFile: string, certFile: string, now: Date): boolean {
  try {
    const cert = new crypto.X509Certificate(fs.readFileSync(certFile));
    const key = crypto.createPrivateKey(fs.readFileSync(keyFile));
    return (
      cert.checkPrivateKey(key) && new Date(cert.validTo).getTime() > now.getTime() + DAY_MS && cert.checkHost("localhost") !== undefined
    );
  } catch {
    return false;
  }
}

/** A new RSA key and a certificate for localhost and 127.0.0.1, valid for a year: PEM text. */
export function makeLocalhostCertificate(now = new Date()): { key: string; cert: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const sha256WithRsa = seq(oid("1.2.840.113549.1.1.11"), tlv(0x05));
  const name = seq(set(seq(oid("2.5.4.3"), tlv(0x0c, Buffer.from("localhost")))));
  const serial = crypto.randomBytes(16);
  serial[0] &= 0x7f; // a positive INTEGER
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))), // version 3
    integer(serial),
    sha256WithRsa,
    name,
    seq(time(new Date(now.getTime() - DAY_MS)), time(new Date(now.getTime() + 365 * DAY_MS))),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    tlv(0xa3, seq(...extensions())),
  );
  const signature = crypto.sign("sha256", tbs, privateKey);
  const der = seq(tbs, sha256WithRsa, bitString(signature));
  return { key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), cert: pem("CERTIFICATE", der) };
}

/** A leaf for a web server: not a CA; signs and enciphers keys; server auth; localhost and 127.0.0.1. */
function extensions(): Buffer[] {
  const critical = tlv(0x01, Buffer.from([0xff]));
  return [
    seq(oid("2.5.29.19"), critical, octets(seq())),
    seq(oid("2.5.29.15"), critical, octets(tlv(0x03, Buffer.from([5, 0xa0])))), // digitalSignature, keyEncipherment
    seq(oid("2.5.29.37"), octets(seq(oid("1.3.6.1.5.5.7.3.1")))),
    seq(oid("2.5.29.17"), octets(seq(tlv(0x82, Buffer.from("localhost")), tlv(0x87, Buffer.from([127, 0, 0, 1]))))),
  ];
}

function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const seq = (...parts: Buffer[]) => tlv(0x30, ...parts);
const set = (...parts: Buffer[]) => tlv(0x31, ...parts);
const octets = (body: Buffer) => tlv(0x04, body);
const bitString = (body: Buffer) => tlv(0x03, Buffer.from([0]), body);
/** A DER INTEGER, minimal: leading zero bytes dropped (a random serial can start with 0x00), one put back for a set top bit. */
function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const minimal = bytes.subarray(start);
  return tlv(0x02, minimal[0] & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const digits = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) digits.unshift((v & 0x7f) | 0x80);
    out.push(...digits);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z"; // YYYYMMDDHHMMSSZ
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
