// fleet-api's own fleet map (spec 3.4 and 9): polls GET /api/v1/telemetry/latest every 2 s, draws every drone,
// marks those fleet-api reports offline (not seen for OFFLINE_AFTER_S, 30 s by default) in grey, and shows a
// drone's whole latest state when it is clicked. Plain script, no build step; drone data is only ever set as
// text, never as HTML.
(function () {
  'use strict';
  var POLL_MS = 2000;
  var params = new URLSearchParams(window.location.search);
  // Tiles are optional: ?tiles=<template> points at another tile server; without any the map still works.
  var tileUrl = params.get('tiles') || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

  var map = L.map('map', { preferCanvas: true }).setView([5.6037, -0.187], 12);
  L.tileLayer(tileUrl, { maxZoom: 19, attribution: '&copy; OpenStreetMap contributors' }).addTo(map);

  var markers = new Map();
  var drones = new Map();
  var selected = null;
  var fitted = false;
  var tbody = document.querySelector('#drones tbody');
  var statusEl = document.getElementById('status');
  var errorEl = document.getElementById('error');

  function ago(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return s + ' s ago';
    if (s < 3600) return Math.floor(s / 60) + ' min ago';
    return Math.floor(s / 3600) + ' h ago';
  }

  function text(v, unit) {
    if (v === null || v === undefined) return '—';
    return unit ? v + ' ' + unit : String(v);
  }

  function cell(row, value, cls) {
    var td = document.createElement('td');
    td.textContent = value;
    if (cls) td.className = cls;
    row.appendChild(td);
  }

  function flatten(obj, prefix, out) {
    Object.keys(obj || {}).forEach(function (k) {
      var v = obj[k];
      var key = prefix ? prefix + '.' + k : k;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v, key, out);
      else out.push([key, v]);
    });
    return out;
  }

  function showDetail(id, serverNow) {
    var d = drones.get(id);
    var panel = document.getElementById('detail');
    if (!d) {
      panel.hidden = true;
      return;
    }
    selected = id;
    panel.hidden = false;
    document.getElementById('detail-title').textContent = id + (d.online ? ' · ONLINE' : ' · OFFLINE');
    var dl = document.getElementById('detail-fields');
    dl.replaceChildren();
    var rows = [['last_seen_ts', d.last_seen_ts + ' (' + ago(serverNow - Date.parse(d.last_seen_ts)) + ')']].concat(flatten(d.telemetry, '', []));
    rows.forEach(function (r) {
      var dt = document.createElement('dt');
      dt.textContent = r[0];
      var dd = document.createElement('dd');
      dd.textContent = text(r[1]);
      dl.append(dt, dd);
    });
  }

  document.getElementById('detail-close').addEventListener('click', function () {
    selected = null;
    document.getElementById('detail').hidden = true;
  });

  function render(res) {
    var serverNow = Date.parse(res.server_time);
    var seen = new Set();
    var bounds = [];
    var offline = 0;
    tbody.replaceChildren();
    res.drones
      .slice()
      .sort(function (a, b) { return a.drone_id < b.drone_id ? -1 : 1; })
      .forEach(function (d) {
        seen.add(d.drone_id);
        drones.set(d.drone_id, d);
        if (!d.online) offline++;
        var t = d.telemetry || {};
        var row = document.createElement('tr');
        row.className = d.online ? 'online' : 'offline';
        row.tabIndex = 0;
        row.dataset.drone = d.drone_id;
        cell(row, d.drone_id);
        cell(row, d.online ? 'ONLINE' : 'OFFLINE', 'status');
        cell(row, ago(serverNow - Date.parse(d.last_seen_ts)));
        cell(row, text(t.state && t.state.mode));
        cell(row, text(t.battery && t.battery.remaining_pct, '%'));
        cell(row, t.state && typeof t.state.armed === 'boolean' ? (t.state.armed ? 'yes' : 'no') : '—');
        row.addEventListener('click', function () { showDetail(d.drone_id, serverNow); });
        row.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); showDetail(d.drone_id, serverNow); } });
        tbody.appendChild(row);

        var p = t.position;
        if (!p) return;
        var ll = [p.lat, p.lon];
        bounds.push(ll);
        var style = { radius: 7, color: '#ffffff', weight: 2, fillOpacity: 0.95, fillColor: d.online ? '#1565c0' : '#9e9e9e' };
        var m = markers.get(d.drone_id);
        if (!m) {
          m = L.circleMarker(ll, style).addTo(map);
          m.bindTooltip(d.drone_id);
          m.on('click', function () { showDetail(d.drone_id, Date.parse(lastServerTime)); });
          markers.set(d.drone_id, m);
        } else {
          m.setLatLng(ll);
          m.setStyle(style);
        }
      });
    markers.forEach(function (m, id) {
      if (!seen.has(id)) {
        m.remove();
        markers.delete(id);
      }
    });
    document.getElementById('empty').hidden = res.drones.length > 0;
    statusEl.textContent = res.count + ' drones, ' + offline + ' offline · updated ' + new Date(serverNow).toLocaleTimeString();
    if (!fitted && bounds.length > 0) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 });
      fitted = true;
    }
    if (selected) showDetail(selected, serverNow);
  }

  var lastServerTime = new Date().toISOString();
  function poll() {
    fetch('/api/v1/telemetry/latest', { headers: { accept: 'application/json' } })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) throw new Error(body && body.message ? body.message : 'HTTP ' + r.status);
          return body;
        });
      })
      .then(function (res) {
        lastServerTime = res.server_time;
        errorEl.hidden = true;
        render(res);
      })
      .catch(function (err) {
        errorEl.hidden = false;
        errorEl.textContent = 'Positions could not be refreshed: ' + err.message + '. Retrying every 2 s.';
      })
      .finally(function () { setTimeout(poll, POLL_MS); });
  }
  poll();
})();
