"use strict";
window.__timelineReady = performance.now();
