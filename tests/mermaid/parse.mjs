// Parse Mermaid diagrams with the real Mermaid parser, run under jsdom.
// Input on stdin: a JSON list of diagrams, each {"text": ..., "config": {...}, "labels": true}
// (config: site settings such as maxEdges, for that diagram only; labels: also
// report what the flowchart parser read). Output on stdout: a JSON list with,
// for each diagram, {"error": message} when mermaid.parse rejects it, else
// {"error": null} plus, with labels, "nodes": {id: label} and "subgraphs": [title, ...].
// One Node process checks every diagram, so the tests start Node once.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>", { pretendToBeVisual: true });
for (const name of ["window", "document", "navigator", "DOMParser", "Element", "HTMLElement", "SVGElement", "Node"]) {
  if (!(name in globalThis)) {
    Object.defineProperty(globalThis, name, { value: dom.window[name], configurable: true, writable: true });
  }
}

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

async function check(text, labels) {
  try {
    await mermaid.parse(text);
  } catch (error) {
    return { error: String(error && error.message ? error.message : error) };
  }
  if (!labels) return { error: null };
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const nodes = {};
  for (const [id, vertex] of diagram.db.getVertices()) nodes[id] = vertex.text;
  return { error: null, nodes, subgraphs: diagram.db.getSubGraphs().map((s) => s.title) };
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const results = [];
for (const item of JSON.parse(Buffer.concat(chunks).toString("utf8"))) {
  if (item.config) mermaid.initialize({ startOnLoad: false, ...item.config });
  results.push(await check(item.text, Boolean(item.labels)));
  if (item.config) mermaid.initialize({ startOnLoad: false });
}
process.stdout.write(JSON.stringify(results));
