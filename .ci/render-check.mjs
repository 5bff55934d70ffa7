// render-check.mjs: renders SVG figures in headless Chromium and measures, through the DOM and the
// pixels, what a reader sees. Run by .ci/render-check, which installs Chromium when it is missing.
//
// Usage: node render-check.mjs CHROMIUM OUT_DIR FILE.svg...
//
// For each figure it writes OUT_DIR/NAME.png (the figure as a reader first sees it: the finished
// picture of an animation), OUT_DIR/NAME-frames/ (an animation's sampled frames), and, for all
// figures, OUT_DIR/report.txt and OUT_DIR/index.html. It prints one line per finding, then one line
// per figure ("ok" or "FAIL … N findings"), and exits 1 when any figure has a finding.
//
// Checks (each finding names its check):
//   render    the file is an SVG document that renders to a picture of at least MIN_COLOURS colours
//   text      every visible text lies inside the canvas and overlaps no other visible text
//   legend    a legend box covers no point of a plotted line or marker
//   swatch    a legend swatch has the shape of its series' marks: a line for a line, a circle for
//             a series drawn only as markers
//   marker    a marker lies on the data it marks: its centre within MARKER_TOLERANCE pixels of the
//             path of the series named by data-marks (or data-series, when that series is a line)
//   series    every series shows: hiding it changes at least a tenth of the pixels it draws alone
//             (a series drawn exactly under another one, in the same style, changes none)
//   animation the frames differ over the whole drawing time (sampled ANIMATION_SAMPLES times, the
//             plot areas compared), and a step counter counts up to the svg's data-last-step
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";

const MIN_COLOURS = Number(process.env.MIN_COLOURS ?? 8);
const MARKER_TOLERANCE = 3; // pixels
const ANIMATION_SAMPLES = 20; // intervals over the drawing time
const MOVING_PIXELS = 25; // pixels that must change in the plot areas between two samples
const PIXEL_THRESHOLD = 48; // a channel difference that counts as a changed pixel
const VISIBLE_SHARE = 0.1; // share of a series' own pixels that must change when it is hidden
// A series' pixels count where a channel changes by more than this: a line exactly under another
// one only tints the other's anti-aliased edges (by at most a quarter of the colour difference).
const SERIES_PIXEL_THRESHOLD = 96;

const [chromium, outDir, ...files] = process.argv.slice(2);
if (!chromium || !outDir || files.length === 0) {
  console.error("usage: node render-check.mjs CHROMIUM OUT_DIR FILE.svg...");
  process.exit(2);
}

// ---- The DevTools protocol over --remote-debugging-pipe (fd 3 to the browser, fd 4 from it). ----

class Browser {
  constructor(executable) {
    this.profile = fs.mkdtempSync(path.join(os.tmpdir(), "render-check-"));
    this.process = spawn(
      executable,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--no-default-browser-check",
        "--remote-debugging-pipe",
        `--user-data-dir=${this.profile}`,
        "about:blank",
      ],
      { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
    );
    this.stderr = "";
    this.process.stderr.on("data", (chunk) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    let buffer = Buffer.alloc(0);
    this.process.stdio[4].on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      let end;
      while ((end = buffer.indexOf(0)) >= 0) {
        const message = JSON.parse(buffer.subarray(0, end).toString("utf8"));
        buffer = buffer.subarray(end + 1);
        if (message.id !== undefined && this.pending.has(message.id)) {
          const { resolve, reject, method } = this.pending.get(message.id);
          this.pending.delete(message.id);
          if (message.error) reject(new Error(`${method}: ${message.error.message}`));
          else resolve(message.result);
        } else if (message.method) {
          for (const listener of this.listeners) listener(message);
        }
      }
    });
    this.exited = new Promise((resolve) => this.process.on("exit", resolve));
    this.exited.then(() => {
      for (const { reject, method } of this.pending.values()) {
        reject(new Error(`${method}: Chromium exited\n${this.stderr}`));
      }
      this.pending.clear();
    });
  }

  send(method, params = {}, sessionId = undefined, timeout = 60000) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeout / 1000} s`));
      }, timeout);
      this.pending.set(id, {
        method,
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.process.stdio[3].write(JSON.stringify(message) + "\0");
    });
  }

  waitFor(predicate, timeout = 30000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("timed out waiting for the page")), timeout);
      const listener = (message) => {
        if (predicate(message)) {
          clearTimeout(timer);
          this.listeners = this.listeners.filter((l) => l !== listener);
          resolve(message);
        }
      };
      this.listeners.push(listener);
    });
  }

  async close() {
    try {
      await this.send("Browser.close", {}, undefined, 5000);
    } catch {
      this.process.kill();
    }
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 5000))]);
    fs.rmSync(this.profile, { recursive: true, force: true });
  }
}

/** A tab showing one file, with helpers to evaluate code and take screenshots. */
class Tab {
  static async open(browser, url, width, height) {
    const { targetId } = await browser.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await browser.send("Target.attachToTarget", { targetId, flatten: true });
    const tab = new Tab(browser, targetId, sessionId);
    await tab.send("Page.enable");
    await tab.send("Runtime.enable");
    await tab.send("Emulation.setDeviceMetricsOverride", {
      width,
      height,
      deviceScaleFactor: 1,
      mobile: false,
    });
    const loaded = browser.waitFor(
      (m) => m.sessionId === sessionId && m.method === "Page.loadEventFired",
    );
    await tab.send("Page.navigate", { url });
    await loaded;
    await tab.evaluate("document.fonts ? document.fonts.ready.then(() => true) : true");
    return tab;
  }

  constructor(browser, targetId, sessionId) {
    Object.assign(this, { browser, targetId, sessionId });
  }

  send(method, params = {}) {
    return this.browser.send(method, params, this.sessionId);
  }

  async evaluate(expression) {
    const { result, exceptionDetails } = await this.send("Runtime.evaluate", {
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) {
      const text = exceptionDetails.exception?.description ?? exceptionDetails.text;
      throw new Error(`in the page: ${text}`);
    }
    return result.value;
  }

  /** Calls one of the page helpers (installed by PAGE_HELPERS) with JSON arguments. */
  call(name, ...args) {
    return this.evaluate(`window.__check.${name}(...${JSON.stringify(args)})`);
  }

  async screenshot(width, height) {
    // Two animation frames let a changed current time or visibility reach the compositor.
    await this.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
    const { data } = await this.send("Page.captureScreenshot", {
      format: "png",
      clip: { x: 0, y: 0, width, height, scale: 1 },
    });
    return Buffer.from(data, "base64");
  }

  close() {
    return this.browser.send("Target.closeTarget", { targetId: this.targetId });
  }
}

// ---- PNG decoding (8-bit greyscale, RGB, RGBA; not interlaced), enough for Chromium's screenshots. ----

function decodePNG(buffer) {
  if (buffer.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a") throw new Error("not a PNG");
  let position = 8;
  let header;
  const data = [];
  while (position + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(position);
    const kind = buffer.toString("ascii", position + 4, position + 8);
    const body = buffer.subarray(position + 8, position + 8 + length);
    position += 12 + length;
    if (kind === "IHDR") {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8],
        colourType: body[9],
        interlace: body[12],
      };
    } else if (kind === "IDAT") data.push(body);
    else if (kind === "IEND") break;
  }
  if (!header) throw new Error("PNG without IHDR");
  const { width, height, depth, colourType, interlace } = header;
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colourType];
  if (depth !== 8 || !channels || interlace) {
    throw new Error(`unsupported PNG (depth ${depth}, colour type ${colourType})`);
  }
  const raw = zlib.inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(width * height * 4);
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? line[i - channels] : 0;
      const up = previous[i];
      const upLeft = i >= channels ? previous[i - channels] : 0;
      let add = 0;
      if (filter === 1) add = left;
      else if (filter === 2) add = up;
      else if (filter === 3) add = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - upLeft);
        add = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      line[i] = (line[i] + add) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const source = x * channels, target = (y * width + x) * 4;
      if (channels >= 3) {
        pixels[target] = line[source];
        pixels[target + 1] = line[source + 1];
        pixels[target + 2] = line[source + 2];
      } else {
        pixels[target] = pixels[target + 1] = pixels[target + 2] = line[source];
      }
      pixels[target + 3] = 255;
    }
    previous = line;
  }
  return { width, height, pixels };
}

function countColours(image) {
  const seen = new Set();
  for (let i = 0; i < image.pixels.length; i += 4) {
    seen.add((image.pixels[i] << 16) | (image.pixels[i + 1] << 8) | image.pixels[i + 2]);
  }
  return seen.size;
}

/** Pixels that differ by more than PIXEL_THRESHOLD in some channel, within `areas` (all if none). */
function changedPixels(a, b, areas = null, threshold = PIXEL_THRESHOLD) {
  const regions = areas ?? [{ x: 0, y: 0, width: a.width, height: a.height }];
  let count = 0;
  for (const region of regions) {
    const x0 = Math.max(0, Math.floor(region.x)), y0 = Math.max(0, Math.floor(region.y));
    const x1 = Math.min(a.width, Math.ceil(region.x + region.width));
    const y1 = Math.min(a.height, Math.ceil(region.y + region.height));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = (y * a.width + x) * 4;
        if (
          Math.abs(a.pixels[i] - b.pixels[i]) > threshold ||
          Math.abs(a.pixels[i + 1] - b.pixels[i + 1]) > threshold ||
          Math.abs(a.pixels[i + 2] - b.pixels[i + 2]) > threshold
        ) {
          count++;
        }
      }
    }
  }
  return count;
}

// ---- Code run in the page: measures the figure through the DOM. ----

const PAGE_HELPERS = String.raw`
window.__check = (() => {
  const svg = document.documentElement;
  const canvas = () => svg.getBoundingClientRect();
  const rect = (r) => ({ x: r.x, y: r.y, width: r.width, height: r.height });
  const shown = (element) => {
    for (let e = element; e && e.nodeType === 1; e = e.parentNode) {
      const style = getComputedStyle(e);
      if (style.display === "none" || Number(style.opacity) === 0) return false;
    }
    return getComputedStyle(element).visibility !== "hidden";
  };
  const panelOf = (element) => element.closest("g.panel");
  const panels = () => [...svg.querySelectorAll("g.panel")];
  const seriesPaths = (panel) => [...panel.querySelectorAll("path.series")];
  // Markers of a series: by data-series, else (older files) the circles after its path.
  const markersOf = (panel, name) => {
    const circles = [...panel.querySelectorAll("g.data circle")];
    if (circles.some((c) => c.hasAttribute("data-series"))) {
      return circles.filter((c) => c.getAttribute("data-series") === name);
    }
    const result = [];
    let current = null;
    for (const element of panel.querySelectorAll("g.data > *")) {
      if (element.matches("path.series")) current = element.getAttribute("data-name");
      else if (element.matches("circle") && current === name) result.push(element);
    }
    return result;
  };
  // Points along a path every 'spacing' pixels, in page coordinates.
  const hasLine = (path) => !!path && !!(path.getAttribute("d") || "").trim() && path.getTotalLength() > 0;
  const samples = (path, spacing = 1) => {
    if (!hasLine(path)) return [];
    const length = path.getTotalLength();
    const matrix = path.getScreenCTM();
    const points = [];
    for (let s = 0; s <= length; s += spacing) {
      const p = path.getPointAtLength(s);
      points.push({ x: matrix.a * p.x + matrix.c * p.y + matrix.e, y: matrix.b * p.x + matrix.d * p.y + matrix.f });
    }
    return points;
  };
  const circleCentre = (circle) => {
    const r = circle.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  };
  const inside = (p, box, grow = 0) =>
    p.x >= box.x - grow && p.x <= box.x + box.width + grow && p.y >= box.y - grow && p.y <= box.y + box.height + grow;
  const overlap = (a, b) => ({
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  });
  const describe = (text) => {
    const kind = text.getAttribute("class") || "text";
    const content = text.textContent.trim();
    return kind.split(" ")[0] + ' "' + (content.length > 48 ? content.slice(0, 45) + "…" : content) + '"';
  };

  return {
    isSVG() {
      return svg && svg.localName === "svg" && !document.querySelector("parsererror");
    },
    size() {
      const r = canvas();
      return { width: Math.ceil(r.width), height: Math.ceil(r.height) };
    },

    // Animation: the SMIL clock, the drawing time and the step counter.
    animationInfo() {
      const animations = [...svg.querySelectorAll("animate, animateTransform, animateMotion, set")];
      if (animations.length === 0) return null;
      const seconds = (value) => (value && value.endsWith("ms") ? parseFloat(value) / 1000 : parseFloat(value));
      let duration = 0, drawEnd = 0;
      for (const animate of animations) {
        const dur = seconds(animate.getAttribute("dur"));
        if (!(dur > 0)) continue;
        duration = Math.max(duration, dur);
        if (animate.getAttribute("attributeName") !== "stroke-dashoffset") continue;
        const values = (animate.getAttribute("values") || "").split(";");
        const times = (animate.getAttribute("keyTimes") || "").split(";").map(Number);
        let k = values.length - 1;
        while (k > 0 && values[k - 1] === values[values.length - 1]) k--;
        drawEnd = Math.max(drawEnd, (times[k] ?? 1) * dur);
      }
      const counter = svg.querySelector(".step-counter");
      return {
        duration,
        drawEnd: drawEnd > 0 ? drawEnd : duration,
        hasCounter: !!counter,
        lastStep: counter && counter.hasAttribute("data-last-step") ? Number(counter.getAttribute("data-last-step")) : null,
      };
    },
    setTime(seconds) {
      svg.pauseAnimations();
      svg.setCurrentTime(seconds);
      return true;
    },
    counterText() {
      const texts = [...svg.querySelectorAll(".step-counter text")].filter(shown);
      return texts.map((t) => t.textContent.trim());
    },
    plotAreas() {
      const areas = [];
      // Elements inside a clipPath are not rendered and have no client rect: map their box instead.
      for (const clip of svg.querySelectorAll("clipPath rect")) {
        const b = clip.getBBox();
        const m = svg.getScreenCTM();
        areas.push({ x: m.a * b.x + m.e, y: m.d * b.y + m.f, width: m.a * b.width, height: m.d * b.height });
      }
      return areas;
    },

    // Texts inside the canvas and apart from each other.
    texts() {
      const findings = [];
      const box = canvas();
      const texts = [...svg.querySelectorAll("text")].filter((t) => shown(t) && t.textContent.trim() !== "");
      const boxes = texts.map((t) => rect(t.getBoundingClientRect()));
      texts.forEach((text, i) => {
        const b = boxes[i];
        const out = [];
        if (b.x < box.x - 0.5) out.push((box.x - b.x).toFixed(0) + " px left");
        if (b.x + b.width > box.x + box.width + 0.5) out.push((b.x + b.width - box.x - box.width).toFixed(0) + " px right");
        if (b.y < box.y - 0.5) out.push((box.y - b.y).toFixed(0) + " px above");
        if (b.y + b.height > box.y + box.height + 0.5) out.push((b.y + b.height - box.y - box.height).toFixed(0) + " px below");
        if (out.length) findings.push(describe(text) + " runs off the canvas (" + out.join(", ") + ")");
      });
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          const o = overlap(boxes[i], boxes[j]);
          if (o.width > 1 && o.height > 1) {
            findings.push(describe(texts[i]) + " overlaps " + describe(texts[j]) + " (" + o.width.toFixed(0) + "×" + o.height.toFixed(0) + " px)");
          }
        }
      }
      return findings;
    },

    // Legends: covering no data, swatches shaped like their series.
    legends() {
      const findings = [];
      for (const legend of svg.querySelectorAll("g.legend")) {
        const panel = panelOf(legend);
        const frame = legend.querySelector("rect");
        if (!panel || !frame) continue;
        const box = rect(frame.getBoundingClientRect());
        const covered = [];
        for (const path of seriesPaths(panel)) {
          const name = path.getAttribute("data-name");
          const grow = parseFloat(getComputedStyle(path).strokeWidth) / 2 || 0;
          let count = samples(path).filter((p) => inside(p, box, grow)).length;
          for (const marker of markersOf(panel, name)) {
            const m = rect(marker.getBoundingClientRect());
            const o = overlap(m, box);
            if (o.width > 0 && o.height > 0) count++;
          }
          if (count > 0) covered.push(name + " (" + count + ")");
        }
        if (covered.length) {
          findings.push("the legend of panel " + panel.id + " covers data of " + covered.join(", ") + " (points along the line, and markers)");
        }
        // Swatches: each label's preceding line or circle.
        for (const label of legend.querySelectorAll("text")) {
          const name = label.textContent;
          const entry = label.parentNode.matches("g.legend-entry") ? label.parentNode : null;
          const swatches = entry
            ? [...entry.querySelectorAll("line, circle, rect, path")]
            : (() => {
                const result = [];
                for (let e = label.previousElementSibling; e && e.localName !== "text" && e !== frame; e = e.previousElementSibling) result.unshift(e);
                return result;
              })();
          const path = seriesPaths(panel).find((p) => p.getAttribute("data-name") === name);
          const drawsLine = hasLine(path);
          const markers = markersOf(panel, name);
          const swatchLine = swatches.some((s) => s.localName === "line" || s.localName === "path");
          const hasCircle = swatches.some((s) => s.localName === "circle");
          if (drawsLine && !swatchLine) {
            findings.push('the swatch of "' + name + '" is a ' + (hasCircle ? "circle" : "blank") + ", but the series is drawn as a line");
          } else if (!drawsLine && markers.length > 0 && (swatchLine || !hasCircle)) {
            findings.push('the swatch of "' + name + '" is a line, but the series is drawn only as circles (markers)');
          } else if (drawsLine && swatchLine) {
            const line = swatches.find((s) => s.localName === "line" || s.localName === "path");
            const dashed = (e) => { const d = getComputedStyle(e).strokeDasharray; return d && d !== "none"; };
            if (dashed(path) !== dashed(line)) {
              findings.push('the swatch of "' + name + '" is ' + (dashed(line) ? "dashed" : "solid") + ", but the series is " + (dashed(path) ? "dashed" : "solid"));
            }
          }
        }
      }
      return findings;
    },

    // Markers on the data they mark.
    markers(tolerance) {
      const findings = [];
      for (const panel of panels()) {
        const paths = new Map(seriesPaths(panel).map((p) => [p.getAttribute("data-name"), p]));
        const cache = new Map();
        const pointsOf = (name) => {
          if (!cache.has(name)) {
            const path = paths.get(name);
            cache.set(name, hasLine(path) ? samples(path, 0.5) : null);
          }
          return cache.get(name);
        };
        for (const circle of panel.querySelectorAll("g.data circle")) {
          if (!shown(circle)) continue;
          const marks = circle.getAttribute("data-marks");
          const target = marks ?? circle.getAttribute("data-series");
          if (!target) continue;
          const points = pointsOf(target);
          if (!points) {
            if (marks) findings.push('a marker of "' + circle.getAttribute("data-series") + '" marks "' + marks + '", which panel ' + panel.id + " does not draw as a line");
            continue;
          }
          const c = circleCentre(circle);
          let best = Infinity;
          for (const p of points) best = Math.min(best, Math.hypot(p.x - c.x, p.y - c.y));
          if (best > tolerance) {
            findings.push('a marker of "' + (circle.getAttribute("data-series") ?? target) + '" at (' + c.x.toFixed(0) + ", " + c.y.toFixed(0) + ") is " + best.toFixed(0) + ' px from the line of "' + target + '" that it marks');
          }
        }
      }
      return findings;
    },

    // Series visibility: lists the series of each panel, and hides or shows them.
    seriesList() {
      const list = [];
      for (const panel of panels()) {
        for (const path of seriesPaths(panel)) {
          list.push({ panel: panel.id, name: path.getAttribute("data-name") });
        }
      }
      return list;
    },
    showSeries(panelId, hidden, only) {
      // hidden: names to hide; only: when set, the name to keep while every other series is hidden.
      const panel = document.getElementById(panelId);
      for (const path of seriesPaths(panel)) {
        const name = path.getAttribute("data-name");
        const hide = only !== null ? name !== only : hidden.includes(name);
        for (const element of [path, ...markersOf(panel, name)]) element.style.visibility = hide ? "hidden" : "";
      }
      return true;
    },
    resetSeries() {
      for (const element of svg.querySelectorAll("g.data path.series, g.data circle")) element.style.visibility = "";
      return true;
    },
  };
})();
true`;

// ---- The checks for one file. ----

async function checkFile(browser, file, outDir, usedNames) {
  const findings = [];
  const add = (check, message) => findings.push(`${check}: ${message}`);
  const base = uniqueName(file, usedNames);
  const result = { file, base, findings, screenshot: null, frames: [] };
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) {
    add("render", "missing or empty file");
    return result;
  }
  const size = svgSize(fs.readFileSync(file, "utf8"));
  const tab = await Tab.open(browser, pathToFileURL(path.resolve(file)).href, size.width, size.height);
  try {
    await tab.evaluate(PAGE_HELPERS);
    if (!(await tab.call("isSVG"))) {
      add("render", "not an SVG document (not well-formed XML, or another root element)");
      return result;
    }
    const { width, height } = await tab.call("size");
    await tab.send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: false });

    // The finished picture: an animation is paused at the end of its drawing.
    const animation = await tab.call("animationInfo");
    if (animation) await tab.call("setTime", finishedTime(animation));
    const finalPNG = await tab.screenshot(width, height);
    result.screenshot = `${base}.png`;
    fs.writeFileSync(path.join(outDir, result.screenshot), finalPNG);
    const finalImage = decodePNG(finalPNG);
    const colours = countColours(finalImage);
    if (colours < MIN_COLOURS) add("render", `${width}×${height} picture has ${colours} colour(s), need ${MIN_COLOURS} (blank?)`);

    for (const message of await tab.call("texts")) add("text", message);
    for (const message of await tab.call("legends")) add("legend", message);
    for (const message of await tab.call("markers", MARKER_TOLERANCE)) add("marker", message);

    // Every series shows: compare the picture without it, and it alone against none.
    const list = await tab.call("seriesList");
    const byPanel = new Map();
    for (const { panel, name } of list) byPanel.set(panel, [...(byPanel.get(panel) ?? []), name]);
    for (const [panel, names] of byPanel) {
      await tab.call("showSeries", panel, names, null);
      const none = decodePNG(await tab.screenshot(width, height));
      for (const name of names) {
        await tab.call("showSeries", panel, [], name);
        const alone = decodePNG(await tab.screenshot(width, height));
        await tab.call("showSeries", panel, [name], null);
        const without = decodePNG(await tab.screenshot(width, height));
        const own = changedPixels(alone, none, null, SERIES_PIXEL_THRESHOLD);
        const visible = changedPixels(finalImage, without, null, SERIES_PIXEL_THRESHOLD);
        if (own === 0) {
          add("series", `"${name}" (panel ${panel}) draws nothing inside the canvas`);
        } else if (visible < VISIBLE_SHARE * own) {
          add(
            "series",
            `"${name}" (panel ${panel}) is hidden: of the ${own} pixels it draws alone, ${visible} show in the figure ` +
              `(drawn under another series in the same style?)`,
          );
        }
      }
      await tab.call("resetSeries");
    }

    if (animation) await checkAnimation(tab, animation, width, height, base, outDir, result, add);
  } finally {
    await tab.close().catch(() => {});
  }
  return result;
}

/** A moment of the loop that shows the finished picture: in the middle of the hold, else at the very end. */
function finishedTime(animation) {
  return animation.duration - animation.drawEnd > 0.02
    ? (animation.drawEnd + animation.duration) / 2
    : animation.duration - 0.001;
}

async function checkAnimation(tab, animation, width, height, base, outDir, result, add) {
  const framesDir = path.join(outDir, `${base}-frames`);
  fs.mkdirSync(framesDir, { recursive: true });
  const areas = await tab.call("plotAreas");
  const frames = [];
  for (let i = 0; i <= ANIMATION_SAMPLES; i++) {
    const time = (animation.drawEnd * i) / ANIMATION_SAMPLES;
    await tab.call("setTime", time);
    const png = await tab.screenshot(width, height);
    const name = `t${time.toFixed(2).padStart(5, "0")}s.png`;
    fs.writeFileSync(path.join(framesDir, name), png);
    result.frames.push(`${base}-frames/${name}`);
    const counter = await tab.call("counterText");
    frames.push({ time, image: decodePNG(png), counter });
  }
  // Runs of intervals in which nothing moves in the plot areas.
  let still = null;
  const stills = [];
  for (let i = 1; i < frames.length; i++) {
    const changed = changedPixels(frames[i - 1].image, frames[i].image, areas);
    if (changed < MOVING_PIXELS) {
      still = still ?? { from: frames[i - 1].time, pixels: [] };
      still.to = frames[i].time;
      still.pixels.push(changed);
    } else if (still) {
      stills.push(still);
      still = null;
    }
  }
  if (still) stills.push(still);
  for (const s of stills) {
    add(
      "animation",
      `nothing moves from ${s.from.toFixed(1)} s to ${s.to.toFixed(1)} s of the ${animation.duration} s loop ` +
        `(drawing ends at ${animation.drawEnd.toFixed(1)} s; at most ${Math.max(...s.pixels)} pixels change between samples ` +
        `${(animation.drawEnd / ANIMATION_SAMPLES).toFixed(2)} s apart)`,
    );
  }
  if (animation.hasCounter) {
    // The counter is read at each sample and on the finished picture, where it shows the last step.
    await tab.call("setTime", finishedTime(animation));
    frames.push({ time: finishedTime(animation), counter: await tab.call("counterText") });
    const steps = frames.map((f) => {
      const match = /(-?\d+(?:\.\d+)?)/.exec(f.counter.join(" "));
      return match ? Number(match[1]) : null;
    });
    if (steps.some((s) => s === null)) {
      add("animation", `the step counter shows no number at some times (${frames.map((f) => f.counter.join("|") || "—").join(", ")})`);
    } else {
      if (steps.some((s, i) => i > 0 && s < steps[i - 1])) add("animation", `the step counter goes back: ${steps.join(", ")}`);
      if (animation.lastStep === null) {
        add(
          "animation",
          `the step counter ends at "step ${steps[steps.length - 1]}", and the svg does not say how many steps its series ` +
            `have (data-last-step on the counter), so the count cannot be checked`,
        );
      } else if (steps[steps.length - 1] !== animation.lastStep) {
        add("animation", `the step counter ends at ${steps[steps.length - 1]}, not at the last step ${animation.lastStep}`);
      }
    }
    result.counter = frames.map((f, i) => `${f.time.toFixed(1)} s: ${steps[i]}`).join(", ");
  }
}

/** The width and height attributes of the root (px), so the window holds the whole figure. */
function svgSize(text) {
  const root = /<svg\b[^>]*>/.exec(text)?.[0] ?? "";
  const number = (name, fallback) => {
    const match = new RegExp(`\\s${name}="\\s*([0-9.]+)\\s*(px)?\\s*"`).exec(root);
    return match ? Math.ceil(Number(match[1])) : fallback;
  };
  return { width: number("width", 1024), height: number("height", 768) };
}

/** A screenshot name from the file's folder and name ("lr-finder--range-test"), unique in this run. */
function uniqueName(file, used) {
  const absolute = path.resolve(file);
  let name = `${path.basename(path.dirname(absolute))}--${path.basename(absolute, path.extname(absolute))}`;
  name = name.replace(/[^A-Za-z0-9._-]+/g, "_");
  let candidate = name;
  for (let k = 2; used.has(candidate); k++) candidate = `${name}-${k}`;
  used.add(candidate);
  return candidate;
}

function escapeHTML(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

function writeReport(results, outDir) {
  const lines = [];
  for (const r of results) {
    for (const f of r.findings) lines.push(`FAIL ${r.file}: ${f}`);
    lines.push(r.findings.length ? `FAIL ${r.file}: ${r.findings.length} finding(s)` : `ok   ${r.file}`);
    if (r.counter) lines.push(`     step counter: ${r.counter}`);
    if (r.screenshot) lines.push(`     screenshot: ${path.join(outDir, r.screenshot)}`);
  }
  fs.writeFileSync(path.join(outDir, "report.txt"), lines.join("\n") + "\n");
  const sections = results.map((r) => {
    const status = r.findings.length ? `FAIL: ${r.findings.length} finding(s)` : "ok";
    const list = r.findings.map((f) => `<li>${escapeHTML(f)}</li>`).join("");
    const frames = r.frames.length
      ? `<details><summary>animation frames</summary>${r.frames.map((f) => `<figure><img src="${escapeHTML(f)}" width="320"><figcaption>${escapeHTML(path.basename(f, ".png"))}</figcaption></figure>`).join("")}</details>`
      : "";
    return `<section><h2>${escapeHTML(r.file)} — ${status}</h2><ul>${list}</ul>${r.screenshot ? `<img src="${escapeHTML(r.screenshot)}">` : ""}${frames}</section>`;
  });
  fs.writeFileSync(
    path.join(outDir, "index.html"),
    `<!doctype html><meta charset="utf-8"><title>render-check</title>` +
      `<style>body{font-family:sans-serif}img{border:1px solid #ccc;max-width:100%}figure{display:inline-block;margin:4px}li{color:#a00}</style>` +
      `<h1>render-check</h1>${sections.join("\n")}`,
  );
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = new Browser(chromium);
  const results = [];
  const used = new Set();
  let exitCode = 0;
  try {
    await browser.send("Browser.getVersion");
    for (const file of files) {
      let result;
      try {
        result = await checkFile(browser, file, outDir, used);
      } catch (error) {
        result = { file, findings: [`render: ${error.message.split("\n")[0]}`], frames: [] };
      }
      results.push(result);
      for (const f of result.findings) console.log(`FAIL ${file}: ${f}`);
      console.log(result.findings.length ? `FAIL ${file}: ${result.findings.length} finding(s)` : `ok   ${file}`);
      if (result.findings.length) exitCode = 1;
    }
  } catch (error) {
    console.error(`render-check: ${error.message}`);
    exitCode = 2;
  } finally {
    await browser.close();
  }
  writeReport(results, outDir);
  console.log(`render-check: screenshots and report in ${outDir} (report.txt, index.html)`);
  process.exit(exitCode);
}

main();
