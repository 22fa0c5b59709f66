// GridMeter portal: the only script. Draws charts with uPlot and keeps live values current with
// Server-Sent Events. Pages work without it; it only adds to what the server rendered.
"use strict";

(function () {
  function drawCharts() {
    if (typeof uPlot === "undefined") {
      return;
    }
    document.querySelectorAll(".chart[data-chart]").forEach(function (element) {
      var points = JSON.parse(element.getAttribute("data-chart"));
      var xs = points.map(function (p) { return p[0]; });
      var ys = points.map(function (p) { return p[1]; });
      var month = element.getAttribute("data-step") === "month";
      var width = Math.max(280, element.clientWidth);
      var options = {
        width: width,
        height: 220,
        legend: { show: false },
        scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; } } },
        axes: [
          { values: month ? "{MMM}" : "{D} {MMM}" },
          { label: element.getAttribute("data-unit") || "" }
        ],
        series: [
          {},
          { label: "kWh", stroke: "#0b5cad", fill: "rgba(11,92,173,0.35)", paths: uPlot.paths.bars({ size: [0.8, 40] }), points: { show: false } }
        ]
      };
      var chart = new uPlot(options, [xs, ys], element);
      window.addEventListener("resize", function () {
        chart.setSize({ width: Math.max(280, element.clientWidth), height: 220 });
      });
    });
  }

  function format(value, decimals) {
    return Number(value).toFixed(decimals);
  }

  function followLive() {
    var section = document.querySelector("[data-live]");
    if (!section || typeof EventSource === "undefined") {
      return;
    }
    var units = { "1-0:1.7.0": [" kW", 3], "1-0:32.7.0": [" V", 1], "1-0:31.7.0": [" A", 2], "1-0:14.7.0": [" Hz", 2] };
    var source = new EventSource(section.getAttribute("data-live"));
    source.addEventListener("live", function (event) {
      var live = JSON.parse(event.data);
      if (!live.ts) {
        return;
      }
      section.querySelectorAll("output[data-obis]").forEach(function (output) {
        var obis = output.getAttribute("data-obis");
        if (obis in live.values) {
          var unit = units[obis] || ["", 3];
          output.textContent = format(live.values[obis], unit[1]) + unit[0];
        }
      });
      var time = document.getElementById("live-time");
      if (time) {
        // The meter's own time zone, written like the server writes it (yyyy-mm-dd hh:mm:ss).
        time.textContent = new Date(live.ts).toLocaleString("sv-SE", { timeZone: section.getAttribute("data-zone") || undefined });
      }
    });
    // Leaving the page closes the stream on purpose; the browser reconnects by itself otherwise.
    window.addEventListener("pagehide", function () { source.close(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts();
    followLive();
  });
})();
