"use strict";
/* The published timeline page: plain JavaScript, no framework, no network.  Every string
   from the data is inserted as text (textContent), never as HTML.  The axis (ticks at a
   zoom) and the label rows mirror timeline_app/core/ticks.py and core/layout.py: golden
   vectors written by Python keep them in step (tests/web). */
(function () {
  // -- the calendar: proleptic Gregorian ordinals, as Python's date.toordinal ------------
  var DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  var DAYS_BEFORE_MONTH = [0, 0];
  for (var mm = 1; mm < 12; mm++) DAYS_BEFORE_MONTH.push(DAYS_BEFORE_MONTH[mm] + DAYS_IN_MONTH[mm]);
  var MONTH_ABBR = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var MONTH_NAME = ["", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  function isLeap(y) { return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0); }
  function daysInMonth(y, m) { return m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m]; }
  function toOrdinal(y, m, d) {
    var p = y - 1;
    return p * 365 + Math.floor(p / 4) - Math.floor(p / 100) + Math.floor(p / 400) +
      DAYS_BEFORE_MONTH[m] + (m > 2 && isLeap(y) ? 1 : 0) + d;
  }
  function fromOrdinal(n) {  // Python's _ord2ymd
    n -= 1;
    var n400 = Math.floor(n / 146097); n -= n400 * 146097;
    var year = n400 * 400 + 1;
    var n100 = Math.floor(n / 36524); n -= n100 * 36524;
    var n4 = Math.floor(n / 1461); n -= n4 * 1461;
    var n1 = Math.floor(n / 365); n -= n1 * 365;
    year += n100 * 100 + n4 * 4 + n1;
    if (n1 === 4 || n100 === 4) return [year - 1, 12, 31];
    var leap = n1 === 3 && (n4 !== 24 || n100 === 3);
    var month = (n + 50) >> 5;
    var preceding = DAYS_BEFORE_MONTH[month] + (month > 2 && leap ? 1 : 0);
    if (preceding > n) {
      month -= 1;
      preceding -= DAYS_IN_MONTH[month] + (month === 2 && leap ? 1 : 0);
    }
    return [year, month, n - preceding + 1];
  }
  var MIN_ORD = 1, MAX_ORD = toOrdinal(9999, 12, 31), MAXYEAR = 9999;
  function clampOrd(t) { return Math.min(Math.max(Math.floor(t), MIN_ORD), MAX_ORD); }
  function bisectRight(a, x) {
    var lo = 0, hi = a.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (x < a[mid]) hi = mid; else lo = mid + 1; }
    return lo;
  }
  function bisectLeft(a, x) {
    var lo = 0, hi = a.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (a[mid] < x) lo = mid + 1; else hi = mid; }
    return lo;
  }

  // -- the time scale with breaks (core/timescale.py) -------------------------------------
  function TimeScale(breaks, breakWidth) {
    this.g0 = []; this.g1 = []; this.u0 = []; this.u1 = []; this.ratio = []; this.shift = [];
    this.breakWidth = breakWidth || 1;
    var shift = 0;
    for (var i = 0; i < breaks.length; i++) {
      var g0 = breaks[i][0], g1 = breaks[i][1];
      this.g0.push(g0); this.g1.push(g1);
      var u0 = g0 - shift;
      this.u0.push(u0); this.u1.push(u0 + this.breakWidth);
      this.ratio.push(this.breakWidth / (g1 - g0));
      shift += (g1 - g0) - this.breakWidth;
      this.shift.push(shift);
    }
  }
  TimeScale.prototype.toU = function (t) {
    var i = bisectRight(this.g0, t) - 1;
    if (i < 0) return t;
    if (t < this.g1[i]) return this.u0[i] + (t - this.g0[i]) * this.ratio[i];
    return t - this.shift[i];
  };
  TimeScale.prototype.toT = function (u) {
    var i = bisectRight(this.u0, u) - 1;
    if (i < 0) return u;
    if (u < this.u1[i]) return this.g0[i] + (u - this.u0[i]) / this.ratio[i];
    return u + this.shift[i];
  };
  TimeScale.prototype.segments = function (u0, u1) {
    if (!(u0 < u1)) return [];
    var a = this.toT(u0), end = this.toT(u1), out = [];
    var i = bisectRight(this.g1, a), n = this.g0.length;
    while (i < n && this.g0[i] < end) {
      if (this.g0[i] > a) out.push([a, this.g0[i]]);
      a = Math.max(a, this.g1[i]);
      i++;
    }
    if (a < end) out.push([a, end]);
    return out;
  };
  function Viewport(u0, u1, width) { this.u0 = u0; this.u1 = u1; this.width = width; }
  Viewport.prototype.span = function () { return this.u1 - this.u0; };
  Viewport.prototype.daysPerPixel = function () { return (this.u1 - this.u0) / this.width; };
  Viewport.prototype.x = function (u) { return (u - this.u0) * this.width / (this.u1 - this.u0); };
  Viewport.prototype.uAt = function (x) { return this.u0 + x * (this.u1 - this.u0) / this.width; };

  // -- the date axis (core/ticks.py, step for step) ---------------------------------------
  var MIN_SPACING = 40.0, MAJOR_PAD = 3.0, WIDE_SEGMENT = 120.0;
  function Step(unit, n, minDays, days) { this.unit = unit; this.n = n; this.minDays = minDays; this.days = days || []; }
  function range(a, b, s) { var out = []; for (var i = a; i < b; i += s) out.push(i); return out; }
  var STEPS = [
    new Step("day", 1, 1, range(1, 32, 1)),
    new Step("day", 2, 2, range(1, 32, 2)),
    new Step("day", 5, 4, [1, 5, 10, 15, 20, 25]),
    new Step("day", 10, 9, [1, 10, 20]),
    new Step("month", 1, 28), new Step("month", 3, 89), new Step("month", 6, 181)
  ];
  [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].forEach(function (n) { STEPS.push(new Step("year", n, 365 * n)); });
  function majorFor(step) {
    if (step.unit === "day") return ["month", new Step("month", 1, 28)];
    if (step.unit === "month") return ["year", new Step("year", 1, 365)];
    if (step.n < 10) return ["decade", new Step("year", 10, 3652)];
    if (step.n < 100) return ["century", new Step("year", 100, 36524)];
    return ["millennium", new Step("year", 1000, 365242)];
  }
  function monthStart(y, m) { return toOrdinal(y, m, 1); }
  function nextMonth(y, m) { return m === 12 ? [y + 1, 1] : [y, m + 1]; }
  function calendarTicks(step, a, b) {
    var out = [], first = Math.ceil(a);
    if (first > b) return out;
    var d = fromOrdinal(first), y, m, nm;
    if (step.unit === "year") {
      y = d[1] === 1 && d[2] === 1 ? d[0] : d[0] + 1;
      y = Math.ceil(y / step.n) * step.n;
      while (y <= MAXYEAR) {
        var o = toOrdinal(y, 1, 1);
        if (o > b) return out;
        out.push([o, y, 1, 1]);
        y += step.n;
      }
      return out;
    }
    y = d[0]; m = d[1];
    if (step.unit === "month") {
      if (d[2] !== 1) { nm = nextMonth(y, m); y = nm[0]; m = nm[1]; }
      while (y <= MAXYEAR) {
        if ((m - 1) % step.n === 0) {
          var om = monthStart(y, m);
          if (om > b) return out;
          out.push([om, y, m, 1]);
        }
        nm = nextMonth(y, m); y = nm[0]; m = nm[1];
      }
      return out;
    }
    while (y <= MAXYEAR) {
      var start = monthStart(y, m);
      if (start > b) return out;
      var length = daysInMonth(y, m);
      for (var k = 0; k < step.days.length; k++) {
        var day = step.days[k];
        if (day > length) break;
        var od = start + day - 1;
        if (od > b) return out;
        if (od >= a) out.push([od, y, m, day]);
      }
      nm = nextMonth(y, m); y = nm[0]; m = nm[1];
    }
    return out;
  }
  function unitStart(unit, t) {
    var d = fromOrdinal(clampOrd(t));
    if (unit.unit === "month") return [monthStart(d[0], d[1]), d[0], d[1]];
    var y = d[0] - d[0] % unit.n;
    return [toOrdinal(Math.max(y, 1), 1, 1), y, 1];
  }
  function minorLabel(step, y, m, day) {
    if (step.unit === "day") return String(day);
    if (step.unit === "month") return MONTH_ABBR[m];
    return String(y);
  }
  function majorLabel(unit, y, m, short) {
    if (unit.unit === "month") return (short ? MONTH_ABBR[m] : MONTH_NAME[m]) + " " + y;
    if (unit.n === 1) return String(y);
    return y + "s";
  }
  function candidate(t, x, label, naturalX, w, segIndex, seg, width, pinned, first) {
    if (w > width) return null;
    var contained = seg.x1 - seg.x0 >= w;
    var lx = contained ? Math.min(Math.max(naturalX, seg.x0), seg.x1 - w) : naturalX;
    lx = Math.min(Math.max(lx, 0.0), width - w);
    var moved = pinned || Math.abs(lx - naturalX) > 1e-9;
    var wide = seg.x1 - seg.x0 >= WIDE_SEGMENT;
    return { t: t, x: x, label: label, labelX: lx, w: w, seg: segIndex, moved: moved,
      contained: contained, pinned: pinned, first: !!first, wide: wide };
  }
  function resolve(cands, minGap) {
    var real = [];
    cands.forEach(function (c, i) { if (c !== null) real.push([c.labelX, i, c]); });
    real.sort(function (p, q) { return p[0] - q[0] || p[1] - q[1]; });
    var placed = [], placedIds = [], perSeg = {};
    for (var k = 0; k < real.length; k++) {
      var i = real[k][1], c = real[k][2];
      if (placed.length) {
        var p = placed[placed.length - 1];
        if (c.labelX < p.labelX + p.w + minGap) {
          var replace;
          if (p.first !== c.first) replace = c.first;
          else if (p.wide !== c.wide && p.seg !== c.seg) replace = c.wide;
          else if (p.contained !== c.contained) replace = c.contained;
          else if (p.seg !== c.seg) replace = (perSeg[c.seg] || 0) === 0 && perSeg[p.seg] > 1;
          else if (p.pinned !== c.pinned) replace = p.pinned;
          else replace = p.moved && !c.moved;
          if (!replace) continue;
          perSeg[p.seg] -= 1;
          placed.pop(); placedIds.pop();
        }
      }
      placed.push(c); placedIds.push(i);
      perSeg[c.seg] = (perSeg[c.seg] || 0) + 1;
    }
    var kept = {};
    placedIds.forEach(function (i) { kept[i] = true; });
    return kept;
  }
  function visibleSegments(scale, view) {
    var segs = [];
    scale.segments(view.u0, view.u1).forEach(function (s) {
      var a = Math.max(s[0], MIN_ORD), b = Math.min(s[1], MAX_ORD);
      if (a < b) {
        var x0 = Math.min(Math.max(view.x(scale.toU(a)), 0.0), view.width);
        var x1 = Math.min(Math.max(view.x(scale.toU(b)), 0.0), view.width);
        segs.push({ a: a, b: b, x0: x0, x1: x1 });
      }
    });
    return segs;
  }
  function chooseStep(segs, dpp, measure, minGap, minSpacing) {
    var dayW = {}, monthW = null, yearW = null;
    for (var k = 0; k < STEPS.length; k++) {
      var step = STEPS[k], stepPx = step.minDays / dpp, w;
      if (stepPx < minSpacing) continue;
      if (step.unit === "day") {
        w = 0;
        step.days.forEach(function (d) { if (!(d in dayW)) dayW[d] = measure(String(d)); w = Math.max(w, dayW[d]); });
      } else if (step.unit === "month") {
        if (!monthW) { monthW = []; for (var m = 1; m <= 12; m++) monthW.push(measure(MONTH_ABBR[m])); }
        w = Math.max.apply(null, monthW);
      } else {
        if (!yearW) {
          var ends = segs.length ? [segs[0].a, segs[segs.length - 1].b] : [MAX_ORD, MAX_ORD];
          yearW = ends.map(function (t) { return measure(String(fromOrdinal(Math.floor(t))[0])); });
        }
        w = Math.max.apply(null, yearW);
      }
      if (stepPx >= w + minGap) return step;
    }
    return STEPS[STEPS.length - 1];
  }
  function computeAxis(scale, view, measure, minGap, minSpacing) {
    if (minGap === undefined) minGap = 8.0;
    if (minSpacing === undefined) minSpacing = MIN_SPACING;
    var segs = visibleSegments(scale, view);
    var step = chooseStep(segs, view.daysPerPixel(), measure, minGap, minSpacing);
    var axis = null;
    for (var k = STEPS.indexOf(step); k < STEPS.length; k++) {
      axis = axisAt(STEPS[k], segs, scale, view, measure, minGap);
      if (namesEveryYear(axis)) return axis;
    }
    return axis;
  }
  function namesEveryYear(axis) {
    var tier;
    if (axis.minorUnit === "month") tier = axis.major;
    else if (axis.minorUnit === "year" && axis.minorStep === 1) tier = axis.minor;
    else return true;
    return tier.every(function (t) { return t.pinned || t.label; });
  }
  function tick(t, x, label, labelX, pinned) { return { t: t, x: x, label: label, labelX: labelX, pinned: !!pinned }; }
  function axisAt(step, segs, scale, view, measure, minGap) {
    var width = view.width, mf = majorFor(step), majorUnit = mf[0], unit = mf[1];
    var mustNameYears = step.unit === "year" && step.n === 1;
    function xOf(t) { return Math.min(Math.max(view.x(scale.toU(t)), 0.0), width); }
    var minorC = [], minorT = [];
    segs.forEach(function (seg, si) {
      calendarTicks(step, seg.a, seg.b).forEach(function (c) {
        var o = c[0], x = xOf(o), label = minorLabel(step, c[1], c[2], c[3]), w = measure(label);
        var first = mustNameYears || (step.unit === "day" && c[3] === 1);
        minorT.push([o, x]);
        minorC.push(candidate(o, x, label, x - w / 2, w, si, seg, width, false, first));
      });
    });
    var minor = filled(ticks(minorT, minorC, minGap, null), step, segs, xOf, measure, minGap);
    var raw = [];
    segs.forEach(function (seg, si) {
      var us = unitStart(unit, seg.a);
      if (us[0] < seg.a || us[1] < 1) raw.push([seg.a, seg.x0, us[1], us[2], si, true]);
      calendarTicks(unit, seg.a, seg.b).forEach(function (c) { raw.push([c[0], xOf(c[0]), c[1], c[2], si, false]); });
    });
    var short = false;
    if (unit.unit === "month") {
      var unitPx = unit.minDays / view.daysPerPixel(), widest = 0.0;
      raw.forEach(function (r) { widest = Math.max(widest, measure(majorLabel(unit, r[2], r[3], false))); });
      short = widest + MAJOR_PAD + minGap > unitPx;
    }
    var majorC = [], majorT = [], majorPinned = [], named = {};
    raw.forEach(function (r) {
      var t = r[0], x = r[1], y = r[2], m = r[3], si = r[4], pinned = r[5];
      var label = majorLabel(unit, y, m, short), seg = segs[si];
      if (pinned && named[label]) {
        if (seg.x1 - seg.x0 < WIDE_SEGMENT) return;
        if (unit.unit === "year" && unit.n === 1) {
          var day = fromOrdinal(clampOrd(seg.a));
          label = majorLabel(new Step("month", 1, 28), day[0], day[1], true);
        }
      }
      named[label] = true;
      var w = measure(label);
      var first = step.unit === "month" && unit.unit === "year" && !pinned;
      majorT.push([t, x]); majorPinned.push(pinned);
      majorC.push(candidate(t, x, label, x + MAJOR_PAD, w, si, seg, width, pinned, first));
    });
    var major = ticks(majorT, majorC, minGap, majorPinned);
    return { major: major, minor: minor, majorUnit: majorUnit, minorUnit: step.unit, minorStep: step.n };
  }
  function filled(minor, step, segs, xOf, measure, minGap) {
    var one = { year: STEPS[7], month: STEPS[4], day: STEPS[0] }[step.unit];
    function segOf(t) {
      for (var k = 0; k < segs.length; k++) if (segs[k].a <= t && t <= segs[k].b) return k;
      return -1;
    }
    segs.forEach(function (seg) {
      var wide = seg.x1 - seg.x0 >= WIDE_SEGMENT;
      if (minor.some(function (t) { return t.label && seg.a <= t.t && t.t <= seg.b; })) return;
      var middle = fromOrdinal(clampOrd((seg.a + seg.b) / 2));
      var own = minorLabel(one, middle[0], middle[1], middle[2]);
      var boundaries = calendarTicks(one, seg.a, seg.b).map(function (c) {
        return [c[0], minorLabel(one, c[1], c[2], c[3]), false];
      });
      var mine = boundaries.filter(function (b) { return b[1] === own; });
      var others = boundaries.filter(function (b) { return b[1] !== own; });
      boundaries = mine.concat([[seg.a, own, true]], others);
      for (var k = 0; k < boundaries.length; k++) {
        var o = boundaries[k][0], label = boundaries[k][1], pinned = boundaries[k][2];
        if (one.unit === "year" && minor.some(function (t) { return t.label === label; })) continue;
        var x = pinned ? seg.x0 : xOf(o), w = measure(label);
        var lo = Math.max(x - w, seg.x0), hi = Math.min(x, seg.x1 - w);
        if (pinned) { lo = seg.x0; hi = Math.min(seg.x0, seg.x1 - w); }
        if (lo > hi) continue;
        var lx = Math.min(Math.max(x - w / 2, lo), hi);
        var hit = [];
        minor.forEach(function (t, i) {
          if (t.label && lx < t.labelX + measure(t.label) + minGap && t.labelX < lx + w + minGap) hit.push(i);
        });
        var counts = {};
        minor.forEach(function (t) { if (t.label) { var s = segOf(t.t); counts[s] = (counts[s] || 0) + 1; } });
        var hitSegs = hit.map(function (i) { return segOf(minor[i].t); });
        var spare = hitSegs.every(function (j) {
          return (counts[j] || 0) > hitSegs.filter(function (h) { return h === j; }).length;
        });
        var narrow = hitSegs.every(function (j) { return j < 0 || segs[j].x1 - segs[j].x0 < WIDE_SEGMENT; });
        if (spare || (wide && narrow) || !hit.length) {
          hit.forEach(function (i) { minor[i] = tick(minor[i].t, minor[i].x, "", minor[i].x, false); });
          minor = minor.concat([tick(o, x, label, lx, pinned)]);
          minor = minor.map(function (t, i) { return [t, i]; })
            .sort(function (p, q) { return p[0].x - q[0].x || p[1] - q[1]; })
            .map(function (p) { return p[0]; });
          break;
        }
      }
    });
    return minor;
  }
  function ticks(positions, cands, minGap, pinned) {
    var kept = resolve(cands, minGap), out = [];
    positions.forEach(function (p, k) {
      var isPinned = pinned ? pinned[k] : false, c = cands[k];
      if (c !== null && kept[k]) out.push(tick(p[0], p[1], c.label, c.labelX, isPinned));
      else if (!isPinned) out.push(tick(p[0], p[1], "", p[1], false));
    });
    return out;
  }

  // -- label rows (core/layout.py stack_labels) -------------------------------------------
  var CLUSTER_MERGE_PX = 48.0;
  function stackLabels(items, rows, gap, mergePx) {
    if (gap === undefined) gap = 6.0;
    if (mergePx === undefined) mergePx = CLUSTER_MERGE_PX;
    var rowFree = [], placed = [], clusters = [], cKeys = [], cx0 = 0, cx1 = 0, r;
    for (r = 0; r < rows; r++) rowFree.push(-Infinity);
    for (var k = 0; k < items.length; k++) {
      var item = items[k], x = item.x, done = false;
      for (r = 0; r < rows; r++) {
        if (x >= rowFree[r]) { rowFree[r] = x + item.width + gap; placed.push([item.key, r, x]); done = true; break; }
      }
      if (done) continue;
      if (cKeys.length && x - cx0 < mergePx) { cKeys.push(item.key); cx1 = Math.max(cx1, x); }
      else {
        if (cKeys.length) clusters.push({ x0: cx0, x1: cx1, keys: cKeys });
        cKeys = [item.key]; cx0 = cx1 = x;
      }
    }
    if (cKeys.length) clusters.push({ x0: cx0, x1: cx1, keys: cKeys });
    return { placed: placed, clusters: clusters };
  }

  window.TimelineAxis = {
    TimeScale: TimeScale, Viewport: Viewport, computeAxis: computeAxis, stackLabels: stackLabels,
    toOrdinal: toOrdinal, fromOrdinal: fromOrdinal,
    drawn: function () { return drawn; }  // what the last drawing placed where (for tests)
  };
  // -- the page --------------------------------------------------------------------------
  var DATA = JSON.parse(document.getElementById("timeline-data").textContent);
  var EVENTS = DATA.events, N = EVENTS.length;
  var SCALE = new TimeScale(DATA.scale.breaks, DATA.scale.width);
  var BADGES = { corroborated: "✓", single: "①", contested: "⚠", unsourced: "?" };
  var STATUS_WORDS = {
    alleged: "Alleged: a source alleges it; it is not established.",
    disputed: "Disputed: sources disagree whether it happened.",
    denied: "Denied: a party denies it."
  };
  var ACTORS = Object.create(null), SOURCES = Object.create(null), BY_ID = Object.create(null);
  DATA.actors.forEach(function (a) { ACTORS[a.id] = a; });
  DATA.sources.forEach(function (s) { SOURCES[s.id] = s; });
  EVENTS.forEach(function (e, i) { BY_ID[e.id] = i; });
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  var darkScheme = window.matchMedia("(prefers-color-scheme: dark)");

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function add(parent) {
    for (var k = 1; k < arguments.length; k++) {
      var c = arguments[k];
      if (c === null || c === undefined) continue;
      parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return parent;
  }
  function webLink(url, text) {  // http(s) only, as Python checked; checked again here
    if (!/^https?:\/\//i.test(url || "")) return null;
    var a = el("a", null, text);
    a.href = url;
    a.rel = "noopener noreferrer";
    a.referrerPolicy = "no-referrer";
    return a;
  }
  function eventLink(id, text) {
    var a = el("a", null, text);
    a.href = "#event-" + encodeURIComponent(id);
    return a;
  }
  function fold(text) {
    return String(text).normalize("NFKD").toLowerCase().replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "");
  }
  function actorName(id) { return ACTORS[id] ? ACTORS[id].name : id; }
  function actorColor(id) {
    var a = ACTORS[id];
    if (!a) return null;
    return darkScheme.matches ? a.dark : a.color;
  }
  function capital(s) { return s ? s.charAt(0).toUpperCase() + s.slice(1) : s; }
  function attributionOf(q) {
    var s = SOURCES[q.source];
    return s ? s.attribution || s.title : q.attribution || q.source;
  }

  // search text, folded once
  var FOLDED = EVENTS.map(function (e) {
    return fold([e.title, e.summary, e.notes || ""].concat(
      e.quotes.map(function (q) { return q.text; }), e.actors.map(actorName), e.tags).join("\n"));
  });

  // -- the header and the colophon ----------------------------------------------------------
  $("title").textContent = DATA.title;
  var first = EVENTS[0], last = EVENTS[N - 1];
  $("about").textContent = DATA.count + ", " + first.date + (N > 1 ? " to " + last.date : "") +
    (DATA.filter ? " · " + DATA.filter : "");
  var leftOut = [];
  if (DATA.included.indexOf("notes") < 0) leftOut.push("the analyst's notes (and reasons for grades)");
  if (DATA.included.indexOf("texts") < 0) leftOut.push("the full source texts");
  $("colophon").textContent = "Published on " + DATA.date + " from " + DATA.file +
    " with timeline-app." + (leftOut.length ? " Not published: " + leftOut.join(" and ") + "." : "");

  // -- filters ------------------------------------------------------------------------------
  var noActor = EVENTS.filter(function (e) { return !e.actors.length; }).length;
  var actorBoxes = [];
  function actorItem(id, name, count, color, shape) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = id;
    var sw = el("span", "swatch " + (shape || "circle"));
    sw.setAttribute("aria-hidden", "true");
    if (color) sw.style.backgroundColor = color;
    add(label, box, sw, name + " ", el("span", "count", "(" + count + ")"));
    add(li, label);
    actorBoxes.push(box);
    return li;
  }
  DATA.actors.forEach(function (a) {
    $("actors").appendChild(actorItem(a.id, a.name, a.count, darkScheme.matches ? a.dark : a.color, a.shape));
  });
  if (noActor) $("actors").appendChild(actorItem("", "No actor", noActor, null, "none"));
  var minOrd = first.t0, maxOrd = EVENTS.reduce(function (m, e) { return Math.max(m, e.t1); }, 0) - 1;
  function isoOf(o) {
    var d = fromOrdinal(o);
    return String(d[0]).padStart(4, "0") + "-" + String(d[1]).padStart(2, "0") + "-" + String(d[2]).padStart(2, "0");
  }
  function ordOf(value) {
    var m = /^(\d{4,})-(\d{2})-(\d{2})$/.exec(value || "");
    return m ? toOrdinal(+m[1], +m[2], +m[3]) : null;
  }
  ["from", "to"].forEach(function (id) { $(id).min = isoOf(minOrd); $(id).max = isoOf(maxOrd); });

  var shown = new Array(N).fill(true), shownList = [];
  function applyFilter() {
    var checked = actorBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var every = checked.length === actorBoxes.length;
    var all = document.querySelector("input[name=mode]:checked").value === "all";
    var words = fold($("search").value).split(/\s+/).filter(Boolean);
    var lo = ordOf($("from").value), hi = ordOf($("to").value);
    var set = {};
    checked.forEach(function (id) { set[id] = true; });
    shownList = [];
    for (var i = 0; i < N; i++) {
      var e = EVENTS[i], ok = true;
      if (!every) {
        if (!e.actors.length) ok = !all && set[""] === true;
        else if (all) ok = checked.length > 0 && checked.every(function (id) { return id === "" || e.actors.indexOf(id) >= 0; });
        else ok = e.actors.some(function (id) { return set[id]; });
      }
      if (ok && lo !== null && e.t1 <= lo) ok = false;
      if (ok && hi !== null && e.t0 > hi) ok = false;
      for (var w = 0; ok && w < words.length; w++) if (FOLDED[i].indexOf(words[w]) < 0) ok = false;
      shown[i] = ok;
      if (ok) shownList.push(i);
      if (items[i]) items[i].hidden = !ok;
    }
    buildLegend();
    $("shown").textContent = shownList.length === N ? "Showing all " + DATA.count + "." :
      "Showing " + shownList.length + " of " + DATA.count + ".";
    draw();
  }
  actorBoxes.forEach(function (b) { b.addEventListener("change", applyFilter); });
  document.querySelectorAll("input[name=mode]").forEach(function (r) { r.addEventListener("change", applyFilter); });
  $("search").addEventListener("input", applyFilter);
  $("from").addEventListener("change", applyFilter);
  $("to").addEventListener("change", applyFilter);
  $("actors-all").addEventListener("click", function () { actorBoxes.forEach(function (b) { b.checked = true; }); applyFilter(); });
  $("actors-none").addEventListener("click", function () { actorBoxes.forEach(function (b) { b.checked = false; }); applyFilter(); });
  $("clear").addEventListener("click", function () {
    actorBoxes.forEach(function (b) { b.checked = true; });
    document.querySelector("input[name=mode][value=any]").checked = true;
    $("search").value = ""; $("from").value = ""; $("to").value = "";
    applyFilter();
  });

  // -- the legend ---------------------------------------------------------------------------
  // the app's legend for the published events (Python's), plain or in lanes; of its actors,
  // those the events the filters leave are drawn in
  var byName = {};
  DATA.actors.forEach(function (a) { byName[a.name] = a; });
  function buildLegend() {
    var drawnIn = {};
    shownList.forEach(function (i) {
      var ids = EVENTS[i].actors;
      (lanes ? ids : ids.slice(0, 1)).forEach(function (id) { drawnIn[id] = true; });
    });
    $("legend").textContent = "";
    (lanes ? DATA.legend_lanes : DATA.legend).forEach(function (entry) {
      if (entry.kind === "actor" && !(byName[entry.label] && drawnIn[byName[entry.label].id])) return;
      legendEntry(entry);
    });
  }
  function legendEntry(entry) {
    var item = el("span", "entry " + entry.kind);
    if (entry.kind === "heading") { item.textContent = entry.label; $("legend").appendChild(item); return; }
    var sw;
    if (entry.kind === "support") sw = el("span", "badge " + entry.support, BADGES[entry.support]);
    else {
      sw = el("span", "swatch " + (entry.hollow ? "hollow" : entry.shape));
      var a = byName[entry.label];
      var color = entry.kind === "actor" ? (a && darkScheme.matches ? a.dark : entry.color) : "";
      if (color) sw.style.backgroundColor = color;
    }
    sw.setAttribute("aria-hidden", "true");
    add(item, sw, entry.label);
    $("legend").appendChild(item);
  }

  // -- the list of events ---------------------------------------------------------------------
  var items = new Array(N);
  function timeOf(e) {
    var t = el("time", null, e.date);
    t.dateTime = e.iso;
    return t;
  }
  function buildList() {  // (after the first render: the timeline shows first)
    var frag = document.createDocumentFragment();
    EVENTS.forEach(function (e, i) {
      var li = el("li");
      li.id = "event-" + e.id;
      var h = el("h3");
      h.appendChild(eventLink(e.id, e.title));
      var meta = el("p", "meta");
      add(meta, timeOf(e));
      if (e.date_basis === "elsewhere") add(meta, " ", el("span", "basis", "(" + e.basis_words + ")"));
      if (e.status !== "reported") add(meta, " · ", el("strong", "status", e.status));
      if (e.actors.length) add(meta, " · " + e.actors.map(actorName).join(", "));
      add(meta, " · ", el("span", "support", BADGES[e.support] + " " + DATA.support_names[e.support]));
      add(li, h, meta);
      if (e.summary) add(li, el("p", "summary", e.summary));
      frag.appendChild(li);
      items[i] = li;
    });
    $("events").appendChild(frag);
  }
  var printed = false;
  window.addEventListener("beforeprint", function () {  // the chronology with its quotes
    if (printed) return;
    printed = true;
    EVENTS.forEach(function (e, i) {
      if (!e.quotes.length) return;
      var box = el("div", "print-quotes");
      e.quotes.forEach(function (q) { box.appendChild(quoteFigure(q, false)); });
      items[i].appendChild(box);
    });
  });

  // -- the detail panel ---------------------------------------------------------------------
  var selected = -1;
  function quoteFigure(q, withButton) {
    var fig = el("figure", "quote" + (q.contradicts ? " contradicts" : ""));
    var bq = el("blockquote");
    add(bq, el("p", null, q.text));
    var cap = el("figcaption");
    var s = SOURCES[q.source];
    add(cap, "— ", el("cite", null, attributionOf(q)));
    add(cap, " · ", el("abbr", "grade", q.grade));
    cap.lastChild.title = q.grade_words;
    add(cap, " ", el("span", "grade-words", "(" + q.grade_words.split(" — ")[1] + ")"));
    if (q.contradicts) add(cap, " · ", el("strong", null, "contradicts the event"));
    if (s && s.url) add(cap, " · ", webLink(s.url, "source"));
    add(fig, bq, cap);
    if (q.note) add(fig, el("p", "note", "Note: " + q.note));
    if (withButton) {
      var b = el("button", "article-button", "Show in article");
      b.type = "button";
      b.addEventListener("click", function () { showArticle(q); });
      add(fig, b);
    }
    return fig;
  }
  function showArticle(q) {
    var s = SOURCES[q.source], body = $("article-body");
    body.textContent = "";
    $("article-heading").textContent = s ? s.title : q.source;
    add(body, el("p", "muted", s ? s.attribution : attributionOf(q)));
    var mark = null;
    if (s && s.text) {
      var text = s.text, at = text.indexOf(q.text), div = el("div", "article-text");
      if (at < 0) at = text.toLowerCase().indexOf(q.text.toLowerCase());
      if (at < 0) add(div, text);
      else {
        mark = el("mark", null, text.slice(at, at + q.text.length));
        add(div, text.slice(0, at), mark, text.slice(at + q.text.length));
      }
      if (s.licence) add(body, el("p", "muted", "Licence: " + s.licence));
      add(body, div);
    } else {
      add(body, quoteFigure(q, false));
      add(body, el("p", "muted", "The source's full text is not published with this page."));
      if (s && s.url) add(body, el("p", null, ""), null).lastChild.appendChild(webLink(s.url, "Read the source"));
      if (s && s.archive_url) add(body, el("p"), null).lastChild.appendChild(webLink(s.archive_url, "Archived copy"));
    }
    var dialog = $("article");
    if (typeof dialog.showModal === "function") dialog.showModal(); else dialog.setAttribute("open", "");
    if (mark) mark.scrollIntoView({ block: "center" });
  }
  $("article-close").addEventListener("click", function () { $("article").close(); });

  function section(body, title) { var h = el("h4", null, title); body.appendChild(h); return h; }
  function showDetail(i) {
    var e = EVENTS[i], body = $("detail-body");
    var out = document.createDocumentFragment();
    add(out, el("h3", "event-title", e.title));
    var when = el("p", "when");
    add(when, timeOf(e), el("span", "muted", " · known to the " + e.precision + " · "),
      el("span", e.date_basis === "elsewhere" ? "basis" : "muted", e.basis_words));
    add(out, when);
    if (e.status !== "reported") {
      var st = el("p", "status-line");
      add(st, el("strong", "status", e.status.toUpperCase()), " " + (STATUS_WORDS[e.status] || ""));
      add(out, st);
    }
    if (e.actors.length) {
      var chips = el("ul", "chips");
      e.actors.forEach(function (id) {
        var li = el("li"), sw = el("span", "swatch " + (ACTORS[id] ? ACTORS[id].shape : "circle"));
        sw.setAttribute("aria-hidden", "true");
        var c = actorColor(id);
        if (c) sw.style.backgroundColor = c;
        add(li, sw, actorName(id));
        chips.appendChild(li);
      });
      add(out, chips);
    }
    if (e.tags.length) add(out, el("p", "muted tags", e.tags.map(function (t) { return "#" + t; }).join(", ")));
    if (e.summary) add(out, el("p", "summary", e.summary));
    var sup = el("p", "support-line");
    var words = capital(DATA.support_words[e.support]) + (e.support === "corroborated" ? " (" + e.independent + ")" : "");
    add(sup, el("span", "badge " + e.support, BADGES[e.support]), " ", el("strong", null, words));
    add(out, sup);
    if (e.inconsistent) add(out, el("p", "warning", "⚠ A quote is graded “confirmed by other sources”, but the event rests on one source."));
    (e.contradictions || []).forEach(function (c) {
      var box = el("div", "contradiction");
      add(box, el("h4", null, "Contradiction"));
      var stated = c.stated === null ? null : e.quotes[c.stated], against = e.quotes[c.against];
      var left = el("div"), right = el("div");
      add(left, el("p", "muted", "Stated" + (c.stated_date ? ", " + c.stated_date : "")));
      add(left, stated ? quoteFigure(stated, false) : el("p", "muted", "No quote supports it."));
      add(right, el("p", "muted", "Contradicted" + (c.against_date ? ", " + c.against_date : "")));
      add(right, quoteFigure(against, false));
      add(box, add(el("div", "pair"), left, right));
      if (c.note) add(box, el("p", "note", c.note));
      add(out, box);
    });
    if (e.quotes.length) {
      add(out, el("h4", null, "Quotes"));
      var bySource = [];
      e.quotes.forEach(function (q) { if (bySource.indexOf(q.source) < 0) bySource.push(q.source); });
      bySource.forEach(function (sid) {
        var s = SOURCES[sid];
        if (s) {
          var head = el("p", "source");
          add(head, el("strong", null, s.title), el("br"), el("span", "muted", s.grade_words));
          if (s.grade_reason) add(head, el("span", "note grade-reason", ": " + s.grade_reason));
          if (s.licence) add(head, el("br"), el("span", "muted", "Licence: " + s.licence));
          if (s.notes) add(head, el("br"), el("span", "note", "Note: " + s.notes));
          add(out, head);
        }
        e.quotes.forEach(function (q) { if (q.source === sid) add(out, quoteFigure(q, true)); });
      });
    }
    if (e.links) {
      add(out, el("h4", null, "Links"));
      var ul = el("ul", "links");
      e.links.forEach(function (k) {
        var li = el("li");
        add(li, k.words + " " + k.arrow + " ", eventLink(k.other, k.title), el("span", "muted", " (" + k.date + ")"));
        if (k.label) add(li, " — " + k.label);
        if (k.inferred) add(li, el("br"), el("em", "inferred", k.inferred));
        if (k.notes) add(li, el("span", "note", ": " + k.notes));
        if (k.quote) add(li, quoteFigure(k.quote, false));
        ul.appendChild(li);
      });
      add(out, ul);
    }
    if (e.eras) add(out, el("p", "eras", "Era" + (e.eras.length > 1 ? "s" : "") + ": " + e.eras.join(", ")));
    if (e.notes) { add(out, el("h4", null, "Analyst's notes")); add(out, el("p", "note", e.notes)); }
    body.textContent = "";
    body.appendChild(out);
  }
  function select(i, how) {
    if (i < 0 || i >= N) return;
    if (selected >= 0 && items[selected]) items[selected].removeAttribute("aria-current");
    selected = i;
    items[i].setAttribute("aria-current", "true");
    showDetail(i);
    $("detail").classList.remove("empty");
    var e = EVENTS[i];
    if (view) {
      var x0 = view.x(SCALE.toU(e.t0)), x1 = view.x(SCALE.toU(e.t1));
      if (x1 < 24 || x0 > view.width - 24) centerOn(SCALE.toU(e.t0));
    }
    draw();
    if (how === "canvas") history.replaceState(null, "", "#event-" + encodeURIComponent(e.id));
    if (how === "list" && window.innerWidth < 600) $("detail").scrollIntoView({ block: "start" });
  }
  function decoded(text) {  // a fragment typed or cut short ("%E0%A4%A") opens nothing
    try { return decodeURIComponent(text); } catch (err) { return null; }
  }
  function fromHash() {
    var h = decoded(location.hash.slice(1));
    if (h === null) return -1;
    if (h.indexOf("event-") === 0 && (h.slice(6) in BY_ID)) return BY_ID[h.slice(6)];
    return -1;
  }
  window.addEventListener("hashchange", function () { var i = fromHash(); if (i >= 0) select(i, "list"); });
  document.addEventListener("click", function (ev) {  // a link to an event, wherever it is
    var a = ev.target.closest ? ev.target.closest("a[href^='#event-']") : null;
    if (!a) return;
    var id = decoded(a.getAttribute("href").slice(7)), i = id === null ? undefined : BY_ID[id];
    if (i === undefined) return;
    if (location.hash === a.getAttribute("href")) { ev.preventDefault(); select(i, "list"); }
  });

  // -- the timeline on the canvas ------------------------------------------------------------
  var canvas = $("canvas"), plot = $("plot"), shownCtx = canvas.getContext("2d");
  // drawn on a canvas outside the document, then copied: setting a font on the page's own
  // canvas resolves the page's styles (seconds with 10,000 events in the list)
  var work = document.createElement("canvas"), ctx = work.getContext("2d");
  var view = null, lanes = false, hits = [], widths = {}, boldWidths = {}, drawn = null;
  var FONT = "13px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var AXIS_FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var AXIS_H = 40, ERA_ROW = 18, ROW_H = 19, LANE_H = 74, GUTTER = 136, PLAIN_H = 340;
  var PILL_GAP = 4, PILL_W = 0;  // the room between pills; a pill's width ("99 events")
  var EXTENT = [SCALE.toU(DATA.extent[0]), SCALE.toU(DATA.extent[1])];
  var eraRows = DATA.eras.reduce(function (m, r) { return Math.max(m, r.row + 1); }, 0);
  var COLORS = null;  // read once (a style recalculation of the whole list otherwise)
  function colors() { return COLORS || (COLORS = readColors()); }
  function readColors() {
    var cs = getComputedStyle(document.documentElement);
    function v(name) { return cs.getPropertyValue(name).trim(); }
    return { fg: v("--fg"), muted: v("--muted"), bg: v("--bg"), line: v("--line"), brk: v("--break"),
      accent: v("--accent"), none: v("--no-actor"), warn: v("--warn"), good: v("--good") };
  }
  function limits() {
    var extent = Math.max(EXTENT[1] - EXTENT[0], 0);
    return [2.5, Math.max(1.2 * extent, 60, 2.5)];
  }
  var plotCssW = 0;  // the plot's width, kept by the resize observer (no layout on each draw)
  function plotWidthCss() { return plotCssW || (plotCssW = plot.clientWidth); }
  function plotWidth() { return Math.max(10, plotWidthCss() - (lanes ? GUTTER : 0)); }
  function show(v, anchorX) {  // ViewState._show: the zoom limits, and the view kept on the data
    var lim = limits(), span = v.span();
    if (span < lim[0] || span > lim[1]) {
      span = Math.min(Math.max(span, lim[0]), lim[1]);
      var x = anchorX === undefined ? v.width / 2 : anchorX, u0 = v.uAt(x) - x / v.width * span;
      v = new Viewport(u0, u0 + span, v.width);
    }
    var half = v.span() / 2, mid = Math.min(Math.max(v.u0 + half, EXTENT[0]), EXTENT[1]);
    view = new Viewport(mid - half, mid + half, v.width);
  }
  function fitted(u0, u1, margin, width) {
    var span = Math.max((u1 - u0) * (1 + 2 * margin), 7.0), mid = (u0 + u1) / 2;
    return new Viewport(mid - span / 2, mid + span / 2, width);
  }
  function fitAll() { show(fitted(EXTENT[0], EXTENT[1], 0.03, plotWidth())); draw(); }
  function zoomBy(f, anchorX) {
    var anchor = anchorX === undefined ? view.width / 2 : anchorX;
    var c = view.uAt(anchor), span = view.span() / f, u0 = c - anchor / view.width * span;
    show(new Viewport(u0, u0 + span, view.width), anchor);
    draw();
  }
  function panPixels(dx) { var du = dx * view.daysPerPixel(); show(new Viewport(view.u0 - du, view.u1 - du, view.width)); draw(); }
  function centerOn(u) { var half = view.span() / 2; show(new Viewport(u - half, u + half, view.width)); }
  function zoomAnchor() {  // the selected event, else the middle one of those shown
    var i = selected >= 0 && shown[selected] ? selected : shownList[shownList.length >> 1];
    if (i === undefined) return view.width / 2;
    var u = SCALE.toU(EVENTS[i].t0), x = view.x(u);
    if (x >= 0 && x <= view.width) return x;
    centerOn(u);  // (out of view: brought to the middle first)
    return view.width / 2;
  }
  function animateZoom(f) {  // the buttons and keys: on the events, not on empty time
    var anchor = zoomAnchor();
    if (reduceMotion.matches) { zoomBy(f, anchor); return; }
    var steps = 6, k = 0, each = Math.pow(f, 1 / steps);
    (function stepOnce() { zoomBy(each, anchor); if (++k < steps) requestAnimationFrame(stepOnce); })();
  }
  function measureText(t) {  // in the font set
    var w = widths[t];
    if (w === undefined) w = widths[t] = ctx.measureText(t).width;
    return w;
  }
  function titleWidth(t, bold) {  // a label's words: the selected one is drawn bold
    if (!bold) return measureText(t);
    var w = boldWidths[t];
    if (w === undefined) {
      ctx.font = "bold " + FONT;
      w = boldWidths[t] = ctx.measureText(t).width;
      ctx.font = FONT;
    }
    return w;
  }
  function marker(x, y, r, shape, fill, stroke, hollow) {
    ctx.beginPath();
    if (shape === "square") ctx.rect(x - r, y - r, 2 * r, 2 * r);
    else if (shape === "triangle") { ctx.moveTo(x, y - r - 1); ctx.lineTo(x + r + 1, y + r); ctx.lineTo(x - r - 1, y + r); ctx.closePath(); }
    else if (shape === "diamond") { ctx.moveTo(x, y - r - 1); ctx.lineTo(x + r + 1, y); ctx.lineTo(x, y + r + 1); ctx.lineTo(x - r - 1, y); ctx.closePath(); }
    else ctx.arc(x, y, r, 0, 2 * Math.PI);
    if (hollow) { ctx.lineWidth = 2; ctx.strokeStyle = fill; ctx.stroke(); }
    else { ctx.fillStyle = fill; ctx.fill(); ctx.lineWidth = 1; ctx.strokeStyle = stroke; ctx.stroke(); }
  }
  function laneSpec() {
    if (!lanes) return [{ id: null, name: "" }];
    var out = DATA.actors.map(function (a) { return { id: a.id, name: a.name }; });
    if (noActor) out.push({ id: "", name: "No actor" });
    return out;
  }
  function draw() { if (drawWork()) copyToPage(); }
  function drawWork() {
    if (!view) return false;
    var cssW = plotWidthCss();
    if (!cssW) return false;  // (below 600 px the list is the layout)
    var spec = laneSpec(), eraH = eraRows * ERA_ROW + (eraRows ? 6 : 0);
    var cssH = lanes ? eraH + spec.length * LANE_H + AXIS_H + 8 : PLAIN_H;
    var dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(cssW * dpr) || canvas.height !== Math.round(cssH * dpr)) {
      canvas.width = work.width = Math.round(cssW * dpr);
      canvas.height = work.height = Math.round(cssH * dpr);
      canvas.style.width = cssW + "px"; canvas.style.height = cssH + "px";
    }
    var pw = plotWidth();
    if (Math.abs(view.width - pw) > 0.5) view = new Viewport(view.u0, view.u0 + view.span() * pw / view.width, pw);
    var gx = lanes ? GUTTER : 0, C = colors();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssW, cssH);
    hits = [];
    drawn = { width: cssW, left: gx, lanes: [], labels: [], pills: [], marks: [] };
    function xOf(t) { return gx + view.x(SCALE.toU(t)); }
    var axisTop = cssH - AXIS_H;
    // breaks: compressed empty time
    var bu0 = SCALE.u0, bu1 = SCALE.u1;
    ctx.save(); ctx.beginPath(); ctx.rect(gx, 0, cssW - gx, cssH); ctx.clip();
    for (var b = 0; b < bu0.length; b++) {
      var xa = gx + view.x(bu0[b]), xb = gx + view.x(bu1[b]);
      if (xb < gx || xa > cssW) continue;
      ctx.fillStyle = C.brk;
      ctx.fillRect(xa, 0, Math.max(xb - xa, 2), axisTop + 8);
      ctx.strokeStyle = C.muted; ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(xa - 3, axisTop + 6); ctx.lineTo(xa + 3, axisTop - 6);
      ctx.moveTo(xb - 3, axisTop + 6); ctx.lineTo(xb + 3, axisTop - 6); ctx.stroke();
    }
    ctx.restore();
    // eras
    ctx.font = AXIS_FONT; ctx.textBaseline = "middle";
    DATA.eras.forEach(function (r) {
      var x0 = Math.max(xOf(r.t0), gx), x1 = Math.min(xOf(r.t1), cssW);
      if (x1 <= x0) return;
      var y = 2 + r.row * ERA_ROW;
      ctx.globalAlpha = 0.25; ctx.fillStyle = r.color || C.muted; ctx.fillRect(x0, y, x1 - x0, ERA_ROW - 3);
      ctx.globalAlpha = 1; ctx.fillStyle = C.fg;
      ctx.save(); ctx.beginPath(); ctx.rect(x0, y, x1 - x0, ERA_ROW - 3); ctx.clip();
      ctx.fillText(r.name, x0 + 4, y + (ERA_ROW - 3) / 2); ctx.restore();
    });
    // the axis
    ctx.strokeStyle = C.line; ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(gx, axisTop + 0.5); ctx.lineTo(cssW, axisTop + 0.5); ctx.stroke();
    var axis = computeAxis(SCALE, view, measureText);
    ctx.fillStyle = C.muted; ctx.textBaseline = "alphabetic";
    axis.minor.forEach(function (t) {
      ctx.beginPath(); ctx.moveTo(gx + t.x + 0.5, axisTop); ctx.lineTo(gx + t.x + 0.5, axisTop + 5); ctx.stroke();
      if (t.label) ctx.fillText(t.label, gx + t.labelX, axisTop + 18);
    });
    ctx.fillStyle = C.fg;
    axis.major.forEach(function (t) {
      ctx.beginPath(); ctx.moveTo(gx + t.x + 0.5, axisTop); ctx.lineTo(gx + t.x + 0.5, axisTop + 34); ctx.stroke();
      if (t.label) ctx.fillText(t.label, gx + t.labelX, axisTop + 34);
    });
    // the events, lane by lane
    ctx.font = FONT;
    if (!PILL_W) PILL_W = measureText("99 events") + 14;
    var uA = SCALE.toT(view.u0 - 200 * view.daysPerPixel()), uB = SCALE.toT(view.u1);
    spec.forEach(function (lane, li) {
      var top = lanes ? eraH + li * LANE_H : eraH, bottom = lanes ? top + LANE_H : axisTop;
      var track = bottom - 12, rows = Math.max(0, Math.floor((track - 34 - top) / ROW_H));
      if (lanes) {
        ctx.fillStyle = C.fg; ctx.textBaseline = "middle";
        var name = lane.name.length > 18 ? lane.name.slice(0, 17) + "…" : lane.name;
        ctx.fillText(name, 6, top + LANE_H / 2);
        drawn.lanes.push({ name: name, x1: 6 + measureText(name), top: top, bottom: bottom });
        ctx.strokeStyle = C.line; ctx.beginPath(); ctx.moveTo(0, bottom + 0.5); ctx.lineTo(cssW, bottom + 0.5); ctx.stroke();
      }
      // the lane's events stay in the plot, out of the lane names' gutter
      ctx.save(); ctx.beginPath(); ctx.rect(gx, top, cssW - gx, bottom - top); ctx.clip();
      var list = [];
      for (var k = 0; k < shownList.length; k++) {
        var i = shownList[k], e = EVENTS[i];
        if (e.t1 < uA || e.t0 > uB) continue;
        if (lanes && (lane.id === "" ? e.actors.length : e.actors.indexOf(lane.id) < 0)) continue;
        list.push(i);
      }
      var itemsL = list.map(function (i) {
        var e = EVENTS[i];
        var w = titleWidth(e.title, i === selected) + 22;  // (a label near the right edge is moved left)
        var at = xOf(e.t0), x = Math.min(at, cssW - w);
        return { key: i, x: at >= gx ? Math.max(x, gx) : x, width: w, at: at };  // (its mark in view: its words too)
      });
      itemsL.sort(function (p, q) { return p.x - q.x || p.key - q.key; });
      // a cluster's pill is as wide as its count: the next cluster starts beyond it
      var placement = stackLabels(itemsL, rows, 6.0, Math.max(CLUSTER_MERGE_PX, PILL_W + PILL_GAP));
      // precision bands and markers
      ctx.textBaseline = "alphabetic";
      itemsL.forEach(function (it) {
        var e = EVENTS[it.key], x0 = it.at, x1 = xOf(e.t1);
        var color = (lanes && lane.id ? actorColor(lane.id) : actorColor(e.actors[0])) || C.none;
        if (x1 - x0 >= 3) { ctx.globalAlpha = 0.28; ctx.fillStyle = color; ctx.fillRect(x0, track - 4, x1 - x0, 8); ctx.globalAlpha = 1; }
      });
      var anchor = {};
      itemsL.forEach(function (it) { anchor[it.key] = it.at; });
      // the leaders first, then each label on the background: no line crosses words
      placement.placed.forEach(function (p) {
        var e = EVENTS[p[0]], x = p[2], y = track - 34 - p[1] * ROW_H, at = anchor[p[0]];
        var color = (lanes && lane.id ? actorColor(lane.id) : actorColor(e.actors[0])) || C.none;
        ctx.strokeStyle = color; ctx.lineWidth = 1;
        ctx.beginPath(); ctx.moveTo(at + 0.5, track - 6); ctx.lineTo(at + 0.5, y + 4);
        if (at > x + 1) ctx.lineTo(x + 2, y + 4);
        ctx.stroke();
      });
      placement.placed.forEach(function (p) {
        var e = EVENTS[p[0]], x = p[2], y = track - 34 - p[1] * ROW_H;
        var back = titleWidth(e.title, p[0] === selected) + 8 + measureText(BADGES[e.support]);
        ctx.fillStyle = C.bg; ctx.fillRect(x + 3, y - 12, back, 14);
        ctx.fillStyle = p[0] === selected ? C.accent : C.fg;
        ctx.font = p[0] === selected ? "bold " + FONT : FONT;
        ctx.fillText(e.title, x + 4, y);
        var tw = titleWidth(e.title, p[0] === selected);
        ctx.font = FONT;
        ctx.fillStyle = e.support === "contested" ? C.warn : e.support === "corroborated" ? C.good : C.muted;
        ctx.fillText(BADGES[e.support], x + 8 + tw, y);
        hits.push({ x0: x, y0: y - 14, x1: x + tw + 22, y1: y + 5, i: p[0] });
        drawn.labels.push({ i: p[0], x0: x, x1: x + tw + 8 + measureText(BADGES[e.support]), words: x + 4 + tw, y0: y - 14, y1: y + 5, lane: li });
      });
      ctx.font = FONT;
      itemsL.forEach(function (it) {
        var e = EVENTS[it.key], id = lanes && lane.id ? lane.id : e.actors[0];
        var color = actorColor(id) || C.none, shape = ACTORS[id] ? ACTORS[id].shape : "circle";
        if (it.key === selected) { ctx.beginPath(); ctx.arc(it.at, track, 9, 0, 2 * Math.PI); ctx.strokeStyle = C.accent; ctx.lineWidth = 2; ctx.stroke(); }
        marker(it.at, track, 5, shape, color, C.bg, e.status !== "reported");
        drawn.marks.push({ i: it.key, x: it.at, lane: li });
        hits.push({ x0: it.at - 7, y0: track - 7, x1: it.at + 7, y1: track + 7, i: it.key });
      });
      pills(placement.clusters, anchor, gx, cssW).forEach(function (c) {
        var text = c.text, w = c.w, x = c.x, y = track - 28;
        drawn.pills.push({ x0: x, x1: x + w, lane: li, count: c.keys.length });
        ctx.fillStyle = C.brk; ctx.strokeStyle = C.muted; ctx.lineWidth = 1;
        ctx.beginPath();
        if (ctx.roundRect) ctx.roundRect(x, y, w, 18, 9); else ctx.rect(x, y, w, 18);
        ctx.fill(); ctx.stroke();
        ctx.fillStyle = C.fg; ctx.fillText(text, x + 7, y + 13);
        hits.push({ x0: x, y0: y, x1: x + w, y1: y + 18, cluster: c });
      });
      ctx.restore();
    });
    return true;
  }
  function pillText(n) { return n + (n === 1 ? " event" : " events"); }
  function pills(clusters, anchor, left, right) {  // over their marks, whole in the plot, apart
    var out = [];
    clusters.forEach(function (c) {
      var keys = c.keys.slice(), text = pillText(keys.length), w = measureText(text) + 14;
      var at = Math.min.apply(null, keys.map(function (k) { return anchor[k]; })) - 6;
      var x = Math.max(left, Math.min(at, right - w)), prev = out[out.length - 1];
      if (prev && x < prev.x + prev.w + PILL_GAP) {
        x = prev.x + prev.w + PILL_GAP;
        if (x + w > right) {  // no room left beside it: one pill counts both
          out.pop();
          keys = prev.keys.concat(keys); text = pillText(keys.length); w = measureText(text) + 14;
          x = Math.max(left, Math.min(prev.x, right - w));
        }
      }
      out.push({ x: x, w: w, text: text, keys: keys, x0: c.x0, x1: c.x1 });
    });
    return out;
  }
  function copyToPage() {
    shownCtx.setTransform(1, 0, 0, 1, 0, 0);
    shownCtx.clearRect(0, 0, canvas.width, canvas.height);
    shownCtx.drawImage(work, 0, 0);
  }
  function hitAt(x, y) {
    for (var k = hits.length - 1; k >= 0; k--) {
      var h = hits[k];
      if (x >= h.x0 && x <= h.x1 && y >= h.y0 && y <= h.y1) return h;
    }
    return null;
  }
  function activate(h) {
    if (!h) return;
    if (h.cluster) {  // zoom onto the events it counts
      var t0 = Infinity, t1 = -Infinity;
      h.cluster.keys.forEach(function (i) { t0 = Math.min(t0, EVENTS[i].t0); t1 = Math.max(t1, EVENTS[i].t1); });
      var u0 = SCALE.toU(t0), u1 = SCALE.toU(t1);
      show(fitted(u0, u1, 0.08, view.width));
      draw();
    } else select(h.i, "canvas");
  }
  // pointers: a click selects, a drag pans, two fingers pinch
  var pointers = {}, dragged = false, pinch = null;
  function local(ev) { var r = canvas.getBoundingClientRect(); return [ev.clientX - r.left, ev.clientY - r.top]; }
  canvas.addEventListener("pointerdown", function (ev) {
    canvas.setPointerCapture(ev.pointerId);
    pointers[ev.pointerId] = local(ev);
    dragged = false;
    var ids = Object.keys(pointers);
    if (ids.length === 2) {
      var a = pointers[ids[0]], b = pointers[ids[1]];
      pinch = Math.hypot(a[0] - b[0], a[1] - b[1]);
    }
  });
  canvas.addEventListener("pointermove", function (ev) {
    var p = local(ev), before = pointers[ev.pointerId];
    if (!before) {
      canvas.classList.toggle("pointing", !!hitAt(p[0], p[1]));
      return;
    }
    pointers[ev.pointerId] = p;
    var ids = Object.keys(pointers);
    if (ids.length === 2 && pinch) {
      var a = pointers[ids[0]], b = pointers[ids[1]], d = Math.hypot(a[0] - b[0], a[1] - b[1]);
      if (d > 0) { zoomBy(d / pinch, (a[0] + b[0]) / 2 - (lanes ? GUTTER : 0)); pinch = d; }
      dragged = true;
      return;
    }
    var dx = p[0] - before[0];
    if (Math.abs(dx) > 0 || dragged) { if (Math.abs(dx) >= 1) dragged = true; panPixels(dx); }
  });
  function release(ev) {
    var p = pointers[ev.pointerId];
    delete pointers[ev.pointerId];
    if (Object.keys(pointers).length < 2) pinch = null;
    if (p && !dragged && ev.type === "pointerup") activate(hitAt(p[0], p[1]));
  }
  canvas.addEventListener("pointerup", release);
  canvas.addEventListener("pointercancel", release);
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var unit = ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? 400 : 1;
    var dx = ev.deltaX * unit, dy = ev.deltaY * unit;
    if (ev.shiftKey && !dx) { dx = dy; dy = 0; }
    if (Math.abs(dx) > Math.abs(dy)) panPixels(-dx);
    else zoomBy(Math.exp(-dy * 0.002), local(ev)[0] - (lanes ? GUTTER : 0));
  }, { passive: false });
  $("zoom-in").addEventListener("click", function () { animateZoom(2); });
  $("zoom-out").addEventListener("click", function () { animateZoom(0.5); });
  $("earlier").addEventListener("click", function () { panPixels(view.width / 3); });
  $("later").addEventListener("click", function () { panPixels(-view.width / 3); });
  $("fit").addEventListener("click", fitAll);
  $("lanes").addEventListener("change", function () {
    var t0 = SCALE.toT(view.u0), t1 = SCALE.toT(view.u1);
    lanes = $("lanes").checked;
    buildLegend();
    var pw = plotWidth();
    show(new Viewport(SCALE.toU(t0), SCALE.toU(t1), pw));
    draw();
  });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target, tag = t && t.tagName;
    if (ev.ctrlKey || ev.metaKey || ev.altKey || !view || $("article").open) return;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    if (ev.key === "+" || ev.key === "=") animateZoom(2);
    else if (ev.key === "-" || ev.key === "_") animateZoom(0.5);
    else if (ev.key === "ArrowLeft") panPixels(view.width / 8);
    else if (ev.key === "ArrowRight") panPixels(-view.width / 8);
    else if (ev.key === "0") fitAll();
    else return;
    ev.preventDefault();
  });
  darkScheme.addEventListener("change", function () { COLORS = null; draw(); });
  if (window.ResizeObserver) {
    new ResizeObserver(function (entries) {
      plotCssW = entries[entries.length - 1].contentRect.width;
      if (view) draw(); else start();
    }).observe(plot);
  }

  // the filters fold away below 600 px only: wider, their heading is no toggle (not by
  // keyboard either), and widening the window opens them again
  var wide = window.matchMedia("(min-width: 600px)"), filterBox = $("filter-box");
  var summary = filterBox.querySelector("summary");
  function fitFilters() {
    if (wide.matches) { filterBox.open = true; summary.tabIndex = -1; }
    else summary.removeAttribute("tabindex");
  }
  summary.addEventListener("click", function (ev) { if (wide.matches) ev.preventDefault(); });
  filterBox.addEventListener("toggle", function () { if (wide.matches && !filterBox.open) filterBox.open = true; });
  wide.addEventListener("change", fitFilters);
  fitFilters();
  if (!wide.matches) filterBox.open = false;
  $("detail").classList.add("empty");

  function start() {
    if (view) return;
    view = new Viewport(0, 1, 1);
    show(fitted(EXTENT[0], EXTENT[1], 0.03, plotWidth()));
  }
  start();
  applyFilter();
  buildList();
  applyFilter();
  var opened = fromHash();
  if (opened >= 0) {
    select(opened, "list");
    items[opened].scrollIntoView();
  }
  window.__timelineReady = performance.now();
})();
