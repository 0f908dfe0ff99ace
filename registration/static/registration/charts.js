// Charts of the hours dashboard and the report. Data comes from json_script; numbers are beside each chart.
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  var words = document.getElementById("chart-words");
  var HOURS = words ? words.dataset.hours : "Uren";
  var BUDGET = words ? words.dataset.budget : "Weekbudget";
  var PERCENT = words ? words.dataset.percent : "%";
  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function bars(canvasId, labels, hours, budget) {
    var canvas = document.getElementById(canvasId);
    if (!canvas) return;
    var datasets = [{ type: "bar", label: HOURS, data: hours, backgroundColor: "#2b6777" }];
    if (budget) {
      datasets.push({ type: "line", label: BUDGET, data: labels.map(function () { return budget; }),
        borderColor: "#c0392b", pointRadius: 0 });
    }
    new Chart(canvas, { data: { labels: labels, datasets: datasets },
      options: { animation: false, scales: { y: { beginAtZero: true } } } });
  }
  var dashboard = read("dashboard-charts");
  if (dashboard) {
    dashboard.teams.forEach(function (team) { bars("chart-" + team.id, team.labels, team.hours); });
    dashboard.agreements.forEach(function (row) {
      bars("chart-" + row.id, row.labels, row.hours, row.budget);
      var canvas = document.getElementById("chart-goals-" + row.id.replace("agreement-", ""));
      if (canvas && row.goals.length) {
        new Chart(canvas, { type: "bar", data: {
          labels: row.goals.map(function (g) { return g.label; }),
          datasets: [{ label: PERCENT, data: row.goals.map(function (g) { return g.percent; }), backgroundColor: "#52ab98" }] },
          options: { indexAxis: "y", animation: false, scales: { x: { beginAtZero: true, suggestedMax: 100 } } } });
      }
    });
  }
  var report = read("report-chart");
  if (report) bars("chart-" + report.id, report.labels, report.hours);
})();
