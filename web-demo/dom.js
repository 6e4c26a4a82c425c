// A tiny element builder. Everything the page shows is built with DOM calls and text
// nodes, never innerHTML: rule messages can come from an organisation's guideline file,
// and the Content-Security-Policy forbids inline styles anyway.

/**
 * el("button", {className: "x", dataset: {key: 1}, ariaLabel: "…", onclick}, "text", child)
 * `aria*` props become `aria-*` attributes; `on*` props become listeners; `dataset` fills
 * data attributes; anything else is set as a property. `null`/`false` children are skipped.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("aria")) node.setAttribute(`aria-${key.slice(4).toLowerCase()}`, String(value));
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "className") node.className = value;
    else node[key] = value;
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Renders a rule's documentation (the small Markdown subset `explain` uses) as DOM. */
export function renderMarkdown(markdown) {
  const out = document.createDocumentFragment();
  let list = null;
  let para = [];
  const flush = () => {
    if (para.length) out.append(el("p", {}, inline(para.join(" "))));
    para = [];
  };
  for (const raw of markdown.split("\n")) {
    const line = raw.trimEnd();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const item = /^[-*]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      list = null;
      // The first-level heading is the rule id, which the dialog shows as its title.
      if (heading[1].length > 1) out.append(el("h3", {}, inline(heading[2])));
    } else if (item) {
      flush();
      if (!list) out.append((list = el("ul")));
      list.append(el("li", {}, inline(item[1])));
    } else if (line === "") {
      flush();
      list = null;
    } else {
      list = null;
      para.push(line);
    }
  }
  flush();
  return out;
}

/** `code` spans and **bold**, everything else as text. */
function inline(text) {
  const parts = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    parts.push(text.slice(last, m.index));
    parts.push(m[1] !== undefined ? el("code", {}, m[1]) : el("strong", {}, m[2]));
    last = re.lastIndex;
  }
  parts.push(text.slice(last));
  return parts;
}
