// Parse Mermaid diagrams with the real Mermaid parser (mermaid.parse) under jsdom.
// Input on stdin: a JSON list of diagram texts. Output on stdout: a JSON list,
// one entry per diagram: null when it parsed, else the parser's error message.
// One process checks many diagrams, so the tests start Node once.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>", { pretendToBeVisual: true });
for (const name of ["window", "document", "navigator", "DOMParser", "Element", "HTMLElement", "SVGElement", "Node"]) {
  if (!(name in globalThis)) {
    Object.defineProperty(globalThis, name, { value: dom.window[name], configurable: true, writable: true });
  }
}

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const diagrams = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const results = [];
for (const text of diagrams) {
  try {
    await mermaid.parse(text);
    results.push(null);
  } catch (error) {
    results.push(String(error && error.message ? error.message : error));
  }
}
process.stdout.write(JSON.stringify(results));
